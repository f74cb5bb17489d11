#pragma once

// Private to PostTrainingService (post_training_service.cpp, training_job_runner.cpp): what the
// service keeps and the jobs this process has queued or is running.

#include "api/cancel.h"
#include "engine/training/post_training_service.h"
#include "engine/training/trainer.h"
#include "engine/training/training_job_store.h"

#include <QThreadPool>

#include <map>
#include <memory>
#include <mutex>

namespace wb::engine {

//! A job this process has queued or is running.
struct ActiveTrainingJob
{
    enum class Stop { None, User, Closing };
    std::string id;
    std::string principal; //!< the job's owner: it reads the datasets and owns the checkpoints
    api::CancelToken cancel;
    bool started = false;   //!< guarded by Private::mutex
    Stop stop = Stop::None; //!< guarded by Private::mutex
};

struct PostTrainingService::Private
{
    Private(store::Store &s, DatasetService &d, ModelRegistry &m, PostTrainingServiceConfig c)
        : store(s), datasets(d), models(m), config(std::move(c)), jobs(s)
    {}

    store::Store &store;
    DatasetService &datasets;
    ModelRegistry &models;
    PostTrainingServiceConfig config;
    TrainingJobStore jobs;
    QThreadPool pool; //!< the job threads: config.maxConcurrentJobs, FIFO

    //! Guards `active`, `closing`, ActiveTrainingJob's flags, and every read-modify-write of a
    //! job body (the runner's writes and cancel/resume).
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<ActiveTrainingJob>> active;
    bool closing = false;

    //! Queues a job already stored as scheduled. Call with `mutex` held.
    void enqueueLocked(const std::string &jobUuid, const std::string &owner);
    //! The job's whole life on a job thread (training_job_runner.cpp).
    void run(const std::shared_ptr<ActiveTrainingJob> &job);
    //! Writes the job's final state from the run's outcome; call with `mutex` held. May throw
    //! (a store write): run() catches it, so nothing escapes the job thread.
    void finish(StoredTrainingJob &stored, ActiveTrainingJob &job, const api::Result<TrainingOutcome> &outcome,
                std::vector<std::string> &notes);
};

//! The local model folder of `modelId` as `principal` sees it: 404 unknown, 400 an endpoint or a
//! folder that cannot run. `field` names the request field in messages.
api::Result<QString> localModelFolder(ModelRegistry &models, const std::string &principal,
                                      const std::string &modelId, const std::string &field);

//! An ISO-8601 UTC time (milliseconds) strictly after `previous` (same format), so that
//! scheduled_at < started_at < completed_at even when a job fails within a millisecond. Never
//! waits: when the clock is not past `previous` (the same millisecond, or a clock stepped back),
//! it answers `previous` + 1 ms.
std::string isoNowAfter(const std::optional<std::string> &previous);

} // namespace wb::engine
