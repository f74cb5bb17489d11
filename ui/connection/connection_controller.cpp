#include "connection_controller.h"

#include "connection_monitor.h"
#include "token_store.h"

#include "common/error_display.h"

#include "api/async.h"

#include <QTimer>

namespace wb::ui {

ConnectionController::ConnectionController(api::StackApi &inProcess, QString location,
                                           RemoteApiFactory remoteFactory, TokenStore &tokens,
                                           QObject *parent)
    : QObject(parent)
    , m_inProcess(inProcess)
    , m_location(std::move(location))
    , m_remoteFactory(std::move(remoteFactory))
    , m_tokens(tokens)
    , m_api(&inProcess)
    , m_current(inProcessProfile())
    , m_connectTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionController"));
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        fail(m_generation, tr("No answer from %1 within %2 s.")
                               .arg(m_pendingProfile.url.toDisplayString())
                               .arg(m_connectTimeoutMs / 1000));
    });
}

ConnectionController::~ConnectionController()
{
    // The monitor's pending callbacks refer to the remote client: it goes first.
    delete m_monitor;
    m_monitor = nullptr;
}

ConnectionProfile ConnectionController::inProcessProfile() const
{
    return {ConnectionProfile::inProcessId(), tr("In-process engine"), {}, {}};
}

std::optional<ConnectionProfile> ConnectionController::profile(const QString &id) const
{
    if (id == ConnectionProfile::inProcessId())
        return inProcessProfile();
    return m_profiles.find(id);
}

void ConnectionController::connectTo(const QString &profileId)
{
    // Whatever was under way is superseded.
    ++m_generation;
    m_connectTimer->stop();
    retire(std::move(m_candidate));
    m_pendingId.clear();

    if (profileId == ConnectionProfile::inProcessId()) {
        m_restoring = false;
        switchTo(nullptr, inProcessProfile());
        return;
    }
    const std::optional<ConnectionProfile> found = m_profiles.find(profileId);
    if (!found || !m_remoteFactory) {
        const QString message = !found ? tr("The connection profile no longer exists.")
                                       : tr("Remote connections are not available in this build.");
        m_restoring = false;
        Q_EMIT stateChanged();
        Q_EMIT connectFailed(profileId, message);
        return;
    }

    const quint64 generation = m_generation;
    m_pendingId = profileId;
    m_pendingProfile = *found;
    m_connectTimer->start(m_connectTimeoutMs);
    Q_EMIT stateChanged();
    m_tokens.readToken(profileId, this, [this, generation](const TokenStore::Outcome &outcome) {
        if (generation != m_generation)
            return;
        // A token that cannot be read is not fatal: a server without auth does not need it, and
        // one with auth answers 401, which is the clearer message.
        RemoteEndpoint endpoint{m_pendingProfile.url, outcome.token, m_pendingProfile.caFile};
        m_candidate = m_remoteFactory(endpoint);
        api::onResult(m_candidate->health(), this, [this, generation](const api::Result<api::HealthInfo> &r) {
            if (generation != m_generation)
                return;
            if (!r) {
                fail(generation, errorMessage(r.error()));
                return;
            }
            if (r.value().status != api::HealthStatus::Ok) {
                fail(generation, tr("The server reports its health as \"%1\".")
                                     .arg(QString::fromStdString(api::toJson(r.value())["status"].get<std::string>())));
                return;
            }
            m_connectTimer->stop();
            m_pendingId.clear();
            m_restoring = false;
            switchTo(std::move(m_candidate), m_pendingProfile);
        });
    });
}

void ConnectionController::restoreLastUsed()
{
    const QString id = m_profiles.lastUsed();
    if (id == ConnectionProfile::inProcessId() || id == m_current.id)
        return;
    m_restoring = true;
    connectTo(id);
}

void ConnectionController::fail(quint64 generation, const QString &message)
{
    if (generation != m_generation)
        return;
    ++m_generation;
    m_connectTimer->stop();
    retire(std::move(m_candidate));
    const QString id = m_pendingId;
    const ConnectionProfile profile = m_pendingProfile;
    m_pendingId.clear();
    Q_EMIT stateChanged();
    Q_EMIT connectFailed(id, message);
    if (m_restoring) {
        m_restoring = false;
        const QString where = profile.name + QStringLiteral(" (") + profile.url.toDisplayString() + QLatin1Char(')');
        Q_EMIT notice(m_current.isInProcess()
                          ? tr("Could not connect to %1:\n%2\n\nThe workbench uses the in-process engine instead.")
                                .arg(where, message)
                          : tr("Could not connect to %1:\n%2\n\nThe workbench stays connected to %3.")
                                .arg(where, message, m_current.name));
    }
}

void ConnectionController::switchTo(std::unique_ptr<api::StackApi> client, const ConnectionProfile &profile)
{
    Q_EMIT aboutToSwitch();
    delete m_monitor;
    m_monitor = nullptr;

    std::unique_ptr<api::StackApi> old = std::move(m_remote);
    m_remote = std::move(client);
    m_api = m_remote ? m_remote.get() : &m_inProcess;
    m_current = profile;
    m_state = State::Connected;
    m_stateError.clear();
    if (m_remote) {
        m_monitor = new ConnectionMonitor(*m_remote, this);
        m_monitor->setInterval(m_monitorIntervalMs);
        connect(m_monitor, &ConnectionMonitor::connectionLost, this,
                [this](const QString &error) { setState(State::Lost, error); });
        connect(m_monitor, &ConnectionMonitor::connectionRestored, this,
                [this] { setState(State::Connected, {}); });
        m_monitor->start();
    }
    m_profiles.setLastUsed(profile.id);

    Q_EMIT switched();
    Q_EMIT stateChanged();
    // Only now: the pages that used the old client are gone.
    retire(std::move(old));
}

void ConnectionController::retire(std::unique_ptr<api::StackApi> client)
{
    if (!client)
        return;
    // Destroyed from the event loop, never inside one of its own result callbacks. Its destructor
    // aborts calls still in flight; their watchers are gone or ignore the answer.
    std::shared_ptr<api::StackApi> old(std::move(client));
    QTimer::singleShot(0, this, [old] {});
}

void ConnectionController::setState(State state, const QString &error)
{
    if (state == m_state && error == m_stateError)
        return;
    m_state = state;
    m_stateError = error;
    Q_EMIT stateChanged();
}

} // namespace wb::ui
