#pragma once

// Ranking quality of one reranked list against relevance labels, and reading those labels from a
// dataset row. Pure functions (no Qt), so the metric math is tested with hand-computed values.
//
// NDCG@k uses the exponential gain: DCG@k = Σ_{i<k} (2^rel_i − 1) / log2(i + 2) over the model's
// ranking (i from 0), IDCG@k the same over the labels sorted by descending relevance (all
// candidates, not only those returned), NDCG@k = DCG@k / IDCG@k; 0 when no candidate is relevant
// (IDCG = 0), as trec_eval does. k larger than the list uses the whole list.
// MRR is 1 / (1-based rank of the first candidate with relevance > 0) over the whole ranking,
// 0 when none is relevant. Ties in scores are the ranking's business: the API already orders
// equal scores by input order, and rankingFromScores() does the same.

#include "api/json_io.h"
#include "api/result.h"

#include <optional>
#include <string>
#include <vector>

namespace wb::ui::rerank {

//! DCG@k of `relevanceInRankOrder` (the label of the item at rank 0, 1, ...).
double dcgAtK(const std::vector<double> &relevanceInRankOrder, int k);

//! NDCG@k of `ranking` (candidate indices, best first) against `relevance` (one label per
//! candidate). Indices outside the labels count as relevance 0.
double ndcgAtK(const std::vector<int> &ranking, const std::vector<double> &relevance, int k);

//! Reciprocal rank of the first relevant (> 0) candidate of `ranking`; 0 when there is none.
double reciprocalRank(const std::vector<int> &ranking, const std::vector<double> &relevance);

//! Candidate indices by descending score, equal scores in input order (the API's tie rule).
std::vector<int> rankingFromScores(const std::vector<double> &scores);

//! How a row gives its labels.
enum class LabelKind {
    Graded,  //!< one number per candidate (graded relevance; 0 = not relevant)
    Indices, //!< the indices of the relevant candidates (each relevance 1)
};

struct Labels
{
    LabelKind kind = LabelKind::Graded;
    std::vector<double> relevance; //!< one per candidate
};

//! Reads a labels cell for `candidateCount` candidates: a list of numbers with one per candidate
//! is graded relevance; any other length is a list of relevant indices (whole numbers from 0 to
//! candidateCount − 1). A JSON string holding such a list is read the same way. A 400 whose
//! detail says what is wrong otherwise.
api::Result<Labels> parseLabels(const api::Json &cell, size_t candidateCount);

//! A query cell: a string or a text part ({"type": "text", "text": ...}).
api::Result<std::string> parseQuery(const api::Json &cell);

//! A candidates cell: a list of strings or text parts (or a JSON string holding one).
api::Result<std::vector<std::string>> parseCandidates(const api::Json &cell);

} // namespace wb::ui::rerank
