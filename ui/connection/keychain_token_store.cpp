#include "keychain_token_store.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QTimer>

#include <memory>

namespace wb::ui {

KeychainTokenStore::KeychainTokenStore(const QString &service, QObject *parent)
    : TokenStore(parent)
    , m_service(service)
    , m_session(new SessionTokenStore(this))
{
    setObjectName(QStringLiteral("keychainTokenStore"));
}

QString KeychainTokenStore::keyFor(const QString &profileId) const
{
    return QStringLiteral("connection/") + profileId;
}

void KeychainTokenStore::run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> finished)
{
    // A keychain daemon that is installed but stuck (or a D-Bus call nobody answers) would leave
    // the job pending for a long time; the timeout lets the UI go on with the session fallback.
    auto handled = std::make_shared<bool>(false);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(job, &QKeychain::Job::finished, this, [handled, timer, finished](QKeychain::Job *j) {
        timer->deleteLater();
        if (*handled)
            return;
        *handled = true;
        finished(j);
    });
    connect(timer, &QTimer::timeout, this, [handled, timer, finished] {
        timer->deleteLater();
        if (*handled)
            return;
        *handled = true;
        finished(nullptr);
    });
    timer->start(m_jobTimeoutMs);
    job->setInsecureFallback(false); // never a plain-text file
    job->start();
}

void KeychainTokenStore::readToken(const QString &profileId, QObject *context, Callback done)
{
    // A token kept in memory this session (keychain refused it) is newer than anything stored.
    if (m_session->contains(profileId) || !m_available) {
        Outcome outcome;
        outcome.token = m_session->token(profileId);
        outcome.sessionOnly = true;
        outcome.error = m_unavailableReason;
        deliver(context, std::move(done), std::move(outcome));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(keyFor(profileId));
    QPointer<QObject> guard(context);
    run(job, [this, guard, done = std::move(done)](QKeychain::Job *j) {
        Outcome outcome;
        if (!j) {
            m_available = false;
            m_unavailableReason = tr("the keychain did not answer within %1 s").arg(m_jobTimeoutMs / 1000);
            outcome.sessionOnly = true;
            outcome.error = m_unavailableReason;
        } else if (j->error() == QKeychain::NoError) {
            outcome.token = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        } else if (j->error() == QKeychain::EntryNotFound) {
            // No token saved for this profile: a valid answer.
        } else if (j->error() == QKeychain::NoBackendAvailable) {
            m_available = false;
            m_unavailableReason = j->errorString();
            outcome.sessionOnly = true;
            outcome.error = m_unavailableReason;
        } else {
            outcome.ok = false;
            outcome.error = j->errorString();
        }
        if (guard)
            deliver(guard, done, outcome);
    });
}

void KeychainTokenStore::writeToken(const QString &profileId, const QString &token, QObject *context,
                                    Callback done)
{
    if (token.isEmpty()) {
        removeToken(profileId, context, std::move(done));
        return;
    }
    if (!m_available) {
        m_session->setToken(profileId, token);
        Outcome outcome;
        outcome.sessionOnly = true;
        outcome.error = m_unavailableReason;
        deliver(context, std::move(done), std::move(outcome));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(keyFor(profileId));
    job->setTextData(token);
    QPointer<QObject> guard(context);
    run(job, [this, guard, profileId, token, done = std::move(done)](QKeychain::Job *j) {
        Outcome outcome;
        if (j && j->error() == QKeychain::NoError) {
            m_session->setToken(profileId, {}); // the keychain holds it now
        } else {
            // Whatever the reason (no service, access denied, timeout), keep the token in memory
            // only and say so: the user decides whether to re-enter it next time.
            m_session->setToken(profileId, token);
            outcome.sessionOnly = true;
            // Anything but the user saying no means the keychain is not usable here (a missing
            // D-Bus session shows up as OtherError): stop asking it for this session.
            if (!j || j->error() != QKeychain::AccessDeniedByUser) {
                m_available = false;
                m_unavailableReason = j ? j->errorString()
                                        : tr("the keychain did not answer within %1 s").arg(m_jobTimeoutMs / 1000);
            }
            outcome.error = j ? j->errorString() : m_unavailableReason;
        }
        if (guard)
            deliver(guard, done, outcome);
    });
}

void KeychainTokenStore::removeToken(const QString &profileId, QObject *context, Callback done)
{
    m_session->setToken(profileId, {});
    if (!m_available) {
        deliver(context, std::move(done), Outcome{});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(keyFor(profileId));
    QPointer<QObject> guard(context);
    run(job, [guard, done = std::move(done)](QKeychain::Job *j) {
        Outcome outcome;
        if (j && j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            outcome.ok = false;
            outcome.error = j->errorString();
        }
        if (guard)
            deliver(guard, done, outcome);
    });
}

} // namespace wb::ui
