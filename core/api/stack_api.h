#pragma once

// The one seam of the workbench: the whole Llama Stack API as an abstract, asynchronous interface.
// The UI and the HTTP server talk to this and nothing else; the in-process engine and the remote
// client implement it. Later API areas (eval, post-training, rerank, models, scoring) add their own
// abstract base here and StackApi inherits it.
//
// Threading: every call returns at once with a QFuture that finishes on a worker thread. Continue on
// it with a context object (`future.then(guard, ...)`, see async.h) so a closed view never receives a
// late result. Implementations are thread-safe: calls may come from any thread.
//
// Errors: the future's value is a Result<T>; see error.h for the status codes. A future is never
// left unfinished and never carries an exception.

#include "benchmarks.h"
#include "cancel.h"
#include "datasets.h"
#include "eval.h"
#include "eval_jobs.h"
#include "inference.h"
#include "models.h"
#include "post_training.h"
#include "post_training_jobs.h"
#include "rerank.h"
#include "scoring.h"
#include "system.h"

#include <functional>

#include <QFuture>

namespace wb::api {

//! /v1beta/datasets
class DatasetsApi
{
public:
    virtual ~DatasetsApi() = default;

    //! Registers a dataset. No id → `dataset-<uuid>`. The source is not read here (as upstream):
    //! a bad URI fails at iterrows. Same id and same content: no-op, returns the stored dataset;
    //! same id, other content: 409.
    virtual QFuture<Result<Dataset>> registerDataset(RegisterDatasetRequest request) = 0;
    //! 404 for an unknown id.
    virtual QFuture<Result<Dataset>> getDataset(std::string datasetId) = 0;
    virtual QFuture<Result<ListDatasetsResponse>> listDatasets() = 0;
    //! Removes the dataset and its appended rows. 404 for an unknown id.
    virtual QFuture<Result<void>> unregisterDataset(std::string datasetId) = 0;
};

//! /v1beta/datasetio
class DatasetIoApi
{
public:
    virtual ~DatasetIoApi() = default;

    //! Upstream pagination: limit absent or -1 → every row from 0 (start_index ignored), has_more
    //! false; otherwise rows [start, start+limit), has_more = start+limit < total. Other negative
    //! values are a 400. Appended rows follow the source rows. 404 for an unknown id.
    virtual QFuture<Result<PaginatedResponse>> iterrows(std::string datasetId,
                                                        std::optional<int64_t> startIndex,
                                                        std::optional<int64_t> limit) = 0;
    //! Persists rows after the source rows, for every kind of dataset (upstream discards them).
    virtual QFuture<Result<void>> appendRows(std::string datasetId, std::vector<JsonObject> rows) = 0;

    //! Workbench extension: row count and columns (builds the row index on first use).
    virtual QFuture<Result<DatasetStats>> datasetStats(std::string datasetId) = 0;
};

//! /v1/health, /v1/version
class SystemApi
{
public:
    virtual ~SystemApi() = default;
    virtual QFuture<Result<HealthInfo>> health() = 0;
    virtual QFuture<Result<VersionInfo>> version() = 0;
    //! A short human description of where calls go: "in-process (~/.local/share/...)" or a URL.
    virtual std::string describe() const = 0;
};

//! /v1/models: local model folders (configured folders and the Hugging Face cache, never
//! downloaded), registered folders and OpenAI-compatible endpoints. See models.h for metadata.
class ModelsApi
{
public:
    virtual ~ModelsApi() = default;

    //! OpenAI list shape; model_type and provider details in custom_metadata.
    virtual QFuture<Result<OpenAIListModelsResponse>> listModels() = 0;
    //! 404 for an unknown id.
    virtual QFuture<Result<Model>> getModel(std::string modelId) = 0;
    //! 400 for a folder that is not a loadable model (naming the file) or a bad base_url; 409 for
    //! an id already taken by another model. Same id and same content: no-op.
    virtual QFuture<Result<Model>> registerModel(RegisterModelRequest request) = 0;
    //! Removes a registered model. A model found on disk (a configured folder, the Hugging Face
    //! cache) cannot be unregistered: 400 saying to move or remove its folder. 404 for an unknown id.
    virtual QFuture<Result<void>> unregisterModel(std::string modelId) = 0;
};

//! Called with each streamed chunk, in order, on a worker thread, before the call's future
//! finishes. Must be quick and thread-safe (queue it to your own thread).
using ChatChunkSink = std::function<void(const ChatCompletionChunk &)>;
using CompletionChunkSink = std::function<void(const Completion &)>;

//! /v1/chat/completions, /v1/completions (OpenAI-compatible).
//!
//! With a sink, chunks are delivered as tokens are generated (whatever `request.stream` says) and
//! the future still finishes with the whole answer (and usage). Cancelling the token stops the
//! generation within one token: the future finishes with what was generated so far and
//! finish_reason "cancelled". 404 for an unknown model; 400 for a model that is not an llm, or
//! for bad sampling values (naming the field).
class InferenceApi
{
public:
    virtual ~InferenceApi() = default;

    virtual QFuture<Result<ChatCompletion>> chatCompletion(ChatCompletionRequest request,
                                                           ChatChunkSink onChunk = {},
                                                           CancelToken cancel = {}) = 0;
    virtual QFuture<Result<Completion>> completion(CompletionRequest request,
                                                   CompletionChunkSink onChunk = {},
                                                   CancelToken cancel = {}) = 0;
};

//! /v1/scoring-functions: the built-in functions (basic::*, llm-as-judge::*) and user-defined
//! LLM-as-judge functions, persisted.
class ScoringFunctionsApi
{
public:
    virtual ~ScoringFunctionsApi() = default;

    virtual QFuture<Result<ListScoringFunctionsResponse>> listScoringFunctions() = 0;
    //! 404 for an unknown id.
    virtual QFuture<Result<ScoringFn>> getScoringFunction(std::string scoringFnId) = 0;
    //! Only LLM-as-judge functions (params of type llm_as_judge with a judge_model and a
    //! prompt_template): anything else is a 400 saying so. 409 for an id already taken by a
    //! different function; the same id and content again is a no-op.
    virtual QFuture<Result<void>> registerScoringFunction(RegisterScoringFunctionRequest request) = 0;
    //! 400 for a built-in function; 404 for an unknown id.
    virtual QFuture<Result<void>> unregisterScoringFunction(std::string scoringFnId) = 0;
};

//! /v1/scoring/score, /v1/scoring/score-batch.
//!
//! Each function scores every row with the request's params, or its own defaults when the request
//! gives null (request params never change the defaults for later calls). Results are keyed by fn
//! id in request order, aggregated with the upstream nested shape. 404 for an unknown function;
//! 400 for bad params (an invalid regex, a params type the function cannot take) or a row that
//! lacks a column the function needs (naming the row and the column). Cancelling stops between
//! rows (an LLM judge can take seconds per row) and finishes with Error::cancelled() (499).
class ScoringApi
{
public:
    virtual ~ScoringApi() = default;

    virtual QFuture<Result<ScoreResponse>> score(ScoreRequest request, CancelToken cancel = {}) = 0;
    //! Scores every row of a registered dataset (404 for an unknown dataset).
    //! save_results_dataset=true registers the scored rows as a new dataset, named in the answer.
    virtual QFuture<Result<ScoreBatchResponse>> scoreBatch(ScoreBatchRequest request,
                                                           CancelToken cancel = {}) = 0;
};

//! /v1alpha/eval/benchmarks, persisted.
class BenchmarksApi
{
public:
    virtual ~BenchmarksApi() = default;

    virtual QFuture<Result<ListBenchmarksResponse>> listBenchmarks() = 0;
    //! 404 for an unknown id (upstream answers 400).
    virtual QFuture<Result<Benchmark>> getBenchmark(std::string benchmarkId) = 0;
    //! Unlike upstream, checks that the dataset and every scoring function exist (404 naming the
    //! missing one) and that there is at least one function (400). 409 for an id already taken by
    //! a different benchmark; the same content again is a no-op.
    virtual QFuture<Result<void>> registerBenchmark(RegisterBenchmarkRequest request) = 0;
    //! Cancels the benchmark's running jobs; finished jobs and their results stay listed.
    //! 404 for an unknown id.
    virtual QFuture<Result<void>> unregisterBenchmark(std::string benchmarkId) = 0;
};

//! /v1alpha/eval/benchmarks/{id}/evaluations and /jobs, plus the extensions of eval_jobs.h.
//!
//! Prompts come from `chat_completion_input`, then `completion_input`, then the question columns
//! (docs/eval.md has the rules); every sampling parameter of the candidate is honoured (upstream
//! forwards only max_tokens). 404 for an unknown benchmark, job or model.
class EvalApi
{
public:
    virtual ~EvalApi() = default;

    //! Generates and scores `request.input_rows` synchronously. Cancelling stops within one row.
    virtual QFuture<Result<EvaluateResponse>> evaluateRows(std::string benchmarkId,
                                                           EvaluateRowsRequest request,
                                                           CancelToken cancel = {}) = 0;
    //! Creates a durable background job over the benchmark's first num_examples rows and returns
    //! at once with status "scheduled" (or "in_progress"). Job ids are unique for the store's life.
    virtual QFuture<Result<Job>> runEval(std::string benchmarkId, RunEvalRequest request) = 0;
    virtual QFuture<Result<Job>> jobStatus(std::string benchmarkId, std::string jobId) = 0;
    //! Stops a scheduled or running job within one row (status "cancelled", rows done so far are
    //! kept). A job that has already ended is left as it is.
    virtual QFuture<Result<void>> jobCancel(std::string benchmarkId, std::string jobId) = 0;
    //! The EvaluateResponse of a completed job; 400 naming the status for a job that is not.
    virtual QFuture<Result<EvaluateResponse>> jobResult(std::string benchmarkId, std::string jobId) = 0;

    // Workbench extensions (eval_jobs.h).
    //! Every job the caller may see, newest first; only `benchmarkId`'s when given.
    virtual QFuture<Result<ListEvalJobsResponse>> listEvalJobs(std::optional<std::string> benchmarkId) = 0;
    virtual QFuture<Result<EvalJobInfo>> evalJobInfo(std::string benchmarkId, std::string jobId) = 0;
    //! Rows evaluated so far (also while the job runs), paginated like iterrows.
    virtual QFuture<Result<EvalRowsPage>> evalJobRows(std::string benchmarkId, std::string jobId,
                                                      std::optional<int64_t> startIndex,
                                                      std::optional<int64_t> limit) = 0;
    //! Removes an ended job and its rows; 409 for a job still scheduled or running.
    virtual QFuture<Result<void>> deleteEvalJob(std::string benchmarkId, std::string jobId) = 0;
};

//! /v1alpha/post-training: fine-tuning (full, LoRA, QAT) and preference optimisation (DPO) as
//! durable background jobs, plus the extensions of post_training_jobs.h.
//!
//! Job ids are chosen by the client (`job_uuid`, non-empty); one already used is a 409 (upstream
//! answers 400). An unknown job is a 404 (upstream: 400). A bad request (unknown model or dataset,
//! a dataset whose rows don't fit the format, a bad hyperparameter) is a 400/404 before any job
//! is created, naming the field. See docs/training.md.
class PostTrainingApi
{
public:
    virtual ~PostTrainingApi() = default;

    //! Starts a job at once and returns its id; it runs in the background (status "scheduled",
    //! then "in_progress"). No algorithm_config: full fine-tuning.
    virtual QFuture<Result<PostTrainingJob>> supervisedFineTune(SupervisedFineTuneRequest request) = 0;
    virtual QFuture<Result<PostTrainingJob>> preferenceOptimize(PreferenceOptimizeRequest request) = 0;
    virtual QFuture<Result<ListPostTrainingJobsResponse>> listTrainingJobs() = 0;
    virtual QFuture<Result<PostTrainingJobStatusResponse>> trainingJobStatus(std::string jobUuid) = 0;
    virtual QFuture<Result<PostTrainingJobArtifactsResponse>> trainingJobArtifacts(std::string jobUuid) = 0;
    //! Stops a scheduled or running job within one optimizer step (status "cancelled"); its
    //! checkpoints stay. A job that has already ended is left as it is.
    virtual QFuture<Result<void>> cancelTrainingJob(std::string jobUuid) = 0;

    // Workbench extensions (post_training_jobs.h).
    virtual QFuture<Result<ListTrainingJobInfoResponse>> listTrainingJobInfo() = 0;
    virtual QFuture<Result<TrainingJobInfo>> trainingJobInfo(std::string jobUuid) = 0;
    //! Per-step metrics stored so far (also while the job runs), paginated like iterrows.
    virtual QFuture<Result<TrainingMetricsPage>> trainingJobMetrics(std::string jobUuid,
                                                                    std::optional<int64_t> startIndex,
                                                                    std::optional<int64_t> limit) = 0;
    //! Continues a cancelled or interrupted job from its last checkpoint (weights, optimizer state,
    //! schedule and data order). 400 when it has no checkpoint or has completed; 409 while it runs.
    virtual QFuture<Result<PostTrainingJob>> resumeTrainingJob(std::string jobUuid) = 0;
};

//! /v1alpha/inference/rerank: ranks `items` by relevance to `query` with a model of type rerank
//! (docs/rerank.md lists the built-in ones and what each score means).
//!
//! The answer has one entry per item (at most max_num_results), by descending relevance_score,
//! ties in input order, each index once. 400 for an image part ("images are not supported by the
//! model"), max_num_results below 1, or a model that is not a rerank model; 404 for an unknown
//! model; 502 when a remote reranker fails (its status and message are named). Cancelling stops
//! a local model between batches of items and finishes with Error::cancelled() (499).
class RerankApi
{
public:
    virtual ~RerankApi() = default;

    virtual QFuture<Result<RerankResponse>> rerank(RerankRequest request, CancelToken cancel = {}) = 0;
};

class StackApi : public SystemApi, public DatasetsApi, public DatasetIoApi, public ModelsApi,
                 public InferenceApi, public ScoringFunctionsApi, public ScoringApi,
                 public BenchmarksApi, public EvalApi, public PostTrainingApi, public RerankApi
{
public:
    ~StackApi() override = default;
};

} // namespace wb::api
