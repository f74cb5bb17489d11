#pragma once

// LocalHttpServer: a loopback HTTP server for tests of blocking network code.
//
// The QHttpServer lives on its own QThread, so a test can call blocking client code (HttpCache,
// the Hugging Face source) on the test thread, or on QtConcurrent threads, without deadlocking:
// the server keeps answering while the test thread waits.
//
//   wb::test::LocalHttpServer server;
//   server.route("/data.csv", [](const QHttpServerRequest &) {
//       return QHttpServerResponse("text/csv", "a,b\n1,2\n");
//   });
//   QVERIFY(server.start());
//   fetch(server.url("/data.csv"));
//   QCOMPARE(server.requestCount("/data.csv"), 1);
//
// Handlers run on the server thread; anything they share with the test needs its own locking
// (std::atomic for a switch is usually enough). Paths match exactly, without the query string.
// Unrouted paths answer 404 and are counted too. Header-only because tests/support has no
// compiled sources and no Q_OBJECT here, so AUTOMOC is not involved.

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMetaObject>
#include <QTcpServer>
#include <QThread>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <mutex>

namespace wb::test {

//! One request as the server saw it, for assertions on headers and query parameters.
struct RecordedRequest
{
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;

    //! Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

class LocalHttpServer
{
public:
    using Handler = std::function<QHttpServerResponse(const QHttpServerRequest &)>;

    LocalHttpServer() = default;
    ~LocalHttpServer() { stop(); }
    LocalHttpServer(const LocalHttpServer &) = delete;
    LocalHttpServer &operator=(const LocalHttpServer &) = delete;

    //! Registers (or replaces) the handler for an exact path. Allowed before and after start().
    void route(const QString &path, Handler handler)
    {
        std::lock_guard lock(m_mutex);
        m_handlers[path] = std::move(handler);
    }

    //! Starts the thread and listens on 127.0.0.1 with a free port. False when listening failed.
    bool start()
    {
        if (m_context)
            return m_port != 0;
        m_thread.setObjectName(QStringLiteral("LocalHttpServer"));
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        // The server and its sockets must be created on, and only used from, the server thread.
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                m_server = new QHttpServer;
                m_server->setMissingHandler(
                    [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        dispatch(request).write(std::move(responder));
                    });
                m_port = m_server->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
        return m_port != 0;
    }

    //! Stops listening and joins the thread; later requests to port() are refused.
    void stop()
    {
        if (!m_context)
            return;
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_server; m_server = nullptr; },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_context; // its thread has finished, so deleting it from here is safe
        m_context = nullptr;
    }

    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    //! Absolute URL for a path (with optional query), as the clients under test want it.
    std::string url(const QString &pathAndQuery) const
    {
        return QString(baseUrl() + pathAndQuery).toStdString();
    }

    int requestCount(const QString &path) const
    {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (const auto &r : m_requests)
            n += r.path == path ? 1 : 0;
        return n;
    }
    int totalRequests() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_requests.size());
    }
    QList<RecordedRequest> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    RecordedRequest lastRequest() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests.isEmpty() ? RecordedRequest{} : m_requests.last();
    }
    void resetCounts()
    {
        std::lock_guard lock(m_mutex);
        m_requests.clear();
    }

    //! A loopback port nobody listens on (bound, then released), for "unreachable" tests.
    static quint16 unusedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

private:
    QHttpServerResponse dispatch(const QHttpServerRequest &request)
    {
        Handler handler;
        {
            std::lock_guard lock(m_mutex);
            RecordedRequest recorded;
            recorded.path = request.url().path();
            recorded.query = request.query();
            recorded.headers = request.headers();
            m_requests.append(recorded);
            const auto it = m_handlers.find(recorded.path);
            if (it != m_handlers.end())
                handler = it->second;
        }
        // Called outside the lock so a slow handler does not block the test's assertions.
        if (!handler)
            return QHttpServerResponse("text/plain", "no route\n",
                                       QHttpServerResponse::StatusCode::NotFound);
        return handler(request);
    }

    QThread m_thread;
    QObject *m_context = nullptr;
    QHttpServer *m_server = nullptr; //!< owned, lives on m_thread
    quint16 m_port = 0;

    mutable std::mutex m_mutex;
    std::map<QString, Handler> m_handlers;
    QList<RecordedRequest> m_requests;
};

} // namespace wb::test
