// GUI test of the connection manager (offscreen) against a REAL server on loopback: the workbench's
// own ApiServer in front of an Engine, and a second Engine as the in-process side. Profiles round
// trip through a temporary QSettings file, tokens stay out of it, Test connection, switching
// rebuilds the pages on the new API, the health monitor notices a stopped server and its return,
// and the last used profile comes back at start (or the app falls back to in-process, saying so).

#include "connection/connection_controller.h"
#include "connection/connection_monitor.h"
#include "connection/connection_profile.h"
#include "connection/connection_tester.h"
#include "connection/connections_dialog.h"
#include "connection/keychain_token_store.h"
#include "connection/token_store.h"
#include "datasets/dataset_list_model.h"
#include "datasets/datasets_page.h"
#include "shell/main_window.h"
#include "shell/workbench.h"

#include "api/async.h"
#include "engine/engine.h"
#include "remote/remote_client.h"
#include "server/api_server.h"

#include <QAbstractButton>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

namespace {
const QString kToken = QStringLiteral("tok-s3cret-4711");
const std::string kPrincipal = "alice";
const QString kRemoteDataset = QStringLiteral("remote-only-zebra-4711");
const QString kLocalDataset = QStringLiteral("local-only-giraffe-17");

api::RegisterDatasetRequest qaRows(const QString &id)
{
    api::RegisterDatasetRequest request;
    request.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    request.source = api::RowsDataSource{{api::JsonObject{api::Json{{"question", "q"}, {"answer", "a"}}}}};
    request.dataset_id = id.toStdString();
    return request;
}

//! A loopback port nobody listens on (bound, then released).
quint16 deadPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

ui::RemoteApiFactory remoteFactory()
{
    return [](const ui::RemoteEndpoint &endpoint) {
        remote::RemoteOptions options;
        options.baseUrl = endpoint.url;
        options.token = endpoint.token;
        options.caFile = endpoint.caFile;
        return std::unique_ptr<api::StackApi>(std::make_unique<remote::RemoteClient>(options));
    };
}
} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void profilesRoundTripThroughSettings();
    void testConnectionShowsServerVersion();
    void testConnectionShowsReadableError();
    void switchingToRemoteListsServerDatasets();
    void switchingBackToInProcessListsLocalDatasets();
    void statusBarReportsLostAndRestored();
    void restoresLastUsedProfileAtStart();
    void fallsBackToInProcessWhenLastUsedFails();
    void keychainStoreKeepsTokensOffDisk();
    void cleanupTestCase();

private:
    bool startServer(quint16 port);
    QByteArray settingsFileContents() const;
    ui::ConnectionsDialog *dialog();
    ui::DatasetsPage *datasetsPage() const;
    QString statusText() const;
    QString dialogStatus() const;
    void click(const char *name);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_serverEngine;
    std::unique_ptr<engine::Engine> m_localEngine;
    std::unique_ptr<server::ApiServer> m_server;
    quint16 m_port = 0;
    std::unique_ptr<ui::SessionTokenStore> m_tokens;
    std::unique_ptr<ui::ConnectionController> m_connections;
    std::unique_ptr<ui::MainWindow> m_window;
    QPointer<ui::ConnectionsDialog> m_dialog;
    QString m_profileId;
};

void TestConnection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A settings file of our own: the user's real settings are never touched.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("WorkbenchConnectionTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connection"));

    for (auto [engine, folder] : {std::pair{&m_serverEngine, "server"}, std::pair{&m_localEngine, "local"}}) {
        engine::EngineConfig config;
        config.dataDir = m_dir.filePath(QString::fromLatin1(folder));
        *engine = std::make_unique<engine::Engine>(config);
        const api::Status opened = (*engine)->open();
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());
    }
    const auto remoteDs = api::await(m_serverEngine->forPrincipal(kPrincipal)->registerDataset(qaRows(kRemoteDataset)));
    QVERIFY2(remoteDs.ok(), remoteDs.ok() ? "" : remoteDs.error().toString().c_str());
    const auto localDs = api::await(m_localEngine->registerDataset(qaRows(kLocalDataset)));
    QVERIFY2(localDs.ok(), localDs.ok() ? "" : localDs.error().toString().c_str());
    QVERIFY(startServer(0));
    m_port = m_server->port();

    m_tokens = std::make_unique<ui::SessionTokenStore>(nullptr);
    m_connections = std::make_unique<ui::ConnectionController>(*m_localEngine, m_localEngine->dataDir(),
                                                               remoteFactory(), *m_tokens, nullptr);
    m_window = ui::createMainWindow(*m_connections);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY2(statusText().contains(QString::fromStdString(m_localEngine->describe())), qPrintable(statusText()));
    QTRY_VERIFY(datasetsPage()->listModel()->rowOf(kLocalDataset) >= 0);
}

bool TestConnection::startServer(quint16 port)
{
    server::ServerOptions options;
    options.port = port;
    options.authTokens = {{kToken.toStdString(), kPrincipal}};
    engine::Engine *engine = m_serverEngine.get();
    m_server = std::make_unique<server::ApiServer>(
        [engine](const std::string &principal) { return engine->forPrincipal(principal); }, options);
    QString error;
    const bool ok = m_server->listen(&error);
    if (!ok)
        qWarning("server: %s", qPrintable(error));
    return ok;
}

QByteArray TestConnection::settingsFileContents() const
{
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ui::ConnectionsDialog *TestConnection::dialog()
{
    if (!m_dialog)
        m_dialog = m_window->openConnectionsDialog();
    return m_dialog;
}

ui::DatasetsPage *TestConnection::datasetsPage() const
{
    return qobject_cast<ui::DatasetsPage *>(m_window->currentPage());
}

QString TestConnection::statusText() const
{
    return m_window->findChild<QLabel *>(QStringLiteral("connectionLabel"))->text();
}

QString TestConnection::dialogStatus() const
{
    return m_dialog ? m_dialog->findChild<QLabel *>(QStringLiteral("connectionStatusLabel"))->text() : QString();
}

void TestConnection::click(const char *name)
{
    auto *button = dialog()->findChild<QPushButton *>(QString::fromLatin1(name));
    QVERIFY2(button && button->isEnabled(), name);
    button->click();
}

void TestConnection::profilesRoundTripThroughSettings()
{
    ui::ConnectionsDialog *d = dialog();
    QTRY_VERIFY(d->isVisible());
    auto *list = d->findChild<QListWidget *>(QStringLiteral("profileList"));
    QCOMPARE(list->count(), 1); // the in-process engine, always there
    QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("removeButton"))->isEnabled()); // and never removable

    click("addButton");
    m_profileId = d->selectedProfileId();
    QVERIFY(!m_profileId.isEmpty() && m_profileId != ui::ConnectionProfile::inProcessId());
    d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Loopback test server"));
    d->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(m_server->baseUrl());
    d->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(kToken);
    click("saveButton");
    QTRY_COMPARE(dialogStatus(), QStringLiteral("Saved."));

    ui::ProfileRepository repository;
    std::optional<ui::ConnectionProfile> saved = repository.find(m_profileId);
    QVERIFY(saved);
    QCOMPARE(saved->name, QStringLiteral("Loopback test server"));
    QCOMPARE(saved->url, QUrl(m_server->baseUrl()));
    QCOMPARE(m_tokens->token(m_profileId), kToken);
    QByteArray file = settingsFileContents();
    QVERIFY2(file.contains("Loopback test server"), file.constData());
    QVERIFY2(!file.contains(kToken.toUtf8()), file.constData()); // the token never reaches the file
    // The session store says so: the user is told the token lives for this session only.
    QVERIFY(d->findChild<QLabel *>(QStringLiteral("tokenStorageLabel"))->text().contains(QStringLiteral("session")));

    // Edit: the name changes in place, the token (not retyped) stays.
    d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Loopback server"));
    click("saveButton");
    QTRY_COMPARE(dialogStatus(), QStringLiteral("Saved."));
    QCOMPARE(repository.find(m_profileId)->name, QStringLiteral("Loopback server"));
    QCOMPARE(repository.remoteProfiles().size(), 1);
    QCOMPARE(m_tokens->token(m_profileId), kToken);

    // A second profile, then removed after confirmation, token and all.
    click("addButton");
    const QString doomed = d->selectedProfileId();
    d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Doomed profile"));
    d->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(QStringLiteral("doomed-token-0815"));
    click("saveButton");
    QTRY_COMPARE(m_tokens->token(doomed), QStringLiteral("doomed-token-0815"));
    QCOMPARE(list->count(), 3);
    click("removeButton");
    QPointer<QMessageBox> box = d->findChild<QMessageBox *>(QStringLiteral("removeConfirmation"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("Doomed profile")));
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole)
            b->click();
    QTRY_VERIFY(box.isNull());
    QVERIFY(!repository.find(doomed));
    QTRY_VERIFY(!m_tokens->contains(doomed));
    QCOMPARE(list->count(), 2);
    file = settingsFileContents();
    QVERIFY(!file.contains("Doomed profile"));
    QVERIFY(file.contains("Loopback server"));
}

void TestConnection::testConnectionShowsServerVersion()
{
    ui::ConnectionsDialog *d = dialog();
    d->selectProfile(m_profileId);
    QTRY_COMPARE(d->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->text(), kToken); // read back
    click("testButton");
    // Busy while the temporary client asks: the button waits, the bar runs.
    QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled());
    QVERIFY(d->findChild<QProgressBar *>(QStringLiteral("connectionBusy"))->isVisible());
    QTRY_VERIFY2(dialogStatus().startsWith(QStringLiteral("OK")), qPrintable(dialogStatus()));
    QCOMPARE(dialogStatus(), QStringLiteral("OK — version %1").arg(QStringLiteral(WB_VERSION)));
    QVERIFY(d->findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled());
    QVERIFY(!d->findChild<QProgressBar *>(QStringLiteral("connectionBusy"))->isVisible());
    QVERIFY(m_connections->current().isInProcess()); // testing does not switch
}

void TestConnection::testConnectionShowsReadableError()
{
    ui::ConnectionsDialog *d = dialog();
    d->selectProfile(m_profileId);
    auto *url = d->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    url->setText(QStringLiteral("http://127.0.0.1:%1").arg(deadPort())); // tested unsaved
    click("testButton");
    QTRY_VERIFY_WITH_TIMEOUT(!dialogStatus().startsWith(QStringLiteral("Testing")), 20000);
    QVERIFY2(dialogStatus().contains(QStringLiteral("502")), qPrintable(dialogStatus()));
    QVERIFY(!dialogStatus().startsWith(QStringLiteral("OK")));
    // Nothing was saved: selecting the profile again shows the stored URL.
    d->selectProfile(ui::ConnectionProfile::inProcessId());
    d->selectProfile(m_profileId);
    QCOMPARE(url->text(), m_server->baseUrl());
}

void TestConnection::switchingToRemoteListsServerDatasets()
{
    ui::ConnectionsDialog *d = dialog();
    d->selectProfile(m_profileId);
    QPointer<ui::DatasetsPage> oldPage = datasetsPage();
    click("connectButton");
    QTRY_COMPARE(m_connections->current().id, m_profileId);
    QTRY_VERIFY2(dialogStatus().startsWith(QStringLiteral("Connected to Loopback server")), qPrintable(dialogStatus()));
    QVERIFY(oldPage.isNull()); // rebuilt on the new API, not kept
    ui::DatasetsPage *page = datasetsPage();
    QVERIFY(page);
    // The token went from the TokenStore to the client: the server lists alice's dataset.
    QTRY_VERIFY(page->listModel()->rowOf(kRemoteDataset) >= 0);
    QCOMPARE(page->listModel()->rowOf(kLocalDataset), -1);
    QVERIFY2(statusText().contains(QStringLiteral("Loopback server")) && statusText().contains(m_server->baseUrl()),
             qPrintable(statusText()));
    QVERIFY(statusText().startsWith(QStringLiteral("Connected")));
    QCOMPARE(ui::ProfileRepository().lastUsed(), m_profileId);
}

void TestConnection::switchingBackToInProcessListsLocalDatasets()
{
    ui::ConnectionsDialog *d = dialog();
    d->selectProfile(ui::ConnectionProfile::inProcessId());
    click("connectButton");
    QTRY_VERIFY(m_connections->current().isInProcess());
    QVERIFY(!m_connections->monitor());
    QTRY_VERIFY(datasetsPage()->listModel()->rowOf(kLocalDataset) >= 0);
    QCOMPARE(datasetsPage()->listModel()->rowOf(kRemoteDataset), -1);
    QVERIFY2(statusText().contains(m_localEngine->dataDir()), qPrintable(statusText()));
    QCOMPARE(ui::ProfileRepository().lastUsed(), ui::ConnectionProfile::inProcessId());
    m_dialog->close();
    QTRY_VERIFY(m_dialog.isNull());
}

void TestConnection::statusBarReportsLostAndRestored()
{
    m_connections->connectTo(m_profileId);
    QTRY_COMPARE(m_connections->current().id, m_profileId);
    QTRY_VERIFY(datasetsPage()->listModel()->rowOf(kRemoteDataset) >= 0);
    QVERIFY(m_connections->monitor());

    m_server.reset();
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QStringLiteral("Connection lost")), 12000);
    QVERIFY2(statusText().contains(QStringLiteral("retrying")), qPrintable(statusText()));
    qInfo("connection lost reported after %lld ms: %s", clock.elapsed(), qPrintable(statusText()));

    QVERIFY(startServer(m_port)); // the same port: the profile stays as it is
    QTRY_VERIFY_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("Connected")), 12000);
    QVERIFY2(statusText().contains(QStringLiteral("Loopback server")), qPrintable(statusText()));
    QCOMPARE(m_connections->current().id, m_profileId);
}

void TestConnection::restoresLastUsedProfileAtStart()
{
    QCOMPARE(ui::ProfileRepository().lastUsed(), m_profileId);
    // A second start: a fresh controller and window on the same settings.
    ui::ConnectionController connections(*m_localEngine, m_localEngine->dataDir(), remoteFactory(), *m_tokens, nullptr);
    const auto window = ui::createMainWindow(connections);
    QVERIFY(connections.current().isInProcess()); // until the remote answers
    connections.restoreLastUsed();
    QTRY_COMPARE(connections.current().id, m_profileId);
    auto *page = qobject_cast<ui::DatasetsPage *>(window->currentPage());
    QVERIFY(page);
    QTRY_VERIFY(page->listModel()->rowOf(kRemoteDataset) >= 0);
    QVERIFY(!window->findChild<QMessageBox *>(QStringLiteral("connectionNotice")));
}

void TestConnection::fallsBackToInProcessWhenLastUsedFails()
{
    ui::ProfileRepository repository;
    const ui::ConnectionProfile dead = ui::ConnectionProfile::newRemote(
        QStringLiteral("Gone server"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(deadPort())));
    repository.save(dead);
    repository.setLastUsed(dead.id);

    ui::ConnectionController connections(*m_localEngine, m_localEngine->dataDir(), remoteFactory(), *m_tokens, nullptr);
    const auto window = ui::createMainWindow(connections);
    window->show();
    QSignalSpy notices(&connections, &ui::ConnectionController::notice);
    connections.restoreLastUsed();
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 1, 20000);
    QVERIFY(connections.current().isInProcess());
    auto *box = window->findChild<QMessageBox *>(QStringLiteral("connectionNotice"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("Gone server")) && box->text().contains(QStringLiteral("in-process")),
             qPrintable(box->text()));
    auto *page = qobject_cast<ui::DatasetsPage *>(window->currentPage());
    QTRY_VERIFY(page->listModel()->rowOf(kLocalDataset) >= 0);
    repository.remove(dead.id);
}

void TestConnection::keychainStoreKeepsTokensOffDisk()
{
    // Whatever this machine offers: a keychain (the token round trips through it) or none (headless
    // CI: the token is kept in memory and the outcome says so). Either way, never in the settings.
    ui::KeychainTokenStore store(QStringLiteral("LlamaStackWorkbenchTest"), nullptr);
    store.setJobTimeout(5000);
    const QString id = QStringLiteral("keychain-test-profile");
    const QString secret = QStringLiteral("kc-secret-9999");
    std::optional<ui::TokenStore::Outcome> written;
    QObject context;
    store.writeToken(id, secret, &context, [&](const ui::TokenStore::Outcome &o) { written = o; });
    QVERIFY(!written); // asynchronous, never answered inside the call
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 15000);
    qInfo("keychain write: ok=%d sessionOnly=%d %s", written->ok, written->sessionOnly, qPrintable(written->error));
    if (written->sessionOnly)
        QVERIFY(!written->error.isEmpty()); // the reason the user is shown

    std::optional<ui::TokenStore::Outcome> read;
    store.readToken(id, &context, [&](const ui::TokenStore::Outcome &o) { read = o; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 15000);
    QCOMPARE(read->token, secret);
    QVERIFY(!settingsFileContents().contains(secret.toUtf8()));

    bool removed = false;
    store.removeToken(id, &context, [&](const ui::TokenStore::Outcome &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 15000);
    read.reset();
    store.readToken(id, &context, [&](const ui::TokenStore::Outcome &o) { read = o; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 15000);
    QVERIFY(read->token.isEmpty());
}

void TestConnection::cleanupTestCase()
{
    m_window.reset();      // pages first,
    m_connections.reset(); // then the remote client they used,
    m_server.reset();
    m_serverEngine.reset();
    m_localEngine.reset();
}

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
