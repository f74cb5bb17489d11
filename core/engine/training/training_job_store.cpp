#include "engine/training/training_job_store.h"

#include "store/store.h"

#include <algorithm>

namespace wb::engine {

namespace {

using Ranges = std::vector<std::pair<int64_t, int64_t>>;

api::Json bodyOf(const StoredTrainingJob &job)
{
    api::Json dropped = api::Json::array();
    for (const auto &[start, end] : job.dropped)
        dropped.push_back(api::Json::array({start, end}));
    return api::Json{{"info", api::toJson(job.info)}, {"dropped_metrics", dropped}};
}

api::Result<StoredTrainingJob> fromResource(const store::Resource &r)
{
    const api::Json *info = r.body.is_object() && r.body.contains("info") ? &r.body["info"] : nullptr;
    if (!info)
        return api::Error::internal("training job '" + r.id + "': stored body has no info");
    auto parsed = api::parse<api::TrainingJobInfo>(*info);
    if (!parsed)
        return api::Error::internal("training job '" + r.id + "': stored body unreadable: "
                                    + parsed.error().detail);
    StoredTrainingJob job{std::move(parsed).value(), r.owner, {}};
    if (const auto it = r.body.find("dropped_metrics"); it != r.body.end() && it->is_array())
        for (const api::Json &range : *it)
            if (range.is_array() && range.size() == 2 && range[0].is_number_integer()
                && range[1].is_number_integer())
                job.dropped.emplace_back(range[0].get<int64_t>(), range[1].get<int64_t>());
    return job;
}

//! The physical row ranges that are live: [0, total) minus `dropped`.
Ranges liveSegments(const Ranges &dropped, int64_t total)
{
    Ranges out;
    int64_t at = 0;
    for (const auto &[start, end] : dropped) {
        const int64_t s = std::min(start, total);
        if (s > at)
            out.emplace_back(at, s);
        at = std::max(at, std::min(end, total));
    }
    if (at < total)
        out.emplace_back(at, total);
    return out;
}

//! Physical index of live row `logical` (`total` when past the end).
int64_t physicalIndex(const Ranges &live, int64_t logical, int64_t total)
{
    for (const auto &[start, end] : live) {
        if (logical < end - start)
            return start + logical;
        logical -= end - start;
    }
    return total;
}

//! `ranges` plus [start, end), merged, sorted.
Ranges withRange(Ranges ranges, int64_t start, int64_t end)
{
    if (start >= end)
        return ranges;
    ranges.emplace_back(start, end);
    std::sort(ranges.begin(), ranges.end());
    Ranges merged;
    for (const auto &r : ranges) {
        if (!merged.empty() && r.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    return merged;
}

} // namespace

TrainingJobStore::TrainingJobStore(store::Store &store) : m_store(store) {}

bool TrainingJobStore::visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

api::Error TrainingJobStore::notFound(const std::string &jobUuid)
{
    return api::Error::notFound("Job " + jobUuid + " not found");
}

api::Status TrainingJobStore::create(const StoredTrainingJob &job)
{
    const std::string &id = job.info.job_uuid;
    const auto exists = [&id] { return api::Error::conflict("Job " + id + " already exists"); };
    auto existing = m_store.getResource(kKind, id);
    if (!existing)
        return existing.error();
    if (existing.value())
        return exists();
    // Another process may register the same id between the check and here: the store's 409 (or
    // its "equal body" no-op, impossible with a fresh scheduled_at) is that duplicate.
    auto registered = m_store.registerResource(store::Resource{kKind, id, bodyOf(job), job.owner, 0});
    if (!registered)
        return registered.error().status == 409 ? exists() : registered.error();
    return {};
}

api::Result<std::optional<StoredTrainingJob>> TrainingJobStore::load(const std::string &jobUuid)
{
    auto r = m_store.getResource(kKind, jobUuid);
    if (!r)
        return r.error();
    if (!r.value())
        return std::optional<StoredTrainingJob>();
    auto job = fromResource(*r.value());
    if (!job)
        return job.error();
    return std::optional<StoredTrainingJob>(std::move(job).value());
}

api::Result<StoredTrainingJob> TrainingJobStore::get(const std::string &principal, const std::string &jobUuid)
{
    auto job = load(jobUuid);
    if (!job)
        return job.error();
    if (!job.value() || !visibleTo(job.value()->owner, principal))
        return notFound(jobUuid);
    return std::move(*job.value());
}

api::Status TrainingJobStore::update(const StoredTrainingJob &job)
{
    return m_store.updateResource(store::Resource{kKind, job.info.job_uuid, bodyOf(job), job.owner, 0});
}

api::Result<std::vector<StoredTrainingJob>> TrainingJobStore::all()
{
    auto resources = m_store.listResources(kKind);
    if (!resources)
        return resources.error();
    std::vector<StoredTrainingJob> out;
    out.reserve(resources->size());
    for (const store::Resource &r : resources.value())
        if (auto job = fromResource(r))
            out.push_back(std::move(job).value());
    return out;
}

api::Status TrainingJobStore::appendMetric(const std::string &jobUuid, const api::TrainingStepMetric &metric)
{
    return m_store.appendRows(kKind, jobUuid, {api::JsonObject{api::toJson(metric)}});
}

api::Result<int64_t> TrainingJobStore::physicalCount(const std::string &jobUuid)
{
    return m_store.rowCount(kKind, jobUuid);
}

api::Result<int64_t> TrainingJobStore::metricCount(const StoredTrainingJob &job)
{
    auto total = physicalCount(job.info.job_uuid);
    if (!total)
        return total.error();
    int64_t live = 0;
    for (const auto &[start, end] : liveSegments(job.dropped, total.value()))
        live += end - start;
    return live;
}

api::Result<std::vector<api::TrainingStepMetric>> TrainingJobStore::readMetrics(const StoredTrainingJob &job,
                                                                                int64_t start, int64_t count)
{
    const std::string &id = job.info.job_uuid;
    auto total = physicalCount(id);
    if (!total)
        return total.error();
    std::vector<api::TrainingStepMetric> out;
    int64_t skip = std::max<int64_t>(0, start);
    int64_t want = std::max<int64_t>(0, count);
    for (const auto &[segStart, segEnd] : liveSegments(job.dropped, total.value())) {
        if (want == 0)
            break;
        const int64_t length = segEnd - segStart;
        if (skip >= length) {
            skip -= length;
            continue;
        }
        const int64_t from = segStart + skip;
        const int64_t n = std::min(want, segEnd - from);
        skip = 0;
        auto rows = m_store.readRows(kKind, id, from, n);
        if (!rows)
            return rows.error();
        for (size_t i = 0; i < rows->size(); ++i) {
            auto metric = api::parse<api::TrainingStepMetric>((*rows)[i].value);
            if (!metric)
                return api::Error::internal("training job '" + id + "': stored metric "
                                            + std::to_string(from + int64_t(i))
                                            + " unreadable: " + metric.error().detail);
            out.push_back(std::move(metric).value());
        }
        want -= n;
    }
    return out;
}

api::Status TrainingJobStore::dropMetricsAfter(StoredTrainingJob &job, int64_t step)
{
    auto total = physicalCount(job.info.job_uuid);
    if (!total)
        return total.error();
    auto live = metricCount(job);
    if (!live)
        return live.error();
    // Live metrics are in step order: binary search for the first one after `step`, one row read
    // per probe, so a job with 100,000 steps costs ~17 reads.
    int64_t lo = 0;
    int64_t hi = live.value();
    while (lo < hi) {
        const int64_t mid = lo + (hi - lo) / 2;
        auto row = readMetrics(job, mid, 1);
        if (!row)
            return row.error();
        if (!row->empty() && row->front().step > step)
            hi = mid;
        else
            lo = mid + 1;
    }
    const Ranges segments = liveSegments(job.dropped, total.value());
    const int64_t from = physicalIndex(segments, lo, total.value());
    job.dropped = withRange(std::move(job.dropped), from, total.value());
    return {};
}

} // namespace wb::engine
