#pragma once

// One scoring function as the engine runs it: its definition (what /v1/scoring-functions lists,
// with its default params) and, for given params, a prepared per-row scorer (regexes compiled
// once, so scoring a million rows does not recompile them per row).
//
// Params: the caller passes the effective params: the request's when it gave some, else the
// definition's defaults (ScoringService decides; request params never change the defaults).
// Within given params, an empty parsing_regexes / judge_score_regexes list means the function's
// default list; an empty aggregation_functions list means no aggregation (upstream: {}).
//
// Score rows: {"score": ...} plus what helps a person tell a parsing failure from a wrong answer:
// regex functions add "extracted_answer" (null when nothing matched), math adds
// "normalized_expected"; judges add "judge_feedback". ifeval adds "weight" and per-instruction
// results.
//
// Errors (api::Result): prepare() → 400 for params the function cannot take (wrong params type,
// an invalid regex naming it, a math function given several regexes); score() → 400 for a row
// that lacks a column the function needs ("row is missing 'expected_answer'"; the caller adds the
// row index), 502/504 from a judge model, Error::cancelled() when `cancel` was set.
//
// Threading: definitions and prepared scorers are immutable; score() may run on many threads.

#include "api/cancel.h"
#include "api/result.h"
#include "api/scoring.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace wb::engine {

class RowScorer
{
public:
    virtual ~RowScorer() = default;
    virtual api::Result<api::JsonObject> score(const api::JsonObject &row,
                                               const api::CancelToken &cancel) const = 0;
};

class ScoringFunctionImpl
{
public:
    virtual ~ScoringFunctionImpl() = default;
    //! identifier, provider_id ("basic" | "llm-as-judge"), description, return_type, default params.
    virtual api::ScoringFn definition() const = 0;
    //! `principal` is who scores (a judge model is looked up as they see the models).
    virtual api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &params,
                                                                  const std::string &principal) const = 0;
};

using ScoringFunctionList = std::vector<std::shared_ptr<const ScoringFunctionImpl>>;

//! Asks a judge model one question: `prompt` as a single user message to `model`, no sampling
//! params (upstream), on behalf of `principal`. Returns the reply text. Provided by the engine.
using JudgeCall = std::function<api::Result<std::string>(const std::string &principal,
                                                         const std::string &model,
                                                         const std::string &prompt,
                                                         const api::CancelToken &cancel)>;

} // namespace wb::engine
