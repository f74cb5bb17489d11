#pragma once

// Tokens in the system keychain (Secret Service / KWallet, macOS Keychain, Windows Credential
// Store) through QtKeychain. When the keychain cannot be used (no service on a headless machine,
// access denied, no answer within a timeout), the token goes to a SessionTokenStore instead and
// the outcome says `sessionOnly` with the reason, so the UI can tell the user. QtKeychain's
// "insecure fallback" (a plain-text settings file) is never enabled.

#include "token_store.h"

namespace QKeychain {
class Job;
}

namespace wb::ui {

class KeychainTokenStore : public TokenStore
{
    Q_OBJECT
public:
    //! `service` names the keychain entries ("LlamaStackWorkbench" in the app).
    KeychainTokenStore(const QString &service, QObject *parent);

    void readToken(const QString &profileId, QObject *context, Callback done) override;
    void writeToken(const QString &profileId, const QString &token, QObject *context, Callback done) override;
    void removeToken(const QString &profileId, QObject *context, Callback done) override;
    //! True until a keychain call failed for want of a keychain service.
    bool isPersistent() const override { return m_available; }

    //! How long a keychain job may take before the store gives up on it (default 10 s).
    void setJobTimeout(int ms) { m_jobTimeoutMs = ms; }

private:
    //! Starts `job` and calls `finished(job-or-null)` once: null when it timed out.
    void run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> finished);
    QString keyFor(const QString &profileId) const;

    QString m_service;
    SessionTokenStore *m_session;
    bool m_available = true;
    QString m_unavailableReason;
    int m_jobTimeoutMs = 10000;
};

} // namespace wb::ui
