#pragma once

// Writes the rerank page's results to files: the single-query results of one or two models and a
// batch run's per-row metrics, as CSV (RFC 4180, one row per model and rank / per model and
// dataset row, then one "mean" row per model) or as one JSON document. The page asks for the path;
// these functions only write, so tests call them directly.

#include "rerank_batch_result.h"
#include "rerank_scores.h"

#include "api/result.h"

#include <QString>

#include <vector>

namespace wb::ui::rerank {

api::Json resultsJson(const std::vector<RerankOutcome> &outcomes);
api::Json batchJson(const BatchResult &result);

api::Status writeResultsCsv(const QString &path, const std::vector<RerankOutcome> &outcomes);
api::Status writeResultsJson(const QString &path, const std::vector<RerankOutcome> &outcomes);
api::Status writeBatchCsv(const QString &path, const BatchResult &result);
api::Status writeBatchJson(const QString &path, const BatchResult &result);

//! "graded" / "indices" as the exports name a label kind.
const char *labelKindName(LabelKind kind);

} // namespace wb::ui::rerank
