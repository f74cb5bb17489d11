#pragma once

// Writing an eval run to a file. Plain functions over a snapshot (shared, immutable row entries),
// so the view can run them on a worker thread while the job keeps adding rows to its model.
//
// CSV (RFC 4180, CRLF, quoted when needed): a header, then one record per row:
//   index, input, expected, generated, extracted_answer, <one column per scoring function>,
//   judge_feedback, result (pass / fail / error), error
// JSON: {"job": EvalJobInfo, "rows": [EvalRowResult, ...]}, the rows as the API returns them.

#include "eval_row_table.h"

#include <QString>

class QIODevice;

namespace wb::ui {

enum class EvalExportFormat { Csv, Json };

struct EvalExportSnapshot
{
    api::EvalJobInfo job;
    std::vector<std::string> functions;
    std::vector<EvalRowEntryPtr> rows;
    std::vector<RowOutcome> outcomes; //!< aligned with rows
};

//! The rows at `positions` of `table` (every row when `positions` is nullptr), in that order.
EvalExportSnapshot makeExportSnapshot(const api::EvalJobInfo &job, const EvalRowTable &table,
                                      const std::vector<size_t> *positions = nullptr);

//! "pass", "fail", "error": file content, so not translated.
const char *outcomeToken(RowOutcome outcome);

//! Writes the snapshot to `out`; returns an empty string on success, else the device's error.
QString writeEvalCsv(QIODevice &out, const EvalExportSnapshot &snapshot);
QString writeEvalJson(QIODevice &out, const EvalExportSnapshot &snapshot);

//! Writes `path` through QSaveFile (a failed export leaves no partial file and keeps an existing
//! one). Returns an empty string on success, else a readable message. Safe on any thread.
QString exportEvalResults(const QString &path, EvalExportFormat format, const EvalExportSnapshot &snapshot);

} // namespace wb::ui
