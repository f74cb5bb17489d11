#include "engine/datasets/dataset_service.h"

#include <QUuid>

#include <algorithm>

namespace wb::engine {

namespace {

constexpr const char *kKind = "dataset";

api::Error datasetNotFound(const std::string &id)
{
    return api::Error::notFound("Dataset '" + id
                                + "' not found. Use the datasets list to see the registered datasets.");
}

std::string inferProvider(const api::RegisterDatasetRequest &request)
{
    // Upstream's rules (routing_tables/datasets.py): explicit metadata.provider_id wins, then rows
    // and non-Hugging Face URIs go to localfs.
    const auto &meta = request.metadata.value;
    if (auto it = meta.find("provider_id"); it != meta.end() && it->is_string())
        return it->get<std::string>();
    if (const auto *uri = std::get_if<api::UriDataSource>(&request.source))
        if (uri->uri.rfind("huggingface", 0) == 0)
            return "huggingface";
    return "localfs";
}

bool visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

} // namespace

DatasetService::DatasetService(store::Store &store, SourceResolver &sources)
    : m_store(store), m_sources(sources)
{}

bool DatasetService::isKnownProvider(const std::string &providerId)
{
    return providerId == "localfs" || providerId == "huggingface";
}

api::Result<api::Dataset> DatasetService::registerDataset(const std::string &principal,
                                                          const api::RegisterDatasetRequest &request)
{
    api::Dataset dataset;
    dataset.identifier = request.dataset_id.value_or("");
    if (dataset.identifier.empty())
        dataset.identifier = "dataset-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    dataset.provider_resource_id = dataset.identifier;
    dataset.provider_id = inferProvider(request);
    if (!isKnownProvider(dataset.provider_id))
        return api::Error::badRequest("Provider `" + dataset.provider_id
                                      + "` not found (this server serves localfs and huggingface)");
    dataset.purpose = request.purpose;
    dataset.source = request.source;
    dataset.metadata = request.metadata;
    if (auto ok = m_sources.checkAtRegister(dataset.source); !ok)
        return ok.error();
    auto existing = m_store.getResource(kKind, dataset.identifier);
    if (!existing)
        return existing.error();
    if (existing.value() && !visibleTo(existing.value()->owner, principal))
        return api::Error::make(403, "Dataset '" + dataset.identifier
                                         + "' belongs to another principal; choose another id");

    auto stored = m_store.registerResource(
        store::Resource{kKind, dataset.identifier, api::toJson(dataset), principal});
    if (!stored)
        return stored.error();
    auto parsed = api::parse<api::Dataset>(stored->body);
    if (parsed) {
        auto registered = std::make_shared<Registered>(Registered{parsed.value(), stored->owner, stored->seq, {}});
        registered->loaded.start();
        remember(std::move(registered));
    }
    return parsed;
}

api::Result<DatasetService::RegisteredPtr> DatasetService::lookup(const std::string &principal,
                                                                 const std::string &id)
{
    RegisteredPtr registered;
    {
        std::lock_guard lock(m_cacheMutex);
        auto it = m_cache.find(id);
        if (it != m_cache.end() && it->second->loaded.elapsed() < kCacheSeconds * 1000LL)
            registered = it->second;
    }
    if (!registered) {
        auto found = m_store.getResource(kKind, id);
        if (!found)
            return found.error();
        if (!found.value()) {
            forget(id);
            return datasetNotFound(id);
        }
        auto dataset = api::parse<api::Dataset>(found.value()->body);
        if (!dataset)
            return api::Error::internal("stored dataset '" + id + "' is corrupt: " + dataset.error().detail);
        auto fresh = std::make_shared<Registered>(
            Registered{std::move(dataset).value(), found.value()->owner, found.value()->seq, {}});
        fresh->loaded.start();
        registered = fresh;
        remember(registered);
    }
    if (!visibleTo(registered->owner, principal))
        return datasetNotFound(id);
    return registered;
}

void DatasetService::remember(RegisteredPtr registered)
{
    std::lock_guard lock(m_cacheMutex);
    m_cache[registered->dataset.identifier] = std::move(registered);
}

void DatasetService::forget(const std::string &id)
{
    std::lock_guard lock(m_cacheMutex);
    m_cache.erase(id);
    m_appendedCounts.erase(id);
}

api::Result<int64_t> DatasetService::appendedCount(const std::string &id)
{
    {
        std::lock_guard lock(m_cacheMutex);
        auto it = m_appendedCounts.find(id);
        if (it != m_appendedCounts.end() && it->second.loaded.elapsed() < kCacheSeconds * 1000LL)
            return it->second.value;
    }
    auto count = m_store.rowCount(kKind, id);
    if (!count)
        return count.error();
    std::lock_guard lock(m_cacheMutex);
    Count &c = m_appendedCounts[id];
    c.value = count.value();
    c.loaded.start();
    return count;
}

api::Result<api::Dataset> DatasetService::getDataset(const std::string &principal, const std::string &id)
{
    auto registered = lookup(principal, id);
    if (!registered)
        return registered.error();
    return registered.value()->dataset;
}

api::Result<api::ListDatasetsResponse> DatasetService::listDatasets(const std::string &principal)
{
    auto all = m_store.listResources(kKind);
    if (!all)
        return all.error();
    api::ListDatasetsResponse out;
    for (const auto &r : all.value()) {
        if (!visibleTo(r.owner, principal))
            continue;
        auto dataset = api::parse<api::Dataset>(r.body);
        if (dataset) // a corrupt entry must not hide every other dataset
            out.data.push_back(std::move(dataset).value());
    }
    return out;
}

api::Status DatasetService::unregisterDataset(const std::string &principal, const std::string &id)
{
    if (auto visible = getDataset(principal, id); !visible)
        return visible.error();
    auto removed = m_store.deleteResource(kKind, id);
    forget(id);
    m_sources.forget(id);
    if (!removed)
        return removed.error().status == 404 ? datasetNotFound(id) : removed.error();
    return {};
}

api::Result<DatasetService::Opened> DatasetService::open(const std::string &principal,
                                                        const std::string &id)
{
    auto registered = lookup(principal, id);
    if (!registered)
        return registered.error();
    const RegisteredPtr &r = registered.value();
    auto source = m_sources.sourceFor(id, r->seq, r->dataset.source);
    if (!source)
        return source.error();
    auto sourceCount = source.value()->rowCount();
    if (!sourceCount)
        return sourceCount.error();
    auto appended = appendedCount(id);
    if (!appended)
        return appended.error();
    return Opened{r, source.value(), sourceCount.value(), appended.value()};
}

api::Result<std::vector<api::JsonObject>> DatasetService::readRange(const std::string &id,
                                                                    RowSource &source,
                                                                    int64_t sourceCount,
                                                                    int64_t start, int64_t end)
{
    std::vector<api::JsonObject> rows;
    if (start < sourceCount) {
        auto part = source.readRows(start, std::min(end, sourceCount) - start);
        if (!part)
            return part.error();
        rows = std::move(part).value();
    }
    if (end > sourceCount) {
        const int64_t from = std::max<int64_t>(start - sourceCount, 0);
        auto appended = m_store.readRows(kKind, id, from, end - sourceCount - from);
        if (!appended)
            return appended.error();
        rows.insert(rows.end(), std::make_move_iterator(appended->begin()),
                    std::make_move_iterator(appended->end()));
    }
    return rows;
}

api::Result<api::PaginatedResponse> DatasetService::iterrows(const std::string &principal,
                                                             const std::string &id,
                                                             std::optional<int64_t> startIndex,
                                                             std::optional<int64_t> limit)
{
    if (startIndex && *startIndex < 0)
        return api::Error::badRequest("start_index: must be 0 or more, got " + std::to_string(*startIndex));
    if (limit && *limit < -1)
        return api::Error::badRequest("limit: must be -1 (all rows) or 0 or more, got "
                                      + std::to_string(*limit));
    auto opened = open(principal, id);
    if (!opened)
        return opened.error();
    const Opened &o = opened.value();
    const int64_t total = o.sourceCount + o.appendedCount;

    // Upstream pagination (paginate_records): no limit or -1 means every row from the first one,
    // whatever start_index says.
    int64_t start = 0;
    int64_t end = total;
    if (limit && *limit != -1) {
        start = std::min(startIndex.value_or(0), total);
        end = std::min(start + *limit, total);
    }
    auto rows = readRange(id, *o.source, o.sourceCount, start, end);
    if (!rows)
        return rows.error();
    api::PaginatedResponse page;
    page.data = std::move(rows).value();
    page.has_more = (limit && *limit != -1) ? start + *limit < total : false;
    return page;
}

api::Status DatasetService::appendRows(const std::string &principal, const std::string &id,
                                      const std::vector<api::JsonObject> &rows)
{
    if (auto visible = getDataset(principal, id); !visible)
        return visible.error();
    auto appended = m_store.appendRows(kKind, id, rows);
    {
        std::lock_guard lock(m_cacheMutex); // counted again on the next read
        m_appendedCounts.erase(id);
    }
    if (!appended && appended.error().status == 404)
        return datasetNotFound(id);
    return appended;
}

api::Result<api::DatasetStats> DatasetService::stats(const std::string &principal, const std::string &id)
{
    auto opened = open(principal, id);
    if (!opened)
        return opened.error();
    const Opened &o = opened.value();

    api::DatasetStats stats;
    stats.dataset_id = id;
    stats.row_count = o.sourceCount + o.appendedCount;
    stats.appended_row_count = o.appendedCount;
    stats.format = o.source->formatName();
    stats.columns = o.source->columns();
    if (stats.columns.empty() && o.sourceCount > 0) {
        // Schemaless sources (JSON, JSONL): the keys of the first rows stand for the columns.
        auto head = o.source->readRows(0, 100);
        if (head)
            for (const auto &row : head.value())
                collectColumns(row, stats.columns);
    }
    // Appended rows may bring new columns; the first thousand are enough to show them.
    auto appended = m_store.readRows(kKind, id, 0, std::min<int64_t>(o.appendedCount, 1000));
    if (!appended)
        return appended.error();
    for (const auto &row : appended.value())
        collectColumns(row, stats.columns);
    return stats;
}

} // namespace wb::engine
