#pragma once

// How the rerank page reads scores. Scores are not comparable across models (complaint 14: some
// answer probabilities in [0, 1], others raw logits), so the page shows both the raw score and
// sigmoid(raw), and its score bar uses one of them and says which:
//   - the raw score when the model is known to answer in [0, 1] (every built-in local reranker)
//     or when every score of the answer lies in [0, 1] (applying sigmoid to probabilities again
//     would squash them into [0.5, 0.73]);
//   - sigmoid(raw) otherwise (logits, any sign and size).

#include "api/rerank.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace wb::ui::rerank {

enum class ScoreScale { Raw, Sigmoid };

double sigmoid(double x);

//! Raw when `knownUnitRange` or every score is in [0, 1]; Sigmoid otherwise.
ScoreScale barScale(const api::RerankResponse &response, bool knownUnitRange);

//! What the bar shows, for labels and headers: "raw score" / "sigmoid(raw)".
QString scaleName(ScoreScale scale);

//! The bar value of `raw` on `scale`, clamped to [0, 1].
double barValue(double raw, ScoreScale scale);

//! Places an item moved up (positive) or down against another order: "▲3", "▼2" or "=".
QString rankChangeText(int change);

//! rank[i] of item i in `response` (0 = best); -1 for an item it does not list (cut by
//! max_num_results). `itemCount` items.
std::vector<int> ranksByItem(const api::RerankResponse &response, int itemCount);

//! One model's answer for the page's items.
struct RerankOutcome
{
    QString model;
    QString query;
    QStringList items; //!< in input order; response indices point here
    api::RerankResponse response;
    ScoreScale scale = ScoreScale::Raw;
    QString scoreMeaning; //!< the model's metadata.score, when listed
};

} // namespace wb::ui::rerank
