#pragma once

// A benchmark's own scoring params. The Benchmarks API has no field for them (upstream passes
// params only with each run), so the workbench keeps them in the benchmark's metadata under
// "scoring_params" ({fn id: ScoringFnParams}) and sends them with every run, where the run setup
// may override them. Other clients see ordinary metadata.

#include "api/benchmarks.h"
#include "api/scoring.h"

#include <QString>

namespace wb::ui {

inline constexpr const char *kScoringParamsKey = "scoring_params";

struct BenchmarkParams
{
    api::OrderedMap<api::ScoringFnParams> params; //!< only the functions that have their own
    QString error; //!< the metadata held something unreadable (the rest is still read)
};

BenchmarkParams benchmarkScoringParams(const api::Benchmark &benchmark);

//! Writes `params` into `metadata` (removing the key when empty).
void setBenchmarkScoringParams(api::JsonObject &metadata, const api::OrderedMap<api::ScoringFnParams> &params);

} // namespace wb::ui
