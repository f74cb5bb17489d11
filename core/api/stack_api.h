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

#include "cancel.h"
#include "datasets.h"
#include "inference.h"
#include "models.h"
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

class StackApi : public SystemApi, public DatasetsApi, public DatasetIoApi, public ModelsApi,
                 public InferenceApi
{
public:
    ~StackApi() override = default;
};

} // namespace wb::api
