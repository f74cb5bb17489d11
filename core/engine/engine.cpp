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

struct Engine::Private
{
    EngineConfig config;
    QThreadPool pool;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<SourceResolver> sources;
    std::unique_ptr<DatasetService> datasets;

    //! Runs `work` on the engine's pool. Exceptions (nlohmann, std::bad_alloc, later libtorch)
    //! stop here and become a 500, so a future never carries one across threads.
    template<typename T, typename F>
    QFuture<api::Result<T>> run(F work)
    {
        if (!datasets)
            return api::readyResult<T>(api::Error::internal("the engine is not open"));
        return QtConcurrent::run(&pool, [work = std::move(work)]() -> api::Result<T> {
            try {
                return work();
            } catch (const std::exception &e) {
                return api::Error::internal(std::string("unexpected failure: ") + e.what());
            } catch (...) {
                return api::Error::internal("unexpected failure");
            }
        });
    }
};

Engine::Engine(EngineConfig config) : d(std::make_unique<Private>())
{
    d->config = std::move(config);
    if (d->config.dataDir.isEmpty())
        d->config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    d->pool.setMaxThreadCount(d->config.threads > 0 ? d->config.threads
                                                    : std::max(2, QThread::idealThreadCount()));
    // Threads keep their store connection; never retiring them keeps connections bounded.
    d->pool.setExpiryTimeout(-1);
}

Engine::~Engine()
{
    d->pool.waitForDone();
}

api::Status Engine::open()
{
    const QDir dir(d->config.dataDir);
    if (!QDir().mkpath(dir.absolutePath()))
        return api::Error::internal("cannot create the data folder " + dir.absolutePath().toStdString());
    auto store = store::Store::openSqlite(dir.filePath(QStringLiteral("store.sqlite")));
    if (!store)
        return store.error();
    d->store = std::move(store).value();
    d->sources = std::make_unique<SourceResolver>(
        SourceResolverConfig{dir.filePath(QStringLiteral("cache")), d->config.maxDataUriBytes, 60});
    d->datasets = std::make_unique<DatasetService>(*d->store, *d->sources);
    if (d->config.seedSamples)
        return seedSampleDatasets(*d->datasets, *d->store, dir.filePath(QStringLiteral("samples")));
    return {};
}

const QString &Engine::dataDir() const
{
    return d->config.dataDir;
}

QFuture<api::Result<api::HealthInfo>> Engine::health()
{
    return d->run<api::HealthInfo>([] { return api::HealthInfo{api::HealthStatus::Ok}; });
}

QFuture<api::Result<api::VersionInfo>> Engine::version()
{
    return d->run<api::VersionInfo>([] { return api::VersionInfo{WB_VERSION}; });
}

std::string Engine::describe() const
{
    return "in-process engine (" + QDir::toNativeSeparators(d->config.dataDir).toStdString() + ")";
}

QFuture<api::Result<api::Dataset>> Engine::registerDataset(api::RegisterDatasetRequest request)
{
    return d->run<api::Dataset>(
        [this, request = std::move(request)] { return d->datasets->registerDataset(request); });
}

QFuture<api::Result<api::Dataset>> Engine::getDataset(std::string datasetId)
{
    return d->run<api::Dataset>([this, id = std::move(datasetId)] { return d->datasets->getDataset(id); });
}

QFuture<api::Result<api::ListDatasetsResponse>> Engine::listDatasets()
{
    return d->run<api::ListDatasetsResponse>([this] { return d->datasets->listDatasets(); });
}

QFuture<api::Result<void>> Engine::unregisterDataset(std::string datasetId)
{
    return d->run<void>([this, id = std::move(datasetId)] { return d->datasets->unregisterDataset(id); });
}

QFuture<api::Result<api::PaginatedResponse>> Engine::iterrows(std::string datasetId,
                                                              std::optional<int64_t> startIndex,
                                                              std::optional<int64_t> limit)
{
    return d->run<api::PaginatedResponse>([this, id = std::move(datasetId), startIndex, limit] {
        return d->datasets->iterrows(id, startIndex, limit);
    });
}

QFuture<api::Result<void>> Engine::appendRows(std::string datasetId, std::vector<api::JsonObject> rows)
{
    return d->run<void>([this, id = std::move(datasetId), rows = std::move(rows)] {
        return d->datasets->appendRows(id, rows);
    });
}

QFuture<api::Result<api::DatasetStats>> Engine::datasetStats(std::string datasetId)
{
    return d->run<api::DatasetStats>([this, id = std::move(datasetId)] { return d->datasets->stats(id); });
}

} // namespace wb::engine
