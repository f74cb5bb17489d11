#pragma once

// How datasets are named in the UI: the short source form for the list, purpose names, and the
// purpose/columns check behind the warning banner.

#include "api/datasets.h"

#include <QString>
#include <QStringList>

namespace wb::ui {

//! "data.csv", "example.org", "inline rows (3)", "hf: org/name:train", "data: URI".
QString sourceSummary(const api::DataSource &source);
//! The full source for tooltips: the URI, or the number of inline rows.
QString sourceDetail(const api::DataSource &source);

//! The API name ("eval/question-answer"); an identifier, so it is not translated.
QString purposeName(api::DatasetPurpose purpose);
const std::vector<api::DatasetPurpose> &allPurposes();

//! Columns the purpose expects that `columns` lacks, in the purpose's order.
QStringList missingColumns(api::DatasetPurpose purpose, const std::vector<std::string> &columns);

} // namespace wb::ui
