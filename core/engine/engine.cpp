#include "engine/engine_core_p.h"
#include "engine/samples.h"

#include <QDir>
#include <QStandardPaths>
#include <QThread>

namespace wb::engine {

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
    core->longCallPool.setMaxThreadCount(4);
    core->longCallPool.setExpiryTimeout(-1);
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
    c.rerank = std::make_unique<RerankService>(*c.models, *c.localModels);
    auto datasets = std::make_unique<DatasetService>(*c.store, *c.sources);
    if (c.config.seedSamples)
        if (auto seeded = seedSampleDatasets(*datasets, *c.store, dir.filePath(QStringLiteral("samples")));
            !seeded)
            return seeded;
    if (c.config.seedSamples)
        if (auto seeded = seedStarterModel(*c.store, ownModels); !seeded)
            return seeded;
    // A judge model is asked like any chat model, as the principal who scores sees it.
    InferenceService &inference = *c.inference;
    JudgeCall judge = [&inference](const std::string &principal, const std::string &model,
                                   const std::string &prompt,
                                   const api::CancelToken &cancel) -> api::Result<std::string> {
        auto target = inference.target(principal, model);
        if (!target)
            return target.error();
        api::ChatCompletionRequest request;
        request.model = model;
        request.messages.push_back(api::ChatMessage{"user", prompt, {}});
        auto reply = inference.chat(*target, request, {}, cancel);
        if (!reply)
            return reply.error();
        if (reply->choices.empty())
            return api::Error::badGateway("the judge model '" + model + "' returned no choice");
        return reply->choices.front().message.content;
    };
    c.scoring = std::make_unique<ScoringService>(*c.store, *datasets, std::move(judge));
    c.benchmarks = std::make_unique<BenchmarkService>(*c.store, *datasets, *c.scoring);
    if (c.config.seedSamples)
        if (auto seeded = c.benchmarks->seedSampleBenchmarks(); !seeded)
            return seeded;
    c.eval = std::make_unique<EvalService>(*c.store, *datasets, *c.benchmarks, *c.scoring, *c.inference,
                                           *c.localModels,
                                           EvalServiceConfig{std::max(1, c.config.evalJobs),
                                                             std::max(1, c.config.evalBatchSize)});
    c.benchmarks->setOnUnregister([eval = c.eval.get()](const std::string &id) { eval->cancelJobsOf(id); });
    if (auto recovered = c.eval->recoverInterruptedJobs(); !recovered)
        return recovered;
    c.training = std::make_unique<PostTrainingService>(
        *c.store, *datasets, *c.models,
        PostTrainingServiceConfig{std::max(1, c.config.trainingJobs), dir.filePath(QStringLiteral("checkpoints"))});
    if (auto recovered = c.training->recoverInterruptedJobs(); !recovered)
        return recovered;
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
