#pragma once

// ScriptedServer: a loopback HTTP server whose answers are written step by step by a handler, for
// tests of streaming clients: bytes split anywhere, pauses, a stream that waits for the client
// to have seen a chunk before sending the next, a server that never answers, a client that goes
// away.
//
// Blocking sockets on a std::thread (no event loop): the handler is plain sequential code.
// One connection at a time; every answer closes its connection.
//
//   ScriptedServer server([](ScriptedServer::Exchange &x) {
//       x.writeHead(200, "text/event-stream");
//       x.write("data: {...}\n\n");
//   });
//   QVERIFY(server.ok());

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace wb::test {

class ScriptedServer
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[key, value] : headers)
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            return {};
        }
    };

    //! What the handler sees: the request, and the connection to write the answer to.
    class Exchange
    {
    public:
        Exchange(QTcpSocket &socket, Request request) : m_socket(socket), m_request(std::move(request)) {}

        const Request &request() const { return m_request; }

        //! Status line and headers of a close-delimited answer (no Content-Length).
        void writeHead(int status, const QByteArray &contentType)
        {
            write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
                  + "\r\nConnection: close\r\n\r\n");
        }
        //! A whole answer with Content-Length.
        void respond(int status, const QByteArray &contentType, const QByteArray &body)
        {
            write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
                  + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
        }
        //! Writes and flushes, so the client can read these bytes before the next write.
        void write(const QByteArray &bytes)
        {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return;
            m_socket.write(bytes);
            while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) {
            }
        }
        void pause(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
        //! Waits for the test to release `gate` (e.g. from the client's sink); false after
        //! `timeoutMs` without it.
        bool waitGate(QSemaphore &gate, int timeoutMs = 10000) { return gate.tryAcquire(1, timeoutMs); }
        //! True when the client closes the connection within `timeoutMs`.
        bool waitForClientClose(int timeoutMs)
        {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return true;
            // A read that ends in "disconnected" is the client closing; data it sends is ignored.
            QElapsedTimerLite timer;
            while (timer.elapsedMs() < timeoutMs) {
                m_socket.waitForReadyRead(50);
                m_socket.readAll();
                if (m_socket.state() != QAbstractSocket::ConnectedState)
                    return true;
            }
            return false;
        }

    private:
        struct QElapsedTimerLite
        {
            std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
            int elapsedMs() const
            {
                return int(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start).count());
            }
        };
        QTcpSocket &m_socket;
        Request m_request;
    };

    using Handler = std::function<void(Exchange &)>;

    explicit ScriptedServer(Handler handler) : m_handler(std::move(handler))
    {
        std::promise<quint16> ready;
        auto port = ready.get_future();
        m_thread = std::thread([this, &ready] { run(ready); });
        m_port = port.get();
    }

    ~ScriptedServer()
    {
        m_stop = true;
        m_thread.join();
    }

    bool ok() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    //! The OpenAI-style base URL, http://127.0.0.1:PORT/v1
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port)); }

    QList<Request> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    Request lastRequest() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests.isEmpty() ? Request{} : m_requests.last();
    }

private:
    void run(std::promise<quint16> &ready)
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            ready.set_value(0);
            return;
        }
        ready.set_value(server.serverPort());
        while (!m_stop) {
            if (!server.waitForNewConnection(50))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            Request request;
            if (!readRequest(*socket, request))
                continue;
            {
                std::lock_guard lock(m_mutex);
                m_requests.append(request);
            }
            Exchange exchange(*socket, std::move(request));
            m_handler(exchange);
            if (socket->state() == QAbstractSocket::ConnectedState) {
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(2000);
            }
        }
    }

    static bool readRequest(QTcpSocket &socket, Request &out)
    {
        QByteArray data;
        int headerEnd = -1;
        qint64 length = 0;
        while (true) {
            if (headerEnd < 0) {
                headerEnd = data.indexOf("\r\n\r\n");
                if (headerEnd >= 0) {
                    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
                    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                    out.method = first.value(0);
                    out.path = first.value(1);
                    for (int i = 1; i < lines.size(); ++i) {
                        const int colon = lines[i].indexOf(':');
                        if (colon < 0)
                            continue;
                        const QByteArray key = lines[i].left(colon).trimmed();
                        const QByteArray value = lines[i].mid(colon + 1).trimmed();
                        out.headers.append({key, value});
                        if (key.compare("Content-Length", Qt::CaseInsensitive) == 0)
                            length = value.toLongLong();
                    }
                }
            }
            if (headerEnd >= 0 && data.size() - (headerEnd + 4) >= length) {
                out.body = data.mid(headerEnd + 4, length);
                return true;
            }
            if (!socket.waitForReadyRead(5000))
                return false;
            data += socket.readAll();
        }
    }

    Handler m_handler;
    std::thread m_thread;
    std::atomic_bool m_stop{false};
    quint16 m_port = 0;
    mutable std::mutex m_mutex;
    QList<Request> m_requests;
};

} // namespace wb::test
