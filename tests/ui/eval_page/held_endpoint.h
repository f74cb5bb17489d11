#pragma once

// An OpenAI-compatible endpoint that never answers until released: every chat or text completion
// waits on a semaphore (at most `holdMs`), then fails with a 503. A run on a model mapped to it
// stays "in_progress" for as long as the test needs, whatever the machine's speed, so Cancel and
// reattaching can be tested without a race.

#include "local_http_server.h"

#include <QSemaphore>

#include <memory>

namespace wb::test {

class HeldEndpoint
{
public:
    explicit HeldEndpoint(int holdMs = 20000)
    {
        auto gate = m_gate;
        auto handler = [gate, holdMs](const QHttpServerRequest &) {
            gate->tryAcquire(1, holdMs);
            return QHttpServerResponse("application/json",
                                       R"({"error": {"message": "held endpoint released"}})",
                                       QHttpServerResponse::StatusCode::ServiceUnavailable);
        };
        m_server.route(QStringLiteral("/v1/chat/completions"), handler);
        m_server.route(QStringLiteral("/v1/completions"), handler);
    }
    ~HeldEndpoint() { release(); }

    bool start() { return m_server.start(); }
    std::string baseUrl() const { return m_server.url(QStringLiteral("/v1")); }
    int requests() const
    {
        return m_server.requestCount(QStringLiteral("/v1/chat/completions"))
             + m_server.requestCount(QStringLiteral("/v1/completions"));
    }
    //! Lets every held request (and the next ones) fail at once.
    void release() { m_gate->release(1000); }
    //! Holds requests again (after a release).
    void hold() { m_gate->tryAcquire(m_gate->available()); }

private:
    std::shared_ptr<QSemaphore> m_gate = std::make_shared<QSemaphore>(0);
    LocalHttpServer m_server;
};

} // namespace wb::test
