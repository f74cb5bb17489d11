#pragma once

// The Datasets and DatasetIO APIs, synchronously, on top of the store and the sources. The Engine
// runs these on its worker threads; nothing here knows about futures or threads beyond being
// thread-safe (the store and the resolver are).
//
// Ownership: every call names the calling principal ("" when the server runs without auth, and
// in-process). A dataset belongs to the principal that registered it; a principal sees its own
// datasets and those registered without auth (owner "", e.g. the bundled samples). Another
// principal's dataset is invisible (404); registering its id is a 403.

#include "api/datasets.h"
#include "engine/datasets/source_resolver.h"
#include "store/store.h"

#include <QElapsedTimer>

#include <mutex>
#include <unordered_map>

namespace wb::engine {

class DatasetService
{
public:
    DatasetService(store::Store &store, SourceResolver &sources);

    api::Result<api::Dataset> registerDataset(const std::string &principal,
                                              const api::RegisterDatasetRequest &request);
    api::Result<api::Dataset> getDataset(const std::string &principal, const std::string &id);
    api::Result<api::ListDatasetsResponse> listDatasets(const std::string &principal);
    api::Status unregisterDataset(const std::string &principal, const std::string &id);

    api::Result<api::PaginatedResponse> iterrows(const std::string &principal, const std::string &id,
                                                 std::optional<int64_t> startIndex,
                                                 std::optional<int64_t> limit);
    api::Status appendRows(const std::string &principal, const std::string &id,
                           const std::vector<api::JsonObject> &rows);
    api::Result<api::DatasetStats> stats(const std::string &principal, const std::string &id);

    //! Provider ids this engine serves: "localfs" (rows, files, URLs) and "huggingface".
    static bool isKnownProvider(const std::string &providerId);

private:
    //! A registered dataset as the store has it, parsed once. Kept in memory so a page request
    //! does not re-read and re-parse the stored body (which holds every inline row or the whole
    //! data: URI). This process's writes update the cache; another process's (a shared PostgreSQL
    //! store) are seen after at most kCacheSeconds.
    struct Registered
    {
        api::Dataset dataset;
        std::string owner;
        int64_t seq = 0;
        QElapsedTimer loaded;
    };
    static constexpr int kCacheSeconds = 2;
    using RegisteredPtr = std::shared_ptr<const Registered>; // shared, never copied per request
    api::Result<RegisteredPtr> lookup(const std::string &principal, const std::string &id);
    void remember(RegisteredPtr registered);
    void forget(const std::string &id);

    //! A visible dataset with its source opened and both row counts known.
    struct Opened
    {
        RegisteredPtr registered;
        std::shared_ptr<RowSource> source;
        int64_t sourceCount = 0;
        int64_t appendedCount = 0;
    };
    api::Result<Opened> open(const std::string &principal, const std::string &id);

    //! Rows [start, end) of source rows followed by appended rows.
    api::Result<std::vector<api::JsonObject>> readRange(const std::string &id, RowSource &source,
                                                        int64_t sourceCount, int64_t start,
                                                        int64_t end);

    store::Store &m_store;
    SourceResolver &m_sources;
    std::mutex m_cacheMutex;
    std::unordered_map<std::string, RegisteredPtr> m_cache;
    struct Count
    {
        int64_t value = 0;
        QElapsedTimer loaded;
    };
    std::unordered_map<std::string, Count> m_appendedCounts; // same rules as m_cache
    api::Result<int64_t> appendedCount(const std::string &id);
};

} // namespace wb::engine
