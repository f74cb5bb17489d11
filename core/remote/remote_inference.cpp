#include "remote/remote_inference.h"

#include "api/async.h"

#include <QtConcurrent/QtConcurrentRun>

namespace wb::remote {

namespace {

constexpr int kMaxConcurrentGenerations = 8;

api::Error closedError(const openai::Endpoint &endpoint)
{
    return api::Error::internal("call was cancelled: the remote client for "
                                + endpoint.baseUrl.toDisplayString(QUrl::RemoveUserInfo).toStdString()
                                + " was closed");
}

} // namespace

RemoteInference::RemoteInference(openai::Endpoint endpoint, std::optional<api::Error> configError)
    : m_endpoint(std::move(endpoint)), m_configError(std::move(configError))
{
    m_pool.setObjectName(QStringLiteral("RemoteInference"));
    m_pool.setMaxThreadCount(kMaxConcurrentGenerations);
}

RemoteInference::~RemoteInference()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        for (const auto &[id, token] : m_inFlight)
            token.cancel();
    }
    m_pool.waitForDone();
}

template<typename T, typename F>
QFuture<api::Result<T>> RemoteInference::run(api::CancelToken cancel, F call)
{
    if (m_configError)
        return api::readyResult<T>(*m_configError);
    uint64_t id = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_closing)
            return api::readyResult<T>(closedError(m_endpoint));
        id = m_next++;
        m_inFlight.emplace(id, cancel);
    }
    return QtConcurrent::run(&m_pool, [this, id, cancel, call = std::move(call)]() -> api::Result<T> {
        api::Result<T> result = api::Error::internal("no result");
        try {
            result = call(cancel);
        } catch (const std::exception &e) { // nothing may cross the pool boundary
            result = api::Error::internal(std::string("remote generation: ") + e.what());
        }
        std::lock_guard lock(m_mutex);
        m_inFlight.erase(id);
        if (m_closing)
            return closedError(m_endpoint);
        return result;
    });
}

QFuture<api::Result<api::ChatCompletion>> RemoteInference::chatCompletion(
    api::ChatCompletionRequest request, api::ChatChunkSink onChunk, api::CancelToken cancel)
{
    return run<api::ChatCompletion>(
        cancel, [this, request = std::move(request), onChunk = std::move(onChunk)](
                    const api::CancelToken &token) {
            // A sink that does nothing still makes the client stream (see the header).
            const api::ChatChunkSink sink =
                onChunk ? onChunk : api::ChatChunkSink([](const api::ChatCompletionChunk &) {});
            return openai::chatCompletion(m_endpoint, request, sink, token);
        });
}

QFuture<api::Result<api::Completion>> RemoteInference::completion(api::CompletionRequest request,
                                                                  api::CompletionChunkSink onChunk,
                                                                  api::CancelToken cancel)
{
    return run<api::Completion>(
        cancel, [this, request = std::move(request), onChunk = std::move(onChunk)](
                    const api::CancelToken &token) {
            const api::CompletionChunkSink sink =
                onChunk ? onChunk : api::CompletionChunkSink([](const api::Completion &) {});
            return openai::completion(m_endpoint, request, sink, token);
        });
}

} // namespace wb::remote
