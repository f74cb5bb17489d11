#pragma once

// A StackApi that forwards everything to the real engine, with one switch for the Stop test: when
// the gate is closed, the streaming sink holds the generating thread after the first piece of text
// until the test opens it again. The test can then press Stop while the generation is certainly
// still running, whatever the machine's speed, and the engine's own cancellation does the rest.

#include "forwarding_api.h"

#include <QSemaphore>

#include <atomic>
#include <memory>
#include <utility>

class GatedApi : public ForwardingApi
{
public:
    explicit GatedApi(wb::api::StackApi &inner) : ForwardingApi(inner) {}
    ~GatedApi() override { open(); }

    //! The next generation stops after its first non-empty piece until open().
    void closeGate() { m_closed = true; }
    //! Lets a held generation go on (and later ones run freely).
    void open()
    {
        m_closed = false;
        m_release.release();
    }
    //! Pieces that went through the sink since the last reset.
    int pieces() const { return m_pieces; }

    QFuture<wb::api::Result<wb::api::ChatCompletion>> chatCompletion(wb::api::ChatCompletionRequest r,
                                                                     wb::api::ChatChunkSink sink,
                                                                     wb::api::CancelToken cancel) override
    {
        return m_inner.chatCompletion(std::move(r), gated<wb::api::ChatCompletionChunk>(std::move(sink)),
                                      std::move(cancel));
    }
    QFuture<wb::api::Result<wb::api::Completion>> completion(wb::api::CompletionRequest r,
                                                             wb::api::CompletionChunkSink sink,
                                                             wb::api::CancelToken cancel) override
    {
        return m_inner.completion(std::move(r), gated<wb::api::Completion>(std::move(sink)),
                                  std::move(cancel));
    }

private:
    static bool hasText(const wb::api::ChatCompletionChunk &c)
    {
        return !c.choices.empty() && c.choices.front().content && !c.choices.front().content->empty();
    }
    static bool hasText(const wb::api::Completion &c)
    {
        return !c.choices.empty() && !c.choices.front().text.empty();
    }

    template<typename Chunk>
    std::function<void(const Chunk &)> gated(std::function<void(const Chunk &)> sink)
    {
        if (!sink)
            return sink;
        const bool hold = m_closed.exchange(false);
        if (hold)
            while (m_release.tryAcquire()) {} // a stale open() must not let this one through
        m_pieces = 0;
        auto held = std::make_shared<bool>(!hold);
        return [this, sink = std::move(sink), held](const Chunk &chunk) {
            sink(chunk);
            if (!hasText(chunk))
                return;
            ++m_pieces;
            if (!*held) {
                *held = true;
                m_release.acquire(); // the generating thread waits here for open()
            }
        };
    }

    std::atomic_bool m_closed{false};
    std::atomic_int m_pieces{0};
    QSemaphore m_release;
};
