#include "connection_tester.h"

#include "common/error_display.h"

#include "api/async.h"

#include <QTimer>

namespace wb::ui {

ConnectionTester::ConnectionTester(RemoteApiFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_timeout(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionTester"));
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        finish(false, tr("No answer within %1 s.").arg(m_timeoutMs / 1000));
    });
}

ConnectionTester::~ConnectionTester() = default;

void ConnectionTester::start(const RemoteEndpoint &endpoint)
{
    cancel();
    if (!m_factory) {
        finish(false, tr("Remote connections are not available in this build."));
        return;
    }
    m_client = m_factory(endpoint);
    const quint64 generation = ++m_generation;
    m_pending = 2;
    m_error.clear();
    m_version.clear();
    m_healthProblem.clear();
    m_timeout->start(m_timeoutMs);
    api::onResult(m_client->health(), this, [this, generation](const api::Result<api::HealthInfo> &r) {
        if (generation != m_generation)
            return;
        if (!r)
            m_error = errorMessage(r.error());
        else if (r.value().status != api::HealthStatus::Ok)
            m_healthProblem = QString::fromStdString(api::toJson(r.value())["status"].get<std::string>());
        partDone();
    });
    api::onResult(m_client->version(), this, [this, generation](const api::Result<api::VersionInfo> &r) {
        if (generation != m_generation)
            return;
        if (!r && m_error.isEmpty())
            m_error = errorMessage(r.error());
        else if (r)
            m_version = QString::fromStdString(r.value().version);
        partDone();
    });
}

void ConnectionTester::partDone()
{
    if (--m_pending > 0)
        return;
    if (!m_error.isEmpty())
        finish(false, m_error);
    else if (!m_healthProblem.isEmpty())
        finish(false, tr("The server answers (version %1) but reports its health as \"%2\".")
                          .arg(m_version, m_healthProblem));
    else
        finish(true, tr("OK — version %1").arg(m_version));
}

void ConnectionTester::cancel()
{
    ++m_generation;
    m_timeout->stop();
    dropClient();
}

void ConnectionTester::finish(bool ok, const QString &message)
{
    ++m_generation; // answers still on their way are ignored
    m_timeout->stop();
    dropClient();
    Q_EMIT finished(ok, message);
}

void ConnectionTester::dropClient()
{
    if (!m_client)
        return;
    // Destroyed from the event loop rather than here: we may be inside one of its result
    // callbacks, and its destructor aborts the other call (whose answer is ignored by generation).
    std::shared_ptr<api::StackApi> client(std::move(m_client));
    QTimer::singleShot(0, this, [client] {});
}

} // namespace wb::ui
