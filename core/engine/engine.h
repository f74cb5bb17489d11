#pragma once

// The in-process engine: the StackApi implemented on this machine (SQLite store, dataset sources,
// the model registry and runtime (engine/models/registry.h, engine/inference/), scoring and
// eval jobs (engine/scoring/, engine/eval/), and, in later issues, rerank and post-training).
//
// Calls run on the engine's own thread pool and never block the caller; chat and text
// completions run on inference threads of their own, so a long generation never holds up the
// other calls. Construction is cheap and does no I/O; open() creates the data folder, opens the
// store and runs migrations.

#include "api/stack_api.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace wb::engine {

struct EngineConfig
{
    //! Root of everything the engine keeps: store.sqlite, cache/ (row indexes, downloads).
    //! Empty: QStandardPaths::AppDataLocation.
    QString dataDir;
    //! Register the bundled sample datasets when the store is new.
    bool seedSamples = false;
    //! Worker threads for API calls (0: QThread::idealThreadCount(), at least 2).
    int threads = 0;
    //! Largest data: URI accepted (decoded bytes).
    size_t maxDataUriBytes = size_t(64) << 20;
    //! Where the store lives: empty = store.sqlite in dataDir; "postgresql://user@host/db" = a
    //! PostgreSQL database several server processes can share (see store::Store::open).
    QString databaseUrl;
    //! Folders of Hugging Face model folders, listed by the models API after <dataDir>/models,
    //! which is always searched first (each subfolder with a
    //! config.json, and the folder itself if it has one); WB_MODEL_PATH (colon-separated) and the
    //! Hugging Face cache are searched too. See engine/models/registry.h.
    QStringList modelDirs;
    //! run_eval jobs that run at once; the others wait as "scheduled".
    int evalJobs = 1;
    //! Rows generated together on a local model by an eval job (1: one at a time).
    int evalBatchSize = 8;
    //! Post-training jobs that train at once; the others wait as "scheduled".
    int trainingJobs = 1;
};

class EngineCore;

//! The StackApi as one principal sees it (see DatasetService for the ownership rules). The
//! in-process app uses the Engine itself (principal ""); the server makes one per principal.
class EngineSession : public api::StackApi
{
public:
    EngineSession(std::shared_ptr<EngineCore> core, std::string principal);
    ~EngineSession() override;

    // SystemApi
    QFuture<api::Result<api::HealthInfo>> health() override;
    QFuture<api::Result<api::VersionInfo>> version() override;
    std::string describe() const override;

    // DatasetsApi
    QFuture<api::Result<api::Dataset>> registerDataset(api::RegisterDatasetRequest request) override;
    QFuture<api::Result<api::Dataset>> getDataset(std::string datasetId) override;
    QFuture<api::Result<api::ListDatasetsResponse>> listDatasets() override;
    QFuture<api::Result<void>> unregisterDataset(std::string datasetId) override;

    // DatasetIoApi
    QFuture<api::Result<api::PaginatedResponse>> iterrows(std::string datasetId,
                                                          std::optional<int64_t> startIndex,
                                                          std::optional<int64_t> limit) override;
    QFuture<api::Result<void>> appendRows(std::string datasetId,
                                          std::vector<api::JsonObject> rows) override;
    QFuture<api::Result<api::DatasetStats>> datasetStats(std::string datasetId) override;

    // ModelsApi
    QFuture<api::Result<api::OpenAIListModelsResponse>> listModels() override;
    QFuture<api::Result<api::Model>> getModel(std::string modelId) override;
    QFuture<api::Result<api::Model>> registerModel(api::RegisterModelRequest request) override;
    QFuture<api::Result<void>> unregisterModel(std::string modelId) override;

    // InferenceApi
    QFuture<api::Result<api::ChatCompletion>> chatCompletion(api::ChatCompletionRequest request,
                                                             api::ChatChunkSink onChunk,
                                                             api::CancelToken cancel) override;
    QFuture<api::Result<api::Completion>> completion(api::CompletionRequest request,
                                                     api::CompletionChunkSink onChunk,
                                                     api::CancelToken cancel) override;

    // ScoringFunctionsApi, ScoringApi, BenchmarksApi, EvalApi (engine_eval.cpp)
    QFuture<api::Result<api::ListScoringFunctionsResponse>> listScoringFunctions() override;
    QFuture<api::Result<api::ScoringFn>> getScoringFunction(std::string scoringFnId) override;
    QFuture<api::Result<void>> registerScoringFunction(api::RegisterScoringFunctionRequest request) override;
    QFuture<api::Result<void>> unregisterScoringFunction(std::string scoringFnId) override;
    QFuture<api::Result<api::ScoreResponse>> score(api::ScoreRequest request, api::CancelToken cancel) override;
    QFuture<api::Result<api::ScoreBatchResponse>> scoreBatch(api::ScoreBatchRequest request,
                                                             api::CancelToken cancel) override;
    QFuture<api::Result<api::ListBenchmarksResponse>> listBenchmarks() override;
    QFuture<api::Result<api::Benchmark>> getBenchmark(std::string benchmarkId) override;
    QFuture<api::Result<void>> registerBenchmark(api::RegisterBenchmarkRequest request) override;
    QFuture<api::Result<void>> unregisterBenchmark(std::string benchmarkId) override;
    QFuture<api::Result<api::EvaluateResponse>> evaluateRows(std::string benchmarkId,
                                                             api::EvaluateRowsRequest request,
                                                             api::CancelToken cancel) override;
    QFuture<api::Result<api::Job>> runEval(std::string benchmarkId, api::RunEvalRequest request) override;
    QFuture<api::Result<api::Job>> jobStatus(std::string benchmarkId, std::string jobId) override;
    QFuture<api::Result<void>> jobCancel(std::string benchmarkId, std::string jobId) override;
    QFuture<api::Result<api::EvaluateResponse>> jobResult(std::string benchmarkId, std::string jobId) override;
    QFuture<api::Result<api::ListEvalJobsResponse>> listEvalJobs(std::optional<std::string> benchmarkId) override;
    QFuture<api::Result<api::EvalJobInfo>> evalJobInfo(std::string benchmarkId, std::string jobId) override;
    QFuture<api::Result<api::EvalRowsPage>> evalJobRows(std::string benchmarkId, std::string jobId,
                                                        std::optional<int64_t> startIndex,
                                                        std::optional<int64_t> limit) override;
    QFuture<api::Result<void>> deleteEvalJob(std::string benchmarkId, std::string jobId) override;

    // PostTrainingApi (engine_post_training.cpp)
    QFuture<api::Result<api::PostTrainingJob>> supervisedFineTune(api::SupervisedFineTuneRequest request) override;
    QFuture<api::Result<api::PostTrainingJob>> preferenceOptimize(api::PreferenceOptimizeRequest request) override;
    QFuture<api::Result<api::ListPostTrainingJobsResponse>> listTrainingJobs() override;
    QFuture<api::Result<api::PostTrainingJobStatusResponse>> trainingJobStatus(std::string jobUuid) override;
    QFuture<api::Result<api::PostTrainingJobArtifactsResponse>> trainingJobArtifacts(std::string jobUuid) override;
    QFuture<api::Result<void>> cancelTrainingJob(std::string jobUuid) override;
    QFuture<api::Result<api::ListTrainingJobInfoResponse>> listTrainingJobInfo() override;
    QFuture<api::Result<api::TrainingJobInfo>> trainingJobInfo(std::string jobUuid) override;
    QFuture<api::Result<api::TrainingMetricsPage>> trainingJobMetrics(std::string jobUuid,
                                                                      std::optional<int64_t> startIndex,
                                                                      std::optional<int64_t> limit) override;
    QFuture<api::Result<api::PostTrainingJob>> resumeTrainingJob(std::string jobUuid) override;

    // RerankApi (engine_rerank.cpp)
    QFuture<api::Result<api::RerankResponse>> rerank(api::RerankRequest request,
                                                     api::CancelToken cancel) override;

protected:
    std::shared_ptr<EngineCore> m_core;
    const std::string m_principal;
};

class Engine final : public EngineSession
{
public:
    explicit Engine(EngineConfig config);
    ~Engine() override; //!< waits for running calls

    //! Opens (creating if needed) the data folder and the store. Call once before anything else.
    api::Status open();
    const QString &dataDir() const;

    //! A view of this engine for `principal` (resources it registers belong to it). The view
    //! shares the engine's store and threads and may outlive calls in flight, not the engine.
    std::shared_ptr<api::StackApi> forPrincipal(const std::string &principal);
};

} // namespace wb::engine
