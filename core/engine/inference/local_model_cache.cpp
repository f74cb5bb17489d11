#include "engine/inference/local_model_cache.h"

#include "engine/models/registry_describe.h"

#include <QFileInfo>

#include <algorithm>
#include <exception>

namespace wb::engine {

LocalModelCache::LocalModelCache(int64_t budgetBytes) : m_budget(budgetBytes) {}

api::Result<std::shared_ptr<const LocalModel>> LocalModelCache::get(const QString &path)
{
    // One entry per folder on disk, whichever path (a symlink, the registered or the found one)
    // names it.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    const QString folder = canonical.isEmpty() ? path : canonical;
    const QString signature = folderSignature(folder);
    std::promise<Loaded> promise;
    uint64_t generation = 0;
    {
        std::unique_lock lock(m_mutex);
        auto it = m_entries.find(folder);
        if (it != m_entries.end() && it->second.signature == signature) {
            it->second.lastUse = ++m_clock;
            std::shared_future<Loaded> model = it->second.model;
            lock.unlock();
            return model.get(); // waits when another request is loading it
        }
        // Not cached, or its files changed: load it (again). Requests still using the old
        // instance keep it through their shared_ptr.
        generation = ++m_generations;
        Entry &e = m_entries[folder];
        e = Entry{promise.get_future().share(), signature, generation, ++m_clock, 0, false};
        ++m_loads;
    }

    Loaded loaded;
    try {
        loaded = LocalModel::load(folder);
    } catch (const std::exception &e) { // libtorch throws; nothing may escape to the waiters
        loaded = api::Error::internal("loading " + folder.toStdString() + " failed: " + e.what());
    } catch (...) {
        loaded = api::Error::internal("loading " + folder.toStdString() + " failed");
    }
    promise.set_value(loaded);

    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(folder);
    if (it == m_entries.end() || it->second.generation != generation)
        return loaded; // replaced meanwhile by a newer load
    if (!loaded) {
        m_entries.erase(it);
        return loaded;
    }
    it->second.bytes = loaded.value()->lm().weightBytes();
    it->second.ready = true;
    evictLocked(folder);
    return loaded;
}

void LocalModelCache::evictLocked(const QString &keep)
{
    int64_t total = 0;
    for (const auto &[folder, e] : m_entries)
        total += e.bytes;
    while (total > m_budget) {
        auto victim = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (it->second.ready && it->first != keep
                && (victim == m_entries.end() || it->second.lastUse < victim->second.lastUse))
                victim = it;
        if (victim == m_entries.end())
            return; // only `keep` and loads in progress are left
        total -= victim->second.bytes;
        m_entries.erase(victim);
    }
}

std::vector<QString> LocalModelCache::folders() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<uint64_t, QString>> byUse;
    for (const auto &[folder, e] : m_entries)
        byUse.emplace_back(e.lastUse, folder);
    std::sort(byUse.begin(), byUse.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<QString> out;
    for (auto &[use, folder] : byUse)
        out.push_back(std::move(folder));
    return out;
}

int64_t LocalModelCache::bytes() const
{
    std::lock_guard lock(m_mutex);
    int64_t total = 0;
    for (const auto &[folder, e] : m_entries)
        total += e.bytes;
    return total;
}

int LocalModelCache::loads() const
{
    std::lock_guard lock(m_mutex);
    return m_loads;
}

} // namespace wb::engine
