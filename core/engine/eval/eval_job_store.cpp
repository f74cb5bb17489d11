#include "engine/eval/eval_job_store.h"

#include "store/store.h"

#include <QDateTime>

namespace wb::engine {

namespace {

constexpr const char *kNextIdKey = "eval_job_next_id";
constexpr int kIdAttempts = 100;

api::Error jobNotFound(const std::string &jobId)
{
    return api::Error::notFound("Job '" + jobId + "' not found");
}

api::Result<StoredJob> fromResource(const store::Resource &r)
{
    auto info = api::parse<api::EvalJobInfo>(r.body);
    if (!info)
        return api::Error::internal("eval job '" + r.id + "': stored body unreadable: "
                                    + info.error().detail);
    return StoredJob{std::move(info).value(), r.owner};
}

int64_t parseCounter(const std::optional<std::string> &text)
{
    if (!text)
        return 0;
    try {
        return std::max<int64_t>(0, std::stoll(*text));
    } catch (...) {
        return 0;
    }
}

} // namespace

std::string isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

EvalJobStore::EvalJobStore(store::Store &store) : m_store(store) {}

bool EvalJobStore::visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

api::Result<api::EvalJobInfo> EvalJobStore::create(api::EvalJobInfo info, const std::string &owner)
{
    std::lock_guard lock(m_idMutex);
    auto stored = m_store.getMeta(kNextIdKey);
    if (!stored)
        return stored.error();
    int64_t next = parseCounter(stored.value());
    for (int attempt = 0; attempt < kIdAttempts; ++attempt, ++next) {
        const std::string id = std::to_string(next);
        // The counter moves first, so a crash after it never hands the same id out twice.
        if (auto moved = m_store.setMeta(kNextIdKey, std::to_string(next + 1)); !moved)
            return moved.error();
        auto existing = m_store.getResource(kKind, id);
        if (!existing)
            return existing.error();
        if (existing.value())
            continue; // taken (another process, or a store older than the counter)
        info.job_id = id;
        auto registered = m_store.registerResource(store::Resource{kKind, id, api::toJson(info), owner, 0});
        if (registered)
            return info;
        if (registered.error().status != 409)
            return registered.error();
    }
    return api::Error::internal("could not allocate an eval job id after "
                                + std::to_string(kIdAttempts) + " attempts");
}

api::Result<std::optional<StoredJob>> EvalJobStore::load(const std::string &jobId)
{
    auto r = m_store.getResource(kKind, jobId);
    if (!r)
        return r.error();
    if (!r.value())
        return std::optional<StoredJob>();
    auto job = fromResource(*r.value());
    if (!job)
        return job.error();
    return std::optional<StoredJob>(std::move(job).value());
}

api::Result<StoredJob> EvalJobStore::get(const std::string &principal, const std::string &benchmarkId,
                                         const std::string &jobId)
{
    auto job = load(jobId);
    if (!job)
        return job.error();
    if (!job.value() || !visibleTo(job.value()->owner, principal))
        return jobNotFound(jobId);
    if (job.value()->info.benchmark_id != benchmarkId)
        return api::Error::notFound("Job '" + jobId + "' not found for benchmark '" + benchmarkId
                                    + "' (it belongs to benchmark '" + job.value()->info.benchmark_id + "')");
    return std::move(*job.value());
}

api::Status EvalJobStore::update(const StoredJob &job)
{
    return m_store.updateResource(store::Resource{kKind, job.info.job_id, api::toJson(job.info), job.owner, 0});
}

api::Result<std::vector<StoredJob>> EvalJobStore::all()
{
    auto resources = m_store.listResources(kKind);
    if (!resources)
        return resources.error();
    std::vector<StoredJob> out;
    out.reserve(resources->size());
    for (const store::Resource &r : resources.value())
        if (auto job = fromResource(r))
            out.push_back(std::move(job).value());
    return out;
}

api::Status EvalJobStore::remove(const std::string &jobId)
{
    return m_store.deleteResource(kKind, jobId);
}

api::Status EvalJobStore::appendRows(const std::string &jobId, const std::vector<api::EvalRowResult> &rows)
{
    std::vector<api::JsonObject> json;
    json.reserve(rows.size());
    for (const api::EvalRowResult &r : rows)
        json.push_back(api::JsonObject{api::toJson(r)});
    return m_store.appendRows(kKind, jobId, json);
}

api::Result<int64_t> EvalJobStore::rowCount(const std::string &jobId)
{
    return m_store.rowCount(kKind, jobId);
}

api::Result<std::vector<api::EvalRowResult>> EvalJobStore::readRows(const std::string &jobId, int64_t start,
                                                                    int64_t count)
{
    auto rows = m_store.readRows(kKind, jobId, start, count);
    if (!rows)
        return rows.error();
    std::vector<api::EvalRowResult> out;
    out.reserve(rows->size());
    for (size_t i = 0; i < rows->size(); ++i) {
        auto row = api::parse<api::EvalRowResult>((*rows)[i].value);
        if (!row)
            return api::Error::internal("eval job '" + jobId + "': stored row "
                                        + std::to_string(start + int64_t(i)) + " unreadable: "
                                        + row.error().detail);
        out.push_back(std::move(row).value());
    }
    return out;
}

} // namespace wb::engine
