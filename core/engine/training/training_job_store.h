#pragma once

// Post-training jobs in the store: a resource of kind "post_training_job" per job, id = the
// client's job_uuid, owner = the principal that started it. Its body is
//   {"info": TrainingJobInfo, "dropped_metrics": [[start, end], ...]}
// and its appended rows are the job's per-step metrics (TrainingStepMetric), one per optimizer
// step, appended as the steps finish.
//
// Resuming a job from a checkpoint replays the steps after it, so the metrics those steps had
// written must disappear from the job's chart. The store can only append rows, so instead of
// deleting them the body lists the physical row ranges that are dropped; every read here maps
// logical (live) indexes over them. Dropping is one body update: atomic, whatever happens next.
//
// Visibility like datasets and eval jobs: a principal sees its own jobs and those started without
// auth; the in-process principal "" sees every job. An invisible job is 404, like an unknown one.
//
// Threading: thread-safe (the store is); read-modify-write of a body is the caller's to serialise.

#include "api/post_training_jobs.h"
#include "api/result.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wb::store {
class Store;
}

namespace wb::engine {

struct StoredTrainingJob
{
    api::TrainingJobInfo info;
    std::string owner;
    //! Physical metric row ranges [start, end) that are no longer part of the job, sorted,
    //! disjoint.
    std::vector<std::pair<int64_t, int64_t>> dropped;
};

class TrainingJobStore
{
public:
    static constexpr const char *kKind = "post_training_job";

    explicit TrainingJobStore(store::Store &store);

    //! Stores a new job; 409 "Job X already exists" when its job_uuid is taken (whoever owns it).
    api::Status create(const StoredTrainingJob &job);
    //! 404 "Job X not found" for an unknown job or one `principal` may not see.
    api::Result<StoredTrainingJob> get(const std::string &principal, const std::string &jobUuid);
    //! Any job, whoever owns it (the job runner); nullopt when it is gone.
    api::Result<std::optional<StoredTrainingJob>> load(const std::string &jobUuid);
    api::Status update(const StoredTrainingJob &job);
    //! Every job, in creation order (jobs whose body cannot be read are skipped).
    api::Result<std::vector<StoredTrainingJob>> all();

    api::Status appendMetric(const std::string &jobUuid, const api::TrainingStepMetric &metric);
    //! Live metrics (dropped ones excluded).
    api::Result<int64_t> metricCount(const StoredTrainingJob &job);
    //! Live metrics [start, start+count), in step order.
    api::Result<std::vector<api::TrainingStepMetric>> readMetrics(const StoredTrainingJob &job,
                                                                  int64_t start, int64_t count);
    //! Drops (in `job.dropped`; the caller writes the body) every live metric whose step is
    //! greater than `step`: what a resume from a checkpoint saved after `step` will redo.
    api::Status dropMetricsAfter(StoredTrainingJob &job, int64_t step);

    static bool visibleTo(const std::string &owner, const std::string &principal);
    static api::Error notFound(const std::string &jobUuid);

private:
    api::Result<int64_t> physicalCount(const std::string &jobUuid);

    store::Store &m_store;
};

} // namespace wb::engine
