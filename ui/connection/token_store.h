#pragma once

// Where connection tokens are kept, apart from the profiles (which go to QSettings in plain text).
// Two implementations: KeychainTokenStore (the system keychain through QtKeychain, used by the app)
// and SessionTokenStore (process memory only: the keychain store's fallback when no keychain
// service is reachable, and what tests use). No implementation ever writes a token to a file.
//
// Every operation is asynchronous, because keychain jobs are (and may take seconds behind a D-Bus
// call): the callback runs later on `context`'s thread, never inside the call, and not at all if
// `context` was destroyed meanwhile.

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace wb::ui {

class TokenStore : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        bool ok = true;
        QString token;            //!< read: the stored token, empty when there is none
        bool sessionOnly = false; //!< the token is kept in memory for this session only
        QString error;            //!< why it failed, or why the token is session-only
    };
    using Callback = std::function<void(const Outcome &)>;

    explicit TokenStore(QObject *parent)
        : QObject(parent)
    {
    }

    virtual void readToken(const QString &profileId, QObject *context, Callback done) = 0;
    //! An empty token removes the stored one.
    virtual void writeToken(const QString &profileId, const QString &token, QObject *context, Callback done) = 0;
    virtual void removeToken(const QString &profileId, QObject *context, Callback done) = 0;
    //! False when tokens will be forgotten at exit (no keychain).
    virtual bool isPersistent() const = 0;

protected:
    //! Delivers `outcome` to `done` on `context` through the event loop (never synchronously).
    static void deliver(QObject *context, Callback done, Outcome outcome);
};

//! Tokens in process memory, gone at exit.
class SessionTokenStore : public TokenStore
{
    Q_OBJECT
public:
    explicit SessionTokenStore(QObject *parent);

    void readToken(const QString &profileId, QObject *context, Callback done) override;
    void writeToken(const QString &profileId, const QString &token, QObject *context, Callback done) override;
    void removeToken(const QString &profileId, QObject *context, Callback done) override;
    bool isPersistent() const override { return false; }

    //! Synchronous access for the keychain store that falls back on it.
    QString token(const QString &profileId) const { return m_tokens.value(profileId); }
    bool contains(const QString &profileId) const { return m_tokens.contains(profileId); }
    void setToken(const QString &profileId, const QString &token);

private:
    QHash<QString, QString> m_tokens;
};

} // namespace wb::ui
