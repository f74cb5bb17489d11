#pragma once

// The ScoringFunctions and Scoring APIs, synchronously: the built-in functions (basic and
// llm-as-judge, registered at start-up, never stored) and user-defined judge functions (kind
// "scoring_function" in the store, owned like datasets: a principal sees its own and those
// registered without auth).
//
// Also what eval uses to score rows one at a time: prepare() the functions once, score each row
// as it is generated, aggregate at the end.
//
// Errors: core/api/error.h; see ScoringApi / ScoringFunctionsApi in api/stack_api.h.
// Threading: thread-safe; score calls for different requests run in parallel.

#include "engine/scoring/scoring_function.h"

#include "api/cancel.h"
#include "api/result.h"
#include "api/scoring.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wb::store {
class Store;
}

namespace wb::engine {

class DatasetService;

//! One function ready to score: its id, effective params and prepared scorer.
struct PreparedFunction
{
    std::string id;
    api::ScoringFnParams params; //!< effective (request's or defaults)
    std::shared_ptr<const RowScorer> scorer;
};

class ScoringService
{
public:
    ScoringService(store::Store &store, DatasetService &datasets, JudgeCall judge);
    ~ScoringService();

    api::Result<api::ListScoringFunctionsResponse> list(const std::string &principal);
    api::Result<api::ScoringFn> get(const std::string &principal, const std::string &id);
    api::Status registerFunction(const std::string &principal,
                                 const api::RegisterScoringFunctionRequest &request);
    api::Status unregisterFunction(const std::string &principal, const std::string &id);

    //! Every function of `functions` prepared with its effective params, in order. 404 for an
    //! unknown function, 400 for params it cannot take.
    api::Result<std::vector<PreparedFunction>> prepare(const std::string &principal,
                                                       const api::ScoringFunctionsParams &functions);

    //! Scores `rows` with `functions` (rows in parallel on up to `threads` threads for the
    //! CPU-bound functions) and aggregates. 400 names the row index of a bad row.
    api::Result<api::ScoreResponse> score(const std::string &principal,
                                          const api::ScoreRequest &request,
                                          const api::CancelToken &cancel);
    api::Result<api::ScoreBatchResponse> scoreBatch(const std::string &principal,
                                                    const api::ScoreBatchRequest &request,
                                                    const api::CancelToken &cancel);

    //! Scores one row with every prepared function: fn id → score row. Used by eval.
    api::Result<api::OrderedMap<api::JsonObject>> scoreRow(const std::vector<PreparedFunction> &functions,
                                                          const api::JsonObject &row,
                                                          const api::CancelToken &cancel);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
