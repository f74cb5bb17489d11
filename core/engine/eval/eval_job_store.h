#pragma once

// run_eval jobs in the store: a resource of kind "eval_job" per job (EvalJobInfo as its body,
// owner = the principal that started it) and its evaluated rows (EvalRowResult) as the
// resource's appended rows.
//
// Ids are decimal strings "0", "1", ... from the store's meta counter "eval_job_next_id", so they
// stay unique for the store's life (across restarts, and never reused after a delete). Another
// process sharing the store may take the same number first: creating then retries with the next.
//
// Visibility like datasets: a principal sees its own jobs and those started without auth; the
// in-process principal "" sees every job. An invisible job is 404, like an unknown one.
//
// Threading: thread-safe (the store is; id allocation is serialised here).

#include "api/eval_jobs.h"
#include "api/result.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace wb::store {
class Store;
}

namespace wb::engine {

struct StoredJob
{
    api::EvalJobInfo info;
    std::string owner;
};

class EvalJobStore
{
public:
    static constexpr const char *kKind = "eval_job";

    explicit EvalJobStore(store::Store &store);

    //! Stores `info` under a new id (written into info.job_id) and returns it.
    api::Result<api::EvalJobInfo> create(api::EvalJobInfo info, const std::string &owner);
    //! 404 for an unknown job, one `principal` may not see, or one of another benchmark.
    api::Result<StoredJob> get(const std::string &principal, const std::string &benchmarkId,
                               const std::string &jobId);
    //! Any job, whoever owns it (the job runner); nullopt when it is gone.
    api::Result<std::optional<StoredJob>> load(const std::string &jobId);
    api::Status update(const StoredJob &job);
    //! Every job, in creation order (jobs whose body cannot be read are skipped).
    api::Result<std::vector<StoredJob>> all();
    api::Status remove(const std::string &jobId);

    api::Status appendRows(const std::string &jobId, const std::vector<api::EvalRowResult> &rows);
    api::Result<int64_t> rowCount(const std::string &jobId);
    api::Result<std::vector<api::EvalRowResult>> readRows(const std::string &jobId, int64_t start,
                                                          int64_t count);

    static bool visibleTo(const std::string &owner, const std::string &principal);

private:
    store::Store &m_store;
    std::mutex m_idMutex;
};

//! Current UTC time, ISO-8601 with milliseconds.
std::string isoNow();

} // namespace wb::engine
