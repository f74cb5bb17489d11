#pragma once

// The PostTraining API, synchronously, and the training job scheduler (docs/training.md).
//
// A request is checked before any job exists: a non-empty job_uuid not used before (409), a model
// that is a local model folder (404 unknown; 400 for an endpoint), a data_config whose datasets
// exist, hyperparameters in range. The job is then stored as "scheduled" (TrainingJobInfo, see
// training_job_store.h) and queued. Jobs run on the service's own threads, at most
// `maxConcurrentJobs` at once (a training run takes minutes to hours: never on the engine's pools);
// the rest wait as "scheduled".
//
// A job: reads every row of its datasets, encodes them with the model's tokenizer and chat
// template (training_data.h), and calls runTraining (trainer.h). Each optimizer step is appended
// to the job's metrics; each checkpoint is added to the job and its merged model registered as
// the model "<job_uuid>/<checkpoint identifier>" (owned by the job's owner), so it can be chatted
// with and evaluated at once. Status goes scheduled → in_progress → completed | failed |
// cancelled, every change written before anyone can observe it, with ISO-8601 UTC times
// (scheduled_at < started_at < completed_at; completed_at is set on failure and cancel too).
//
// Cancel stops a running job within one step (its checkpoints stay); a job still waiting is
// cancelled at once. Resume continues a cancelled or failed job from its last checkpoint
// (weights, optimizer state, position); the metrics written after that checkpoint are dropped
// first. Closing the service stops running jobs as "failed" and resumable; jobs still waiting
// (or stopped before their first step) stay "scheduled" in the store. At start-up, recoverInterruptedJobs() marks jobs a previous
// process left in_progress as failed ("interrupted by a restart", resumable when they have a
// checkpoint) and queues again those it left scheduled (they never started: nothing is lost).
//
// Errors: core/api/error.h; see PostTrainingApi in api/stack_api.h. Thread-safe.

#include "api/post_training.h"
#include "api/post_training_jobs.h"
#include "api/result.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace wb::store {
class Store;
}

namespace wb::engine {

class DatasetService;
class ModelRegistry;

struct PostTrainingServiceConfig
{
    int maxConcurrentJobs = 1; //!< jobs training at once (at least 1)
    QString checkpointRoot;    //!< checkpoints of a job without checkpoint_dir: <root>/<job_uuid>
};

class PostTrainingService
{
public:
    PostTrainingService(store::Store &store, DatasetService &datasets, ModelRegistry &models,
                        PostTrainingServiceConfig config);
    ~PostTrainingService(); //!< stops running jobs (failed, resumable) and waits for them

    //! Fails jobs a previous process left in_progress; queues those it left scheduled.
    api::Status recoverInterruptedJobs();

    api::Result<api::PostTrainingJob> supervisedFineTune(const std::string &principal,
                                                         const api::SupervisedFineTuneRequest &request);
    api::Result<api::PostTrainingJob> preferenceOptimize(const std::string &principal,
                                                         const api::PreferenceOptimizeRequest &request);
    api::Result<api::ListPostTrainingJobsResponse> listJobs(const std::string &principal);
    api::Result<api::PostTrainingJobStatusResponse> status(const std::string &principal,
                                                           const std::string &jobUuid);
    api::Result<api::PostTrainingJobArtifactsResponse> artifacts(const std::string &principal,
                                                                 const std::string &jobUuid);
    api::Status cancel(const std::string &principal, const std::string &jobUuid);

    api::Result<api::ListTrainingJobInfoResponse> listInfo(const std::string &principal);
    api::Result<api::TrainingJobInfo> info(const std::string &principal, const std::string &jobUuid);
    api::Result<api::TrainingMetricsPage> metrics(const std::string &principal, const std::string &jobUuid,
                                                  std::optional<int64_t> startIndex,
                                                  std::optional<int64_t> limit);
    api::Result<api::PostTrainingJob> resume(const std::string &principal, const std::string &jobUuid);

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
