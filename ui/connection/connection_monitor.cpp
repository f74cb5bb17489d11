#include "connection_monitor.h"

#include "common/error_display.h"

#include "api/async.h"

#include <QTimer>

namespace wb::ui {

ConnectionMonitor::ConnectionMonitor(api::SystemApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_timer(new QTimer(this))
    , m_answerTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionMonitor"));
    m_timer->setInterval(5000);
    m_answerTimer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionMonitor::check);
    connect(m_answerTimer, &QTimer::timeout, this, [this] {
        report(m_generation, false, tr("No answer from the server within %1 s.").arg(m_answerTimeoutMs / 1000));
    });
}

void ConnectionMonitor::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void ConnectionMonitor::start()
{
    m_timer->start();
}

void ConnectionMonitor::check()
{
    if (m_inFlight)
        return; // one question at a time: a slow server is not flooded
    m_inFlight = true;
    const quint64 generation = ++m_generation;
    m_answerTimer->start(m_answerTimeoutMs);
    api::onResult(m_api.health(), this, [this, generation](const api::Result<api::HealthInfo> &r) {
        if (!r)
            report(generation, false, errorMessage(r.error()));
        else if (r.value().status != api::HealthStatus::Ok)
            report(generation, false,
                   tr("The server reports its health as \"%1\".")
                       .arg(QString::fromStdString(api::toJson(r.value())["status"].get<std::string>())));
        else
            report(generation, true, {});
    });
}

void ConnectionMonitor::report(quint64 generation, bool ok, const QString &error)
{
    if (generation != m_generation)
        return;
    ++m_generation; // a late answer to a timed-out check must not flip the state back
    m_inFlight = false;
    m_answerTimer->stop();
    const bool wasConnected = m_connected;
    m_connected = ok;
    m_lastError = error;
    if (!ok)
        Q_EMIT connectionLost(error); // also while still lost: the error may have changed
    else if (!wasConnected)
        Q_EMIT connectionRestored();
}

} // namespace wb::ui
