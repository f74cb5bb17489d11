#pragma once

// The one owner of "where the UI's API calls go". It holds the in-process engine (not owned: app/
// opens it and keeps it for the whole run) and at most one remote client (owned), built by the
// factory app/ hands in. Pages never keep the API across a switch: the controller announces
// aboutToSwitch() (the window destroys its pages, and with them every pending result callback),
// replaces the API, announces switched() (the window builds new pages on api()) and only then
// destroys the old client.
//
// Connecting to a remote profile first reads its token from the TokenStore, builds a client and
// asks it for health(); only a healthy answer switches. A failed connect leaves the current
// connection as it was.

#include "connection_profile.h"
#include "remote_endpoint.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace wb::ui {

class ConnectionMonitor;
class TokenStore;

class ConnectionController : public QObject
{
    Q_OBJECT
public:
    enum class State { Connected, Lost };

    //! `inProcess` must outlive the controller; `location` says where it keeps its data (shown in
    //! the status bar and the dialog). An empty `remoteFactory` disables remote profiles.
    ConnectionController(api::StackApi &inProcess, QString location, RemoteApiFactory remoteFactory,
                         TokenStore &tokens, QObject *parent);
    ~ConnectionController() override;

    api::StackApi &api() const { return *m_api; }
    const ConnectionProfile &current() const { return m_current; }
    ConnectionProfile inProcessProfile() const;
    QString inProcessLocation() const { return m_location; }
    State state() const { return m_state; }
    QString stateError() const { return m_stateError; }
    //! The profile a connect is under way to (empty when none).
    QString pendingProfileId() const { return m_pendingId; }
    ConnectionMonitor *monitor() const { return m_monitor; }

    ProfileRepository &profiles() { return m_profiles; }
    TokenStore &tokens() const { return m_tokens; }
    const RemoteApiFactory &remoteFactory() const { return m_remoteFactory; }

    //! A profile by id, including the in-process one.
    std::optional<ConnectionProfile> profile(const QString &id) const;
    //! Switches to the profile (asynchronously for remotes; see connectFailed / switched).
    void connectTo(const QString &profileId);
    //! At start: connects to the last used profile; on failure stays in-process and says so
    //! through notice().
    void restoreLastUsed();
    //! For tests: the health monitor's interval (default 5 s) and the connect timeout (15 s).
    void setMonitorInterval(int ms) { m_monitorIntervalMs = ms; }
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }

Q_SIGNALS:
    void aboutToSwitch(); //!< let go of api() now: it is about to be replaced
    void switched();      //!< api() and current() are the new ones
    void stateChanged();  //!< state(), stateError() or pendingProfileId() changed
    void connectFailed(const QString &profileId, const QString &message);
    void notice(const QString &message); //!< something the user should read (the window shows it)

private:
    void startRemote(const ConnectionProfile &profile, quint64 generation);
    void fail(quint64 generation, const QString &message);
    void switchTo(std::unique_ptr<api::StackApi> client, const ConnectionProfile &profile);
    void retire(std::unique_ptr<api::StackApi> client);
    void setState(State state, const QString &error);

    api::StackApi &m_inProcess;
    const QString m_location;
    const RemoteApiFactory m_remoteFactory;
    TokenStore &m_tokens;
    ProfileRepository m_profiles;

    std::unique_ptr<api::StackApi> m_remote;    //!< the current remote client, if any
    std::unique_ptr<api::StackApi> m_candidate; //!< the client being checked by connectTo()
    api::StackApi *m_api;
    ConnectionProfile m_current;
    ConnectionMonitor *m_monitor = nullptr;
    State m_state = State::Connected;
    QString m_stateError;

    QString m_pendingId;
    ConnectionProfile m_pendingProfile;
    quint64 m_generation = 0; //!< a newer connectTo() makes older answers stale
    bool m_restoring = false;
    QTimer *m_connectTimer;
    int m_connectTimeoutMs = 15000;
    int m_monitorIntervalMs = 5000;
};

} // namespace wb::ui
