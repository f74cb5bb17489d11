#pragma once

// Watches a remote connection: calls health() every few seconds and reports when it stops or
// starts answering. The calls are the API's own futures (the network work happens on the
// client's thread); the GUI thread only receives the results, so a dead server never freezes the
// window. Owned by the ConnectionController and destroyed before the API it watches.

#include "api/stack_api.h"

#include <QObject>
#include <QString>

class QTimer;

namespace wb::ui {

class ConnectionMonitor : public QObject
{
    Q_OBJECT
public:
    ConnectionMonitor(api::SystemApi &api, QObject *parent);

    void setInterval(int ms);
    //! A health call without an answer for this long counts as a lost connection (default 8 s).
    void setAnswerTimeout(int ms) { m_answerTimeoutMs = ms; }
    void start();

    bool isConnected() const { return m_connected; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void connectionLost(const QString &error);
    void connectionRestored();

private:
    void check();
    void report(quint64 generation, bool ok, const QString &error);

    api::SystemApi &m_api;
    QTimer *m_timer;
    QTimer *m_answerTimer;
    int m_answerTimeoutMs = 8000;
    quint64 m_generation = 0; //!< answers of an older check (timed out) are ignored
    bool m_inFlight = false;
    bool m_connected = true;
    QString m_lastError;
};

} // namespace wb::ui
