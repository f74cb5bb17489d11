#pragma once

// A StackApi that forwards everything to the real engine, except that while hold() is on, rerank
// calls wait (their answers pending) until release() sends them on to the engine. The Cancel
// test can then press Cancel while a request is certainly still running, whatever the machine's
// speed; it also records the cancel token each held call got, to check the page cancelled it.

#include "forwarding_api.h"

#include <QPromise>

#include <memory>
#include <vector>

class HeldRerankApi : public ForwardingApi
{
public:
    explicit HeldRerankApi(wb::api::StackApi &inner) : ForwardingApi(inner) {}
    ~HeldRerankApi() override { release(); }

    void hold() { m_hold = true; }
    //! Stops holding and sends every held call on to the engine.
    void release()
    {
        m_hold = false;
        for (Held &h : m_held) {
            auto promise = h.promise;
            m_inner.rerank(std::move(h.request), h.cancel)
                .then([promise](const wb::api::Result<wb::api::RerankResponse> &r) {
                    promise->addResult(r);
                    promise->finish();
                });
        }
        m_held.clear();
    }
    int heldCount() const { return int(m_held.size()); }
    //! The tokens of the calls held so far (also after release()).
    const std::vector<wb::api::CancelToken> &heldTokens() const { return m_tokens; }

    QFuture<wb::api::Result<wb::api::RerankResponse>> rerank(wb::api::RerankRequest request,
                                                             wb::api::CancelToken cancel) override
    {
        if (!m_hold)
            return m_inner.rerank(std::move(request), std::move(cancel));
        auto promise = std::make_shared<QPromise<wb::api::Result<wb::api::RerankResponse>>>();
        promise->start();
        m_tokens.push_back(cancel);
        m_held.push_back({std::move(request), std::move(cancel), promise});
        return promise->future();
    }

private:
    struct Held
    {
        wb::api::RerankRequest request;
        wb::api::CancelToken cancel;
        std::shared_ptr<QPromise<wb::api::Result<wb::api::RerankResponse>>> promise;
    };
    bool m_hold = false;
    std::vector<Held> m_held;
    std::vector<wb::api::CancelToken> m_tokens;
};
