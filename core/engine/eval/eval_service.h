#pragma once

// The Eval API, synchronously, and the run_eval job scheduler.
//
// evaluate_rows: generate an answer for each row with the candidate (prompt rules in
// docs/eval.md), then score `row ∪ {generated_answer}` with the request's functions.
// run_eval: a job stored as a resource of kind "eval_job" (EvalJobInfo as its body) whose
// evaluated rows (EvalRowResult) are the resource's rows, appended as they are produced. Jobs run
// on the service's own threads, at most `maxConcurrentJobs` at once; the rest wait as
// "scheduled". Status changes are written to the store before anyone can observe them. Cancel
// is checked between rows and inside a generation (within one token). At start-up
// recoverInterruptedJobs() marks jobs left scheduled or in_progress by a previous process as
// failed, with the reason.
//
// Errors: core/api/error.h; see EvalApi in api/stack_api.h.

#include "api/cancel.h"
#include "api/eval.h"
#include "api/eval_jobs.h"
#include "api/result.h"

#include <memory>
#include <optional>
#include <string>

namespace wb::store {
class Store;
}

namespace wb::engine {

class BenchmarkService;
class DatasetService;
class InferenceService;
class LocalModelCache;
class ScoringService;

struct EvalServiceConfig
{
    int maxConcurrentJobs = 1; //!< jobs running at once (at least 1)
    int batchSize = 8;         //!< rows generated together on a local model (1: no batching)
};

class EvalService
{
public:
    EvalService(store::Store &store, DatasetService &datasets, BenchmarkService &benchmarks,
                ScoringService &scoring, InferenceService &inference, LocalModelCache &localModels,
                EvalServiceConfig config);
    ~EvalService(); //!< cancels running jobs (they end "failed: the workbench stopped") and waits

    //! Marks jobs a previous process left scheduled or in_progress as failed.
    api::Status recoverInterruptedJobs();

    api::Result<api::EvaluateResponse> evaluateRows(const std::string &principal,
                                                    const std::string &benchmarkId,
                                                    const api::EvaluateRowsRequest &request,
                                                    const api::CancelToken &cancel);
    api::Result<api::Job> runEval(const std::string &principal, const std::string &benchmarkId,
                                  const api::RunEvalRequest &request);
    api::Result<api::Job> jobStatus(const std::string &principal, const std::string &benchmarkId,
                                    const std::string &jobId);
    api::Status jobCancel(const std::string &principal, const std::string &benchmarkId,
                          const std::string &jobId);
    api::Result<api::EvaluateResponse> jobResult(const std::string &principal,
                                                 const std::string &benchmarkId,
                                                 const std::string &jobId);

    api::Result<api::ListEvalJobsResponse> listJobs(const std::string &principal,
                                                    const std::optional<std::string> &benchmarkId);
    api::Result<api::EvalJobInfo> jobInfo(const std::string &principal, const std::string &benchmarkId,
                                          const std::string &jobId);
    api::Result<api::EvalRowsPage> jobRows(const std::string &principal, const std::string &benchmarkId,
                                           const std::string &jobId, std::optional<int64_t> startIndex,
                                           std::optional<int64_t> limit);
    api::Status deleteJob(const std::string &principal, const std::string &benchmarkId,
                          const std::string &jobId);

    //! Cancels every scheduled or running job of a benchmark (it was unregistered).
    void cancelJobsOf(const std::string &benchmarkId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
