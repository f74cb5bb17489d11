#pragma once

// The words the eval page shows for API values: job statuses, the "main metric" of a run,
// aggregation and params-type names. One place, so the lists, the progress line and the tests
// read them the same way.

#include "api/eval_jobs.h"
#include "api/scoring.h"

#include <QString>

#include <optional>

namespace wb::ui {

//! "scheduled", "running", "completed", "failed", "cancelled" (translated).
QString jobStatusText(api::JobStatus status);
//! Scheduled or in progress: the job may still change.
bool isActive(api::JobStatus status);

//! The first aggregation of the first scoring function of a finished run, as "accuracy 0.667";
//! empty while nothing is aggregated yet.
QString mainMetricText(const api::EvalJobInfo &job);
//! Its number, when the aggregation produced one (categorical counts do not).
std::optional<double> mainMetricValue(const api::EvalJobInfo &job);

//! "12 / 40" (with "· 2 failed" when rows failed); "–" before the rows were read.
QString rowsText(const api::EvalJobInfo &job);

//! The API's name of an aggregation ("average", "categorical_count", ...).
QString aggregationName(api::AggregationFunctionType type);

//! "basic", "regex_parser" or "llm_as_judge": the `type` of a params alternative.
QString paramsTypeName(const api::ScoringFnParams &params);

//! An ISO-8601 UTC timestamp in the user's local time, short format.
QString timestampText(const std::string &iso);

} // namespace wb::ui
