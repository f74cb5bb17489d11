#pragma once

// "Test connection": asks a temporary client for health() and version() and reports one line,
// "OK — version X" or the readable error. The temporary client is never the one the pages use; it
// is dropped when the test ends, is cancelled, or times out.

#include "remote_endpoint.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace wb::ui {

class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    ConnectionTester(RemoteApiFactory factory, QObject *parent);
    ~ConnectionTester() override;

    //! Default 15 s: longer than a refused connection with its retries, shorter than the client's
    //! own transfer timeout, so a silent server still gets an answer in reasonable time.
    void setTimeout(int ms) { m_timeoutMs = ms; }
    //! Starts a test, cancelling one that is running.
    void start(const RemoteEndpoint &endpoint);
    void cancel();
    bool isRunning() const { return bool(m_client); }

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void partDone();
    void finish(bool ok, const QString &message);
    void dropClient();

    RemoteApiFactory m_factory;
    std::unique_ptr<api::StackApi> m_client;
    QTimer *m_timeout;
    int m_timeoutMs = 15000;
    quint64 m_generation = 0;
    int m_pending = 0;
    QString m_error;
    QString m_version;
    QString m_healthProblem;
};

} // namespace wb::ui
