#pragma once

// A client for OpenAI-compatible endpoints (llama.cpp server, vLLM, Ollama, a Llama Stack server,
// another workbench's `serve`): chat and text completions, streamed (SSE) or not, and the model
// list. Shared by the engine (models mapped to remote endpoints) and the remote client (the
// inference calls of a Llama Stack server), so there is one SSE parser and one error mapping.
//
// Calls block the calling thread (they run a local event loop with their own
// QNetworkAccessManager): call them from worker threads only, never the GUI thread.
//
// Errors: api::Result. The endpoint's own error body ({"error":{"message"}}, {"detail"}, the
// spec's Error) is kept: its status and message are passed on. No connection: 502; timeout: 504.

#include "api/cancel.h"
#include "api/inference.h"
#include "api/models.h"
#include "api/result.h"
#include "api/stack_api.h"

#include <QString>
#include <QUrl>

namespace wb::openai {

struct Endpoint
{
    //! Up to and including the version, e.g. "http://127.0.0.1:8080/v1"; "/chat/completions",
    //! "/completions" and "/models" are appended.
    QUrl baseUrl;
    std::string apiKey;   //!< sent as a Bearer token when not empty
    QString caFile;       //!< extra trusted CA (PEM) besides the system's
    int timeoutMs = 300'000; //!< whole non-streamed call; for streams, the gap between events
};

api::Result<api::ChatCompletion> chatCompletion(const Endpoint &endpoint,
                                                const api::ChatCompletionRequest &request,
                                                const api::ChatChunkSink &onChunk = {},
                                                const api::CancelToken &cancel = {});
api::Result<api::Completion> completion(const Endpoint &endpoint,
                                        const api::CompletionRequest &request,
                                        const api::CompletionChunkSink &onChunk = {},
                                        const api::CancelToken &cancel = {});
api::Result<api::OpenAIListModelsResponse> listModels(const Endpoint &endpoint);

} // namespace wb::openai
