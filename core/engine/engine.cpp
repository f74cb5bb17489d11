#include "engine/engine.h"

#include "api/async.h"
#include "engine/datasets/dataset_service.h"
#include "engine/datasets/source_resolver.h"
#include "engine/samples.h"
#include "store/store.h"

#include <QDir>
#include <QStandardPaths>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace wb::engine {

//! What every session shares: configuration, threads, store and services.
class EngineCore
{
public:
    EngineConfig config;
    QThreadPool pool;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<SourceResolver> sources;
    std::unique_ptr<DatasetService> datasets;

    ~EngineCore() { pool.waitForDone(); }

    //! Runs `work(core)` on the engine's pool. Exceptions (nlohmann, std::bad_alloc, later
    //! libtorch) stop here and become a 500, so a future never carries one across threads. The
    //! task holds the core alive, never the session that asked.
    template<typename T, typename F>
    static QFuture<api::Result<T>> run(const std::shared_ptr<EngineCore> &core, F work)
    {
        if (!core->datasets)
            return api::readyResult<T>(api::Error::internal("the engine is not open"));
        return QtConcurrent::run(&core->pool, [core, work = std::move(work)]() -> api::Result<T> {
            try {
                return work(*core);
            } catch (const std::exception &e) {
                return api::Error::internal(std::string("unexpected failure: ") + e.what());
            } catch (...) {
                return api::Error::internal("unexpected failure");
            }
        });
    }
};

EngineSession::EngineSession(std::shared_ptr<EngineCore> core, std::string principal)
    : m_core(std::move(core)), m_principal(std::move(principal))
{}

EngineSession::~EngineSession() = default;

QFuture<api::Result<api::HealthInfo>> EngineSession::health()
{
    return EngineCore::run<api::HealthInfo>(m_core, [](EngineCore &) {
        return api::HealthInfo{api::HealthStatus::Ok};
    });
}

QFuture<api::Result<api::VersionInfo>> EngineSession::version()
{
    return EngineCore::run<api::VersionInfo>(m_core, [](EngineCore &) {
        return api::VersionInfo{WB_VERSION};
    });
}

std::string EngineSession::describe() const
{
    return "in-process engine (" + QDir::toNativeSeparators(m_core->config.dataDir).toStdString() + ")";
}

QFuture<api::Result<api::Dataset>> EngineSession::registerDataset(api::RegisterDatasetRequest request)
{
    return EngineCore::run<api::Dataset>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.datasets->registerDataset(p, request);
    });
}

QFuture<api::Result<api::Dataset>> EngineSession::getDataset(std::string datasetId)
{
    return EngineCore::run<api::Dataset>(m_core, [p = m_principal, id = std::move(datasetId)](EngineCore &c) {
        return c.datasets->getDataset(p, id);
    });
}

QFuture<api::Result<api::ListDatasetsResponse>> EngineSession::listDatasets()
{
    return EngineCore::run<api::ListDatasetsResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.datasets->listDatasets(p);
    });
}

QFuture<api::Result<void>> EngineSession::unregisterDataset(std::string datasetId)
{
    return EngineCore::run<void>(m_core, [p = m_principal, id = std::move(datasetId)](EngineCore &c) {
        return c.datasets->unregisterDataset(p, id);
    });
}

QFuture<api::Result<api::PaginatedResponse>> EngineSession::iterrows(std::string datasetId,
                                                                     std::optional<int64_t> startIndex,
                                                                     std::optional<int64_t> limit)
{
    return EngineCore::run<api::PaginatedResponse>(
        m_core, [p = m_principal, id = std::move(datasetId), startIndex, limit](EngineCore &c) {
            return c.datasets->iterrows(p, id, startIndex, limit);
        });
}

QFuture<api::Result<void>> EngineSession::appendRows(std::string datasetId, std::vector<api::JsonObject> rows)
{
    return EngineCore::run<void>(
        m_core, [p = m_principal, id = std::move(datasetId), rows = std::move(rows)](EngineCore &c) {
            return c.datasets->appendRows(p, id, rows);
        });
}

QFuture<api::Result<api::DatasetStats>> EngineSession::datasetStats(std::string datasetId)
{
    return EngineCore::run<api::DatasetStats>(m_core, [p = m_principal, id = std::move(datasetId)](EngineCore &c) {
        return c.datasets->stats(p, id);
    });
}

static std::shared_ptr<EngineCore> makeCore(EngineConfig config)
{
    auto core = std::make_shared<EngineCore>();
    core->config = std::move(config);
    if (core->config.dataDir.isEmpty())
        core->config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    core->pool.setMaxThreadCount(core->config.threads > 0 ? core->config.threads
                                                          : std::max(2, QThread::idealThreadCount()));
    // Threads keep their store connection; never retiring them keeps connections bounded.
    core->pool.setExpiryTimeout(-1);
    return core;
}

Engine::Engine(EngineConfig config) : EngineSession(makeCore(std::move(config)), std::string()) {}

Engine::~Engine()
{
    m_core->pool.waitForDone();
}

api::Status Engine::open()
{
    EngineCore &c = *m_core;
    const QDir dir(c.config.dataDir);
    if (!QDir().mkpath(dir.absolutePath()))
        return api::Error::internal("cannot create the data folder " + dir.absolutePath().toStdString());
    auto store = store::Store::open(c.config.databaseUrl, dir.filePath(QStringLiteral("store.sqlite")));
    if (!store)
        return store.error();
    c.store = std::move(store).value();
    c.sources = std::make_unique<SourceResolver>(
        SourceResolverConfig{dir.filePath(QStringLiteral("cache")), c.config.maxDataUriBytes, 60});
    auto datasets = std::make_unique<DatasetService>(*c.store, *c.sources);
    if (c.config.seedSamples)
        if (auto seeded = seedSampleDatasets(*datasets, *c.store, dir.filePath(QStringLiteral("samples")));
            !seeded)
            return seeded;
    c.datasets = std::move(datasets); // last: a non-null service means "open"
    return {};
}

const QString &Engine::dataDir() const
{
    return m_core->config.dataDir;
}

std::shared_ptr<api::StackApi> Engine::forPrincipal(const std::string &principal)
{
    return std::make_shared<EngineSession>(m_core, principal);
}

} // namespace wb::engine
