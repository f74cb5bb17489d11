#include "connections_dialog.h"

#include "connection_controller.h"
#include "connection_tester.h"
#include "token_store.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb::ui {

namespace {
constexpr int IdRole = Qt::UserRole;
}

ConnectionsDialog::ConnectionsDialog(ConnectionController &connections, QWidget *parent)
    : QDialog(parent)
    , m_connections(connections)
    , m_tester(new ConnectionTester(connections.remoteFactory(), this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_caBrowse(new QPushButton(tr("Browse…"), this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove…"), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_tokenStorage(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionsDialog"));
    setWindowTitle(tr("Connections"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8321"));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("none"));
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("system certificates only"));
    m_caBrowse->setObjectName(QStringLiteral("caBrowseButton"));
    m_add->setObjectName(QStringLiteral("addButton"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_test->setObjectName(QStringLiteral("testButton"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_busy->setObjectName(QStringLiteral("connectionBusy"));
    m_busy->setRange(0, 0); // an "it is working" bar: how long a server takes is unknown
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(8);
    m_busy->hide();
    m_status->setObjectName(QStringLiteral("connectionStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokenStorage->setObjectName(QStringLiteral("tokenStorageLabel"));
    m_tokenStorage->setWordWrap(true);
    showTokenStorage(!m_connections.tokens().isPersistent(), {});

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Token:"), m_token);
    form->addRow(tr("CA file:"), caRow);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addStretch(1);
    actions->addWidget(m_test);
    actions->addWidget(m_connect);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_tokenStorage);
    right->addLayout(actions);
    right->addWidget(m_busy);
    right->addWidget(m_status);
    right->addStretch(1);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("connectionsButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionsDialog::onSelectionChanged);
    for (QLineEdit *edit : {m_name, m_url, m_caFile})
        connect(edit, &QLineEdit::textChanged, this, [this] { setDirty(true); });
    connect(m_token, &QLineEdit::textChanged, this, [this] {
        if (!m_filling)
            m_tokenEdited = true;
        setDirty(true);
    });
    connect(m_caBrowse, &QPushButton::clicked, this, &ConnectionsDialog::browseCaFile);
    connect(m_add, &QPushButton::clicked, this, &ConnectionsDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionsDialog::askRemove);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_test, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    connect(m_connect, &QPushButton::clicked, this, &ConnectionsDialog::connectSelected);

    connect(m_tester, &ConnectionTester::finished, this, [this](bool ok, const QString &message) {
        showStatus(message, !ok);
        updateButtons();
    });
    connect(&m_connections, &ConnectionController::switched, this, [this] {
        reloadList(selectedProfileId(), false); // the "(connected)" mark moved; keep the form
        if (!m_connectingId.isEmpty() && m_connections.current().id == m_connectingId)
            showStatus(tr("Connected to %1.").arg(m_connections.current().name), false);
        m_connectingId.clear();
    });
    connect(&m_connections, &ConnectionController::connectFailed, this,
            [this](const QString &id, const QString &message) {
                if (id != m_connectingId)
                    return;
                m_connectingId.clear();
                showStatus(tr("Could not connect: %1").arg(message), true);
                updateButtons();
            });
    connect(&m_connections, &ConnectionController::stateChanged, this, &ConnectionsDialog::updateButtons);

    reloadList(m_connections.current().id);
    resize(760, 420);
}

QString ConnectionsDialog::selectedProfileId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

void ConnectionsDialog::selectProfile(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(IdRole).toString() == id)
            m_list->setCurrentRow(row);
}

void ConnectionsDialog::reloadList(const QString &selectId, bool refillForm)
{
    const QString before = selectedProfileId();
    QSignalBlocker blocker(m_list); // one selection change at the end, not one per item
    m_list->clear();
    QList<ConnectionProfile> profiles{m_connections.inProcessProfile()};
    profiles += m_connections.profiles().remoteProfiles();
    for (const ConnectionProfile &p : profiles) {
        const bool current = p.id == m_connections.current().id;
        auto *item = new QListWidgetItem(current ? tr("%1 (connected)").arg(p.name) : p.name, m_list);
        item->setData(IdRole, p.id);
        item->setToolTip(p.isInProcess() ? m_connections.inProcessLocation() : p.url.toDisplayString());
        if (current) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
    }
    int row = 0;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(IdRole).toString() == selectId)
            row = i;
    m_list->setCurrentRow(row);
    blocker.unblock();
    if (refillForm || selectedProfileId() != before)
        onSelectionChanged();
    else
        updateButtons();
}

void ConnectionsDialog::onSelectionChanged()
{
    m_tester->cancel();
    const std::optional<ConnectionProfile> p = m_connections.profile(selectedProfileId());
    const bool remote = p && !p->isInProcess();
    m_filling = true;
    m_name->setText(p ? p->name : QString());
    m_url->setText(!p ? QString() : remote ? p->url.toString() : m_connections.inProcessLocation());
    m_caFile->setText(remote ? p->caFile : QString());
    m_token->clear();
    m_filling = false;
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_url, m_token, m_caFile, m_caBrowse})
        w->setEnabled(remote);
    m_tokenEdited = false;
    setDirty(false);
    m_status->clear();
    if (remote)
        loadToken(p->id);
}

void ConnectionsDialog::loadToken(const QString &profileId)
{
    const quint64 generation = ++m_tokenGeneration;
    m_connections.tokens().readToken(profileId, this, [this, generation](const TokenStore::Outcome &outcome) {
        // Typed meanwhile, or another profile selected: the stored token is not wanted any more.
        if (generation != m_tokenGeneration || m_tokenEdited)
            return;
        m_filling = true;
        const bool wasDirty = m_dirty;
        m_token->setText(outcome.token);
        m_filling = false;
        setDirty(wasDirty);
        if (!outcome.ok)
            showStatus(tr("Could not read the token from the keychain: %1").arg(outcome.error), true);
        else if (outcome.sessionOnly && !outcome.error.isEmpty())
            showTokenStorage(true, outcome.error);
    });
}

ConnectionProfile ConnectionsDialog::formProfile() const
{
    ConnectionProfile p;
    p.id = selectedProfileId();
    p.name = m_name->text().trimmed();
    p.url = QUrl::fromUserInput(m_url->text().trimmed());
    p.caFile = m_caFile->text().trimmed();
    return p;
}

QString ConnectionsDialog::validate(const ConnectionProfile &p) const
{
    if (p.name.isEmpty())
        return tr("Give the connection a name.");
    if (m_url->text().trimmed().isEmpty() || !p.url.isValid() || p.url.host().isEmpty()
        || (p.url.scheme() != QLatin1String("http") && p.url.scheme() != QLatin1String("https")))
        return tr("The URL must be an http:// or https:// address, e.g. http://127.0.0.1:8321.");
    if (!p.caFile.isEmpty() && !QFileInfo(p.caFile).isFile())
        return tr("The CA file %1 does not exist.").arg(p.caFile);
    return {};
}

void ConnectionsDialog::save(std::function<void()> then)
{
    const ConnectionProfile p = formProfile();
    if (p.id.isEmpty() || p.isInProcess())
        return;
    if (const QString problem = validate(p); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    m_connections.profiles().save(p);
    // The form already shows what was saved; refilling it would race the token write below.
    reloadList(p.id, false);
    const bool reconnect = p.id == m_connections.current().id;
    auto afterToken = [this, p, reconnect, then = std::move(then)](const TokenStore::Outcome &outcome) {
        if (!outcome.ok)
            showStatus(tr("Saved, but the token could not be stored: %1").arg(outcome.error), true);
        else
            showStatus(tr("Saved."), false);
        if (outcome.sessionOnly)
            showTokenStorage(true, outcome.error);
        if (reconnect && !then) {
            // The connected profile changed: apply the new URL, token or CA file now.
            m_connectingId = p.id;
            m_connections.connectTo(p.id);
        }
        if (then)
            then();
    };
    const bool tokenEdited = m_tokenEdited;
    m_tokenEdited = false;
    ++m_tokenGeneration; // a read still on its way must not overwrite what was just typed
    setDirty(false);
    if (tokenEdited)
        m_connections.tokens().writeToken(p.id, m_token->text(), this, std::move(afterToken));
    else
        afterToken(TokenStore::Outcome{});
}

void ConnectionsDialog::addProfile()
{
    const ConnectionProfile p =
        ConnectionProfile::newRemote(tr("New connection"), QUrl(QStringLiteral("http://127.0.0.1:8321")));
    m_connections.profiles().save(p);
    reloadList(p.id);
    m_name->setFocus();
    m_name->selectAll();
}

void ConnectionsDialog::askRemove()
{
    const std::optional<ConnectionProfile> p = m_connections.profile(selectedProfileId());
    if (!p || p->isInProcess())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove connection"),
                                tr("Remove the connection “%1” and its stored token?").arg(p->name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    const QString id = p->id;
    connect(remove, &QPushButton::clicked, this, [this, id] { removeProfile(id); });
    box->open();
}

void ConnectionsDialog::removeProfile(const QString &id)
{
    // Never leave the app talking to a profile that no longer exists.
    if (m_connections.current().id == id || m_connections.pendingProfileId() == id)
        m_connections.connectTo(ConnectionProfile::inProcessId());
    m_connections.profiles().remove(id);
    m_connections.tokens().removeToken(id, this, [this](const TokenStore::Outcome &outcome) {
        if (!outcome.ok)
            showStatus(tr("The token could not be removed from the keychain: %1").arg(outcome.error), true);
    });
    reloadList(ConnectionProfile::inProcessId());
}

void ConnectionsDialog::testConnection()
{
    const ConnectionProfile p = formProfile();
    if (const QString problem = validate(p); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    // The form as it is, saved or not: testing before saving is the point.
    m_tester->start({p.url, m_token->text(), p.caFile});
    if (m_tester->isRunning())
        showStatus(tr("Testing %1…").arg(p.url.toDisplayString()), false);
    updateButtons();
}

void ConnectionsDialog::connectSelected()
{
    const QString id = selectedProfileId();
    if (id.isEmpty())
        return;
    auto go = [this, id] {
        m_connectingId = id;
        showStatus(tr("Connecting…"), false);
        m_connections.connectTo(id);
        updateButtons();
    };
    if (m_dirty && id != ConnectionProfile::inProcessId())
        save(go);
    else
        go();
}

void ConnectionsDialog::browseCaFile()
{
    auto *dialog = new QFileDialog(this, tr("CA certificates"), QFileInfo(m_caFile->text()).path(),
                                   tr("PEM certificates (*.pem *.crt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
    dialog->open();
}

void ConnectionsDialog::setDirty(bool dirty)
{
    if (m_filling)
        return;
    m_dirty = dirty;
    updateButtons();
}

void ConnectionsDialog::updateButtons()
{
    const QString id = selectedProfileId();
    const bool remote = !id.isEmpty() && id != ConnectionProfile::inProcessId();
    const bool testing = m_tester->isRunning();
    const bool connecting = !m_connections.pendingProfileId().isEmpty();
    m_remove->setEnabled(remote);
    m_save->setEnabled(remote && m_dirty);
    m_test->setEnabled(remote && !testing);
    m_connect->setEnabled(!id.isEmpty() && !connecting
                          && (m_dirty || id != m_connections.current().id));
    m_busy->setVisible(testing || connecting);
}

void ConnectionsDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ConnectionsDialog::showTokenStorage(bool sessionOnly, const QString &reason)
{
    if (!sessionOnly)
        m_tokenStorage->setText(tr("Tokens are kept in the system keychain, never in the settings file."));
    else if (reason.isEmpty())
        m_tokenStorage->setText(tr("No keychain is in use: tokens are kept for this session only and "
                                   "must be entered again after a restart. They are never written to disk."));
    else
        m_tokenStorage->setText(tr("No keychain service is available (%1): the token is kept for this "
                                   "session only and must be entered again after a restart. It is never "
                                   "written to disk.")
                                    .arg(reason));
}

} // namespace wb::ui
