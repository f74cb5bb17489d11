#include "main_window.h"

#include "language_dialog.h"

#include "connection/connection_controller.h"
#include "connection/connections_dialog.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace wb::ui {

MainWindow::MainWindow(ConnectionController &connections, PageFactory pages, QWidget *parent)
    : QMainWindow(parent)
    , m_connections(connections)
    , m_pageFactory(std::move(pages))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_connection(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Llama Stack Workbench"));
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_pages->setObjectName(QStringLiteral("pageStack"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_wantedRow = row;
    });

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 1030});
    setCentralWidget(splitter);

    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connection);
    // Pages go before the old API (aboutToSwitch) and come back on the new one (switched).
    connect(&m_connections, &ConnectionController::aboutToSwitch, this, &MainWindow::clearPages);
    connect(&m_connections, &ConnectionController::switched, this, &MainWindow::buildPages);
    connect(&m_connections, &ConnectionController::stateChanged, this, &MainWindow::updateConnectionLabel);
    connect(&m_connections, &ConnectionController::notice, this, &MainWindow::showNotice);

    createMenus();
    buildPages();
    resize(1200, 800);
}

MainWindow::~MainWindow()
{
    // Before the controller (possibly our child) destroys the API the pages talk to.
    clearPages();
}

void MainWindow::clearPages()
{
    const int row = m_navigation->currentRow();
    if (row >= 0)
        m_wantedRow = row;
    const QSignalBlocker blocker(m_navigation);
    m_navigation->clear();
    while (QWidget *page = m_pages->widget(0)) {
        m_pages->removeWidget(page);
        delete page; // now, not deleteLater: its pending callbacks must die with it
    }
}

void MainWindow::buildPages()
{
    clearPages();
    const int wanted = m_wantedRow;
    if (m_pageFactory)
        m_pageFactory(*this, m_connections.api());
    if (wanted < m_navigation->count())
        m_navigation->setCurrentRow(wanted);
    updateConnectionLabel();
}

void MainWindow::updateConnectionLabel()
{
    const ConnectionProfile &current = m_connections.current();
    QString text;
    QString tip;
    if (current.isInProcess()) {
        text = tr("Connected: %1").arg(QString::fromStdString(m_connections.api().describe()));
    } else if (m_connections.state() == ConnectionController::State::Connected) {
        text = tr("Connected: %1 (%2)").arg(current.name, current.url.toDisplayString());
    } else {
        const QString error = m_connections.stateError();
        text = tr("Connection lost — retrying… %1 (%2): %3")
                   .arg(current.name, current.url.toDisplayString(), error.section(QLatin1Char('\n'), 0, 0));
        tip = error;
    }
    if (const QString pending = m_connections.pendingProfileId(); !pending.isEmpty()) {
        const std::optional<ConnectionProfile> p = m_connections.profile(pending);
        text += QStringLiteral(" — ") + tr("connecting to %1…").arg(p ? p->name : pending);
    }
    m_connection->setText(text);
    m_connection->setToolTip(tip);
}

void MainWindow::showNotice(const QString &message)
{
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 10000);
    // Not exec(): a nested event loop here would let a page be rebuilt under a running call.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Connection"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("connectionNotice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

ConnectionsDialog *MainWindow::openConnectionsDialog()
{
    if (auto *open = findChild<ConnectionsDialog *>(QString(), Qt::FindDirectChildrenOnly)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new ConnectionsDialog(m_connections, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::addPage(const QString &title, QWidget *page)
{
    page->setParent(m_pages);
    m_pages->addWidget(page);
    m_navigation->addItem(title);
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    QAction *manage = connection->addAction(tr("&Manage connections…"), this,
                                            [this] { openConnectionsDialog(); });
    manage->setObjectName(QStringLiteral("connectionsAction"));

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *language = settings->addAction(tr("&Language…"), this, &MainWindow::showLanguageDialog);
    language->setObjectName(QStringLiteral("languageAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Llama Stack Workbench"),
                       tr("<h3>Llama Stack Workbench %1</h3>"
                          "<p>A desktop workbench for the Llama Stack experimental APIs: datasets, "
                          "evaluation, rerank and post-training.</p>"
                          "<p>Connected: %2</p>")
                           .arg(QStringLiteral(WB_VERSION),
                                QString::fromStdString(m_connections.api().describe()).toHtmlEscaped()));
}

void MainWindow::showLanguageDialog()
{
    auto *dialog = new LanguageDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace wb::ui
