#pragma once

// Private to EvalService (eval_service.cpp, eval_job_runner.cpp): what the service keeps, the jobs
// it has scheduled or is running, and the helpers both evaluate_rows and the jobs use.

#include "engine/eval/eval_job_store.h"
#include "engine/eval/eval_service.h"
#include "engine/scoring/scoring_service.h"

#include <QThreadPool>

#include <map>
#include <memory>
#include <mutex>

namespace wb::engine {

//! A job this process has queued or is running.
struct ActiveJob
{
    enum class Stop { None, User, Unregistered, Closing };
    std::string id;
    std::string benchmarkId;
    std::string principal;
    api::CancelToken cancel;
    bool started = false;   //!< guarded by Private::mutex
    Stop stop = Stop::None; //!< guarded by Private::mutex
};

struct EvalService::Private
{
    Private(store::Store &s, DatasetService &d, BenchmarkService &b, ScoringService &sc,
            InferenceService &i, EvalServiceConfig c)
        : store(s), datasets(d), benchmarks(b), scoring(sc), inference(i), config(c), jobs(s)
    {}

    store::Store &store;
    DatasetService &datasets;
    BenchmarkService &benchmarks;
    ScoringService &scoring;
    InferenceService &inference;
    EvalServiceConfig config;
    EvalJobStore jobs;
    QThreadPool pool; //!< the job threads: config.maxConcurrentJobs, FIFO

    //! Guards `active`, `closing`, ActiveJob's flags, and every read-modify-write of a job body.
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<ActiveJob>> active;
    bool closing = false;

    //! The job's whole life on a job thread (eval_job_runner.cpp).
    void run(const std::shared_ptr<ActiveJob> &job);
};

//! fn id → the config's params for it (null: the function's defaults), in `functions` order.
api::ScoringFunctionsParams functionParams(const std::vector<std::string> &functions,
                                           const api::BenchmarkConfig &config);

} // namespace wb::engine
