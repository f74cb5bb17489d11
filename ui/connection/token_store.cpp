#include "token_store.h"

#include <QMetaObject>

namespace wb::ui {

void TokenStore::deliver(QObject *context, Callback done, Outcome outcome)
{
    // Queued: callers can rely on the answer coming after the call returned, as with a keychain
    // job, and a context destroyed meanwhile drops the answer.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), outcome = std::move(outcome)] { done(outcome); },
        Qt::QueuedConnection);
}

SessionTokenStore::SessionTokenStore(QObject *parent)
    : TokenStore(parent)
{
    setObjectName(QStringLiteral("sessionTokenStore"));
}

void SessionTokenStore::setToken(const QString &profileId, const QString &token)
{
    if (token.isEmpty())
        m_tokens.remove(profileId);
    else
        m_tokens.insert(profileId, token);
}

void SessionTokenStore::readToken(const QString &profileId, QObject *context, Callback done)
{
    Outcome outcome;
    outcome.token = token(profileId);
    outcome.sessionOnly = true;
    deliver(context, std::move(done), std::move(outcome));
}

void SessionTokenStore::writeToken(const QString &profileId, const QString &token, QObject *context,
                                   Callback done)
{
    setToken(profileId, token);
    Outcome outcome;
    outcome.sessionOnly = true;
    deliver(context, std::move(done), std::move(outcome));
}

void SessionTokenStore::removeToken(const QString &profileId, QObject *context, Callback done)
{
    m_tokens.remove(profileId);
    deliver(context, std::move(done), Outcome{});
}

} // namespace wb::ui
