#pragma once

// Connection profiles: where the workbench sends its API calls. The in-process engine is a fixed
// profile (always present, never stored); remote profiles are kept in QSettings under
// "connections/". Tokens are never part of a profile: they live in a TokenStore (token_store.h),
// so nothing secret ever reaches the settings file.

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace wb::ui {

struct ConnectionProfile
{
    QString id;     //!< stable key for QSettings and the keychain (a UUID; inProcessId() for the engine)
    QString name;   //!< shown to the user
    QUrl url;       //!< base URL of the server (remote profiles only)
    QString caFile; //!< optional PEM file with extra CA certificates

    bool isInProcess() const { return id == inProcessId(); }
    static QString inProcessId();
    //! A fresh remote profile with a new id.
    static ConnectionProfile newRemote(const QString &name, const QUrl &url);
    bool operator==(const ConnectionProfile &o) const
    {
        return id == o.id && name == o.name && url == o.url && caFile == o.caFile;
    }
};

//! Reads and writes the remote profiles and the last used profile in the default QSettings of the
//! application. Not a QObject and not cached: every call goes to QSettings, so several readers
//! (the dialog, the controller) always agree.
class ProfileRepository
{
public:
    QList<ConnectionProfile> remoteProfiles() const;
    std::optional<ConnectionProfile> find(const QString &id) const;
    //! Inserts, or replaces the profile with the same id (keeping its place in the list).
    void save(const ConnectionProfile &profile);
    void remove(const QString &id);

    //! Id of the profile used last; inProcessId() when none was saved.
    QString lastUsed() const;
    void setLastUsed(const QString &id);

private:
    void writeAll(const QList<ConnectionProfile> &profiles);
};

} // namespace wb::ui
