#pragma once

// RemoteClient: the StackApi over HTTP, talking to a Llama Stack server (the workbench's own
// `--serve` server or an upstream Llama Stack distribution).
//
// Threading: the client owns a QThread that runs its own QNetworkAccessManager (created on that
// thread). Every call posts its request there with QMetaObject::invokeMethod and returns a future
// that the network thread finishes through a QPromise. So calls work from the GUI thread and from
// worker threads that block in api::await() — a QNetworkAccessManager on the caller's thread
// would deadlock there, because nobody would run its event loop.
//
// Wire contract (spec paths): GET /v1/health, GET /v1/version, GET/POST /v1beta/datasets,
// GET/DELETE /v1beta/datasets/{id}, GET /v1beta/datasetio/iterrows/{id}?start_index=&limit=,
// POST /v1beta/datasetio/append-rows/{id} with {"rows": [...]}, and the workbench extension
// GET /v1beta/x-workbench/dataset-stats/{id}. Ids keep '/' literal (upstream routes use
// `{dataset_id:path}`); every other character that needs it is percent-encoded. Models:
// GET/POST /v1/models, GET/DELETE /v1/models/{model_id}. Inference: POST /v1/chat/completions and
// /v1/completions, always streamed (SSE) through the OpenAI client, see remote_inference.h.
//
// Errors (api::Error, status = the HTTP status):
//   - the spec's Error body {status,title,detail}, upstream's {"detail": "..."} and
//     {"error": {"detail": {...}}} (pydantic `errors` lists become "field.path: msg; ...");
//     a body that is none of these → the first 200 characters of the body;
//   - no answer in timeoutMs (QNetworkRequest::setTransferTimeout) → 504 "... timed out after N ms";
//   - connection refused, host not found, ... → 502 naming the URL and the reason;
//   - TLS errors → 502 with the TLS error text (they are never ignored; add a private CA with
//     RemoteOptions::caFile);
//   - a 2xx answer that does not parse → 502 "the server sent an invalid <what> response: <path>: <msg>";
//   - the client destroyed while a call is in flight → 500 "call was cancelled: ...".
// Void calls (unregister, append-rows) succeed on any 2xx: 204, 200 with an empty body, 200 `null`.
//
// Retries: GET and DELETE only (POST is never retried, it may not be idempotent), on 429/502/503/
// 504 answers and on connection errors, up to maxRetries times with exponential backoff
// (retryBaseDelayMs * 2^attempt, plus up to 50% random jitter). A Retry-After header (seconds or
// an HTTP date) replaces the backoff, capped at 10 s. A local timeout is not retried: a server
// that did not answer in timeoutMs would usually not answer the next time either, and retrying
// would multiply the wait.

#include "api/stack_api.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace wb::remote {

struct RemoteOptions
{
    QUrl baseUrl;         //!< e.g. http://127.0.0.1:8321 (a path prefix is kept: http://h/llama)
    QString token;        //!< sent as "Authorization: Bearer <token>" when not empty
    QString caFile;       //!< PEM file with extra CA certificates, added to the system ones
    int timeoutMs = 30000; //!< transfer timeout per attempt (no bytes for this long → 504)
    int maxRetries = 3;    //!< extra attempts for idempotent calls (GET, DELETE)
    int retryBaseDelayMs = 200;
};

class RemoteClient final : public api::StackApi
{
public:
    explicit RemoteClient(RemoteOptions options);
    //! Aborts calls in flight (their futures finish with an error) and stops the network thread.
    //! Do not destroy the client from one of its own futures' continuations running on the
    //! network thread.
    ~RemoteClient() override;
    RemoteClient(const RemoteClient &) = delete;
    RemoteClient &operator=(const RemoteClient &) = delete;

    const RemoteOptions &options() const;

    // SystemApi
    QFuture<api::Result<api::HealthInfo>> health() override;
    QFuture<api::Result<api::VersionInfo>> version() override;
    //! The base URL, e.g. "http://127.0.0.1:8321" (never the token, never a password).
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
    //! Calls the workbench extension. Against a server without it (a 404 whose body is not an
    //! error naming the dataset, e.g. upstream's {"detail":"Not Found"}), falls back to
    //! getDataset (its 404 is the answer for an unknown id) and then pages through iterrows with
    //! limit 1000, counting rows and collecting columns in first-seen key order. The fallback is
    //! O(rows): it downloads the whole dataset. appended_row_count is 0 there (upstream does not
    //! keep appended rows apart) and `format` is guessed from the source.
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

    // ScoringFunctionsApi, ScoringApi, BenchmarksApi, EvalApi (remote_eval.cpp)
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

    // PostTrainingApi (remote_post_training.cpp)
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

    // RerankApi (remote_rerank.cpp)
    QFuture<api::Result<api::RerankResponse>> rerank(api::RerankRequest request,
                                                     api::CancelToken cancel) override;

    class Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace wb::remote
