#include "engine/engine.h"

#include "api/async.h"
#include "engine/datasets/dataset_service.h"
#include "engine/datasets/source_resolver.h"
#include "engine/inference/inference_service.h"
#include "engine/inference/local_model_cache.h"
#include "engine/models/registry.h"
#include "engine/samples.h"
#include "store/store.h"

#include <QDir>
#include <QPromise>
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
    std::unique_ptr<ModelRegistry> models;
    std::unique_ptr<LocalModelCache> localModels;
    std::unique_ptr<InferenceService> inference;
    //! Generations take seconds to minutes, so they get their own threads and never hold up
    //! dataset calls. Few: each local generation already uses every core through torch's
    //! intra-op threads. Calls to remote endpoints mostly wait on the network, so they get more
    //! threads of their own rather than queueing behind local generations.
    QThreadPool localInferencePool;
    QThreadPool remoteInferencePool;

    ~EngineCore() { waitForDone(); }

    //! In this order: a call on `pool` may still hand a generation to an inference pool.
    void waitForDone()
    {
        pool.waitForDone();
        localInferencePool.waitForDone();
        remoteInferencePool.waitForDone();
    }

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

    //! Runs an inference call in two steps: the model lookup on the engine's pool (it reads the
    //! store), then `work(core, target)` on the inference threads its kind of model uses.
    template<typename T, typename F>
    static QFuture<api::Result<T>> runInference(const std::shared_ptr<EngineCore> &core,
                                                std::string principal, std::string modelId, F work)
    {
        if (!core->inference)
            return api::readyResult<T>(api::Error::internal("the engine is not open"));
        auto promise = std::make_shared<QPromise<api::Result<T>>>();
        promise->start();
        QFuture<api::Result<T>> future = promise->future();
        auto finish = [promise](api::Result<T> r) {
            promise->addResult(std::move(r));
            promise->finish();
        };
        core->pool.start([core, principal = std::move(principal), modelId = std::move(modelId),
                          work = std::move(work), finish]() mutable {
            api::Result<InferenceService::Target> target = api::Error::internal("no target");
            try {
                target = core->inference->target(principal, modelId);
            } catch (const std::exception &e) {
                target = api::Error::internal(std::string("unexpected failure: ") + e.what());
            } catch (...) {
                target = api::Error::internal("unexpected failure");
            }
            if (!target)
                return finish(target.error());
            QThreadPool &threads = target->local ? core->localInferencePool : core->remoteInferencePool;
            threads.start([core, target = std::move(target).value(), work = std::move(work), finish] {
                finish(work(*core, target)); // InferenceService catches what torch throws
            });
        });
        return future;
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

QFuture<api::Result<api::OpenAIListModelsResponse>> EngineSession::listModels()
{
    return EngineCore::run<api::OpenAIListModelsResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.models->listModels(p);
    });
}

QFuture<api::Result<api::Model>> EngineSession::getModel(std::string modelId)
{
    return EngineCore::run<api::Model>(m_core, [p = m_principal, id = std::move(modelId)](EngineCore &c) {
        return c.models->getModel(p, id);
    });
}

QFuture<api::Result<api::Model>> EngineSession::registerModel(api::RegisterModelRequest request)
{
    return EngineCore::run<api::Model>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.models->registerModel(p, request);
    });
}

QFuture<api::Result<void>> EngineSession::unregisterModel(std::string modelId)
{
    return EngineCore::run<void>(m_core, [p = m_principal, id = std::move(modelId)](EngineCore &c) {
        return c.models->unregisterModel(p, id);
    });
}

QFuture<api::Result<api::ChatCompletion>> EngineSession::chatCompletion(api::ChatCompletionRequest request,
                                                                        api::ChatChunkSink onChunk,
                                                                        api::CancelToken cancel)
{
    std::string model = request.model;
    return EngineCore::runInference<api::ChatCompletion>(
        m_core, m_principal, std::move(model),
        [request = std::move(request), onChunk = std::move(onChunk),
         cancel](EngineCore &c, const InferenceService::Target &target) {
            return c.inference->chat(target, request, onChunk, cancel);
        });
}

QFuture<api::Result<api::Completion>> EngineSession::completion(api::CompletionRequest request,
                                                                api::CompletionChunkSink onChunk,
                                                                api::CancelToken cancel)
{
    std::string model = request.model;
    return EngineCore::runInference<api::Completion>(
        m_core, m_principal, std::move(model),
        [request = std::move(request), onChunk = std::move(onChunk),
         cancel](EngineCore &c, const InferenceService::Target &target) {
            return c.inference->complete(target, request, onChunk, cancel);
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
    core->localInferencePool.setMaxThreadCount(2);
    core->remoteInferencePool.setMaxThreadCount(8);
    return core;
}

Engine::Engine(EngineConfig config) : EngineSession(makeCore(std::move(config)), std::string()) {}

Engine::~Engine()
{
    m_core->waitForDone();
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
    // <data folder>/models comes first: where a user drops model folders without configuring
    // anything, and where the starter model is installed.
    const QString ownModels = dir.filePath(QStringLiteral("models"));
    QDir().mkpath(ownModels);
    c.models = std::make_unique<ModelRegistry>(*c.store, QStringList{ownModels} + c.config.modelDirs);
    c.localModels = std::make_unique<LocalModelCache>();
    c.inference = std::make_unique<InferenceService>(*c.models, *c.localModels);
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
