#pragma once

// The InferenceApi half of RemoteClient: /v1/chat/completions and /v1/completions of a Llama
// Stack server, spoken through the OpenAI client (core/openai), which owns SSE parsing and the
// error mapping. Each call runs on a thread of this object's pool (the OpenAI client blocks), so
// chunks reach the sink while the server generates, and cancelling aborts the request, which
// makes the server stop generating.
//
// Always streamed on the wire, also without a sink: the timeout (RemoteOptions::timeoutMs) then
// bounds the silence between tokens, as for every other call of the client, instead of the
// whole generation.

#include "api/stack_api.h"
#include "openai/openai_client.h"

#include <QThreadPool>

#include <map>
#include <mutex>
#include <optional>

namespace wb::remote {

class RemoteInference
{
public:
    //! `configError`: every call fails with it (a bad server URL, an unreadable CA file).
    RemoteInference(openai::Endpoint endpoint, std::optional<api::Error> configError);
    //! Cancels the calls in flight (they finish with a 500 "call was cancelled") and waits for them.
    ~RemoteInference();

    QFuture<api::Result<api::ChatCompletion>> chatCompletion(api::ChatCompletionRequest request,
                                                             api::ChatChunkSink onChunk,
                                                             api::CancelToken cancel);
    QFuture<api::Result<api::Completion>> completion(api::CompletionRequest request,
                                                     api::CompletionChunkSink onChunk,
                                                     api::CancelToken cancel);

private:
    //! Runs `call` on the pool with the call's token registered, so the destructor can cancel it.
    template<typename T, typename F>
    QFuture<api::Result<T>> run(api::CancelToken cancel, F call);

    const openai::Endpoint m_endpoint;
    const std::optional<api::Error> m_configError;
    QThreadPool m_pool;
    std::mutex m_mutex;
    std::map<uint64_t, api::CancelToken> m_inFlight;
    uint64_t m_next = 0;
    bool m_closing = false;
};

} // namespace wb::remote
