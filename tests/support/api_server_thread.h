#pragma once

// ApiServerThread: the real REST server (core/server) on its own thread, for tests that drive it
// with blocking clients (api::await on a RemoteClient) from the test thread.
//
//   wb::test::ApiServerThread server(provider, options);   // options.port 0: any free port
//   QVERIFY2(server.ok(), qPrintable(server.error()));
//   RemoteClient client({server.baseUrl()});

#include "server/api_server.h"

#include <QMetaObject>
#include <QThread>
#include <QUrl>

namespace wb::test {

class ApiServerThread
{
public:
    ApiServerThread(server::StackApiProvider provider, server::ServerOptions options)
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        // The server and its sockets must be created on the thread whose event loop runs them.
        QMetaObject::invokeMethod(
            &m_context,
            [&] {
                m_server = new server::ApiServer(std::move(provider), std::move(options));
                QString error;
                m_ok = m_server->listen(&error);
                m_error = error;
                m_baseUrl = QUrl(m_server->baseUrl());
            },
            Qt::BlockingQueuedConnection);
    }

    ~ApiServerThread()
    {
        QMetaObject::invokeMethod(&m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    bool ok() const { return m_ok; }
    const QString &error() const { return m_error; }
    QUrl baseUrl() const { return m_baseUrl; }

private:
    QThread m_thread;
    QObject m_context;
    server::ApiServer *m_server = nullptr;
    bool m_ok = false;
    QString m_error;
    QUrl m_baseUrl;
};

} // namespace wb::test
