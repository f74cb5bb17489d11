#pragma once

// Loaded local models, kept for the next request: loading a model (reading and converting its
// weights) costs far more than a short generation. Least recently used models are dropped when
// their weights together exceed a budget in bytes; the model just asked for always stays, even
// alone above the budget. A request that is generating keeps its model alive through its
// shared_ptr whatever the cache drops.
//
// A folder is loaded once even when several requests ask for it at the same time: the first
// loads, the others wait for its result. A failed load is not remembered (the folder may be
// fixed). A folder whose files changed since it was loaded is loaded again.
//
// Thread-safe.

#include "engine/models/local_model.h"

#include <QString>

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace wb::engine {

class LocalModelCache
{
public:
    static constexpr int64_t kDefaultBudgetBytes = int64_t(8) << 30;

    explicit LocalModelCache(int64_t budgetBytes = kDefaultBudgetBytes);

    api::Result<std::shared_ptr<const LocalModel>> get(const QString &folder);

    //! Cached folders, most recently used first (tests and diagnostics).
    std::vector<QString> folders() const;
    //! Bytes of the cached models' weights.
    int64_t bytes() const;
    //! Loads started since construction (tests: two racing requests load once).
    int loads() const;

private:
    using Loaded = api::Result<std::shared_ptr<const LocalModel>>;
    struct Entry
    {
        std::shared_future<Loaded> model;
        QString signature;
        uint64_t generation = 0; //!< tells this load from a later one of the same folder
        uint64_t lastUse = 0;
        int64_t bytes = 0;
        bool ready = false;
    };
    void evictLocked(const QString &keep);

    const int64_t m_budget;
    mutable std::mutex m_mutex;
    std::map<QString, Entry> m_entries;
    uint64_t m_clock = 0;
    uint64_t m_generations = 0;
    int m_loads = 0;
};

} // namespace wb::engine
