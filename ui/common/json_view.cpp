#include "json_view.h"

#include "json_text.h"

#include <QFontDatabase>

namespace wb::ui {

JsonView::JsonView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap); // indentation is the point; wrapping would hide it
}

void JsonView::setJson(const api::Json &value)
{
    setPlainText(prettyJson(value));
}

void JsonView::setJsonText(const QString &text)
{
    const api::Json j = api::Json::parse(text.toStdString(), nullptr, false);
    setPlainText(j.is_discarded() ? text : prettyJson(j));
}

} // namespace wb::ui
