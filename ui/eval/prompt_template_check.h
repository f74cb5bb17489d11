#pragma once

// Checks an LLM-as-judge prompt template the way the backend reads it (Python str.format): `{{`
// and `}}` are literal braces, `{name}` must be one of the known placeholders. Checked in the
// dialog so a typo such as {expected} is named before the request goes out.

#include <QString>
#include <QStringList>

namespace wb::ui {

//! {input_query}, {expected_answer}, {generated_answer}.
QStringList promptPlaceholders();

//! Empty when the template is usable; else what is wrong, naming the placeholder or position.
QString promptTemplateError(const QString &text);

} // namespace wb::ui
