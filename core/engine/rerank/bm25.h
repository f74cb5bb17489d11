#pragma once

// Okapi BM25 over one rerank request: the items are the collection, so document frequencies,
// the average length and therefore the scores depend on the request's items only.
//
//   score(q, d) = Σ_{t ∈ q} idf(t) · f(t,d)·(k1+1) / (f(t,d) + k1·(1 − b + b·|d|/avgdl))
//   idf(t)      = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))      (Lucene's form: never negative,
//                                                               so a term in every item still counts a little)
// A query term counts once per occurrence in the query. Terms come from bm25Terms(): words split
// on Unicode boundaries (letters, digits and marks of any script; "C++", "C#" and "F#" kept
// whole), case-folded, then stemmed by the Snowball stemmer of the chosen language (Debian's
// libstemmer). Scripts written without spaces (Han, Hiragana, Katakana, Thai) give one term per
// character.
//
// Pure functions, thread-safe (each call makes its own stemmer).

#include <string>
#include <vector>

namespace wb::engine {

struct Bm25Params
{
    double k1 = 1.2;
    double b = 0.75;
    //! A libstemmer algorithm ("english", "german", "french", ...) or "none" for no stemming.
    std::string language = "english";
};

//! The languages bm25Terms() stems, sorted, plus "none".
std::vector<std::string> bm25Languages();
bool bm25LanguageSupported(const std::string &language);

//! The terms BM25 counts in `text` (UTF-8; invalid bytes are skipped), in order.
std::vector<std::string> bm25Terms(const std::string &text, const std::string &language);

//! The raw BM25 score of each document for `query`, in document order.
std::vector<double> bm25RawScores(const std::string &query, const std::vector<std::string> &documents,
                                  const Bm25Params &params);

//! bm25RawScores() divided by the highest of them, so the best item scores 1 and an item without
//! any query term 0 (all 0 when nothing matches): the scores the `bm25` model answers.
std::vector<double> bm25Scores(const std::string &query, const std::vector<std::string> &documents,
                               const Bm25Params &params);

} // namespace wb::engine
