#pragma once

// Connection → Manage connections…: the profiles (the in-process engine first, then the remote
// ones), a form to add and edit a remote profile (name, URL, token, CA file), "Test connection"
// (health + version on a temporary client, busy while it runs) and "Connect" (switches through the
// ConnectionController). Edits are applied with Save; Connect saves pending edits first.

#include "connection_profile.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace wb::ui {

class ConnectionController;
class ConnectionTester;

class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionsDialog(ConnectionController &connections, QWidget *parent);

    QString selectedProfileId() const;
    void selectProfile(const QString &id);
    ConnectionTester *tester() const { return m_tester; }

private:
    //! Rebuilds the list and selects `selectId`; the form is refilled when asked or when the
    //! selection changed.
    void reloadList(const QString &selectId, bool refillForm = true);
    void onSelectionChanged();
    void loadToken(const QString &profileId);
    ConnectionProfile formProfile() const;
    QString validate(const ConnectionProfile &profile) const;
    //! Saves the form (profile to QSettings, token to the TokenStore) and calls `then` once the
    //! token is stored; does nothing but show the problem when the form is invalid.
    void save(std::function<void()> then = {});
    void addProfile();
    void askRemove();
    void removeProfile(const QString &id);
    void testConnection();
    void connectSelected();
    void browseCaFile();
    void setDirty(bool dirty);
    void updateButtons();
    void showStatus(const QString &text, bool error);
    void showTokenStorage(bool sessionOnly, const QString &reason);

    ConnectionController &m_connections;
    ConnectionTester *m_tester;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_caFile;
    QPushButton *m_caBrowse;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_save;
    QPushButton *m_test;
    QPushButton *m_connect;
    QProgressBar *m_busy;
    QLabel *m_status;
    QLabel *m_tokenStorage;
    bool m_dirty = false;
    bool m_tokenEdited = false;
    bool m_filling = false;       //!< the form is being filled from a profile: not an edit
    quint64 m_tokenGeneration = 0; //!< a token read for a profile no longer selected is dropped
    QString m_connectingId;        //!< the profile this dialog asked to connect to
};

} // namespace wb::ui
