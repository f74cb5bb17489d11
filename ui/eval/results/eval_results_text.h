#pragma once

// The words and numbers of the results header: the job's status line and its aggregate metrics.

#include "api/eval_jobs.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace wb::ui {

//! One aggregation's result: "accuracy 0.60 (3 / 5)", "average 0.53",
//! "categorical_count A: 3, B: 2"; unknown shapes as "<name> <compact JSON>".
QString aggregationText(const std::string &name, const api::Json &value);
//! One line per scoring function: "basic::equality: accuracy 0.60 (3 / 5) · median 1.00".
QStringList aggregateLines(const api::EvalJobInfo &job);
//! "12 s", "3 min 04 s", "1 h 02 min"; empty when the job has not started.
QString jobDuration(const api::EvalJobInfo &job, const QDateTime &now);
//! "completed · model · 95 of 100 rows done, 2 failed · 1 min 10 s", plus the error if any.
QString jobSummary(const api::EvalJobInfo &job, const QDateTime &now);

} // namespace wb::ui
