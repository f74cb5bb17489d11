#pragma once

// Ranking quality of one reranked list against relevance labels, and reading those labels from a
// dataset row. Pure functions (no Qt), so the metric math is tested with hand-computed values.
//
// NDCG@k uses the exponential gain: DCG@k = Σ_{i<k} (2^rel_i − 1) / log2(i + 2) over the model's
// ranking (i from 0), IDCG@k the same over the labels sorted by descending relevance (all
// candidates, not only those returned), NDCG@k = DCG@k / IDCG@k; 0 when no candidate is relevant
// (IDCG = 0), as trec_eval does. k larger than the list uses the whole list.
// MRR is 1 / (1-based rank of the first candidate with relevance > 0) over the whole ranking,
// 0 when none is relevant.
//
// Ties: the API orders equal scores by input order, and datasets often list the relevant
// candidates first, so a model that scores everything equal would look perfect. The batch
// therefore scores with the tie-aware forms (McSherry & Najork 2008): the expected value over
// every order of each group of equal scores. An item of a tie group occupying ranks [a, b] gets
// the mean discount of those ranks (ranks ≥ k count 0 in that mean), and MRR is the expected
// reciprocal rank of the first relevant item. Without ties both equal the plain forms.

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

//! Tie-aware NDCG@k: `scoresInRankOrder[i]` is the score of `ranking[i]`; equal neighbouring
//! scores form a tie group (the API answers scores sorted, so equal scores are neighbours).
double tieAwareNdcgAtK(const std::vector<int> &ranking, const std::vector<double> &scoresInRankOrder,
                       const std::vector<double> &relevance, int k);

//! Tie-aware reciprocal rank: the expected 1 / rank of the first relevant candidate when each
//! tie group is in random order.
double tieAwareReciprocalRank(const std::vector<int> &ranking, const std::vector<double> &scoresInRankOrder,
                              const std::vector<double> &relevance);

//! Candidate indices by descending score, equal scores in input order (the API's tie rule).
std::vector<int> rankingFromScores(const std::vector<double> &scores);

//! How a dataset gives its labels.
enum class LabelKind {
    Graded,  //!< one number per candidate (graded relevance; 0 = not relevant)
    Indices, //!< the indices of the relevant candidates (each relevance 1)
};

//! How the labels are to be read: detected once per dataset, or as the user says.
enum class LabelMode { Auto, Graded, Indices };

struct Labels
{
    LabelKind kind = LabelKind::Graded;
    std::vector<double> relevance; //!< one per candidate
};

//! Which reading Auto picks for a whole dataset, from each readable row's labels cell and its
//! candidate count: graded only when every row's labels list (of numbers) has one value per
//! candidate, else indices. A per-row guess by length would read [0, 1] as grades for two
//! candidates and as indices for three in the same dataset. Cells that are not lists of numbers
//! are skipped here (the row reports them).
LabelKind detectLabelKind(const std::vector<std::pair<api::Json, size_t>> &labelsAndCandidateCounts);

//! Reads a labels cell for `candidateCount` candidates as `kind`: graded is one non-negative
//! number per candidate; indices are distinct whole numbers from 0 to candidateCount − 1. A JSON
//! string holding such a list is read the same way. A 400 whose detail says what is wrong
//! otherwise.
api::Result<Labels> parseLabels(const api::Json &cell, size_t candidateCount, LabelKind kind);

//! A query cell: a string or a text part ({"type": "text", "text": ...}).
api::Result<std::string> parseQuery(const api::Json &cell);

//! A candidates cell: a list of strings or text parts (or a JSON string holding one).
api::Result<std::vector<std::string>> parseCandidates(const api::Json &cell);

} // namespace wb::ui::rerank
