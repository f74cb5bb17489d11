#pragma once

// ObservedApi: a real StackApi (the engine) seen through a thin layer that records how each
// generation ended (finish reason, whether its CancelToken fired) and can hold a generation after
// its first token until the server cancels it. That is how the tests see, without timing, that a
// client going away stops the generation on the server, and that the first chunk reached the
// client while the generation was still running.

#include "forwarding_api.h"

#include <QDeadlineTimer>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>

namespace wb::test {

class ObservedApi final : public ForwardingApi
{
public:
    struct Ended
    {
        std::string finishReason; //!< of choice 0, or "error <status>"
        bool cancelSeen = false;
        int64_t completionTokens = -1;
    };

    explicit ObservedApi(std::shared_ptr<api::StackApi> inner)
        : ForwardingApi(inner), m_inner(std::move(inner)) {}

    //! The next generation blocks after its first chunk until its token is cancelled (10 s max).
    void holdNextAfterFirstChunk() { m_hold = true; }
    //! Generations that have ended, in order.
    std::vector<Ended> ended() const
    {
        std::lock_guard lock(m_mutex);
        return m_ended;
    }

    QFuture<api::Result<api::ChatCompletion>> chatCompletion(api::ChatCompletionRequest request,
                                                             api::ChatChunkSink onChunk,
                                                             api::CancelToken cancel) override
    {
        if (onChunk)
            onChunk = holding(std::move(onChunk), cancel);
        return record(m_inner->chatCompletion(std::move(request), std::move(onChunk), cancel), cancel);
    }
    QFuture<api::Result<api::Completion>> completion(api::CompletionRequest request,
                                                     api::CompletionChunkSink onChunk,
                                                     api::CancelToken cancel) override
    {
        if (onChunk)
            onChunk = holding(std::move(onChunk), cancel);
        return record(m_inner->completion(std::move(request), std::move(onChunk), cancel), cancel);
    }

private:
    template<typename Chunk>
    std::function<void(const Chunk &)> holding(std::function<void(const Chunk &)> sink,
                                               const api::CancelToken &cancel)
    {
        if (!m_hold.exchange(false))
            return sink;
        auto first = std::make_shared<bool>(true);
        return [sink = std::move(sink), cancel, first](const Chunk &chunk) {
            sink(chunk);
            if (!*first)
                return;
            *first = false;
            QDeadlineTimer deadline(10000);
            while (!cancel.isCancelled() && !deadline.hasExpired())
                QThread::msleep(5);
        };
    }

    template<typename T>
    QFuture<api::Result<T>> record(QFuture<api::Result<T>> future, const api::CancelToken &cancel)
    {
        return future.then(QtFuture::Launch::Sync, [this, cancel](api::Result<T> r) {
            Ended e;
            e.cancelSeen = cancel.isCancelled();
            if (!r) {
                e.finishReason = "error " + std::to_string(r.error().status);
            } else {
                if (!r->choices.empty())
                    e.finishReason = r->choices.front().finish_reason;
                if (r->usage)
                    e.completionTokens = r->usage->completion_tokens;
            }
            std::lock_guard lock(m_mutex);
            m_ended.push_back(e);
            return r;
        });
    }

    std::shared_ptr<api::StackApi> m_inner;
    std::atomic_bool m_hold{false};
    mutable std::mutex m_mutex;
    std::vector<Ended> m_ended;
};

} // namespace wb::test
