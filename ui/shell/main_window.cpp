#include "main_window.h"

#include "language_dialog.h"

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

MainWindow::MainWindow(api::StackApi &api, QWidget *parent)
    : QMainWindow(parent)
    , m_api(api)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_connection(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Llama Stack Workbench"));
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_pages->setObjectName(QStringLiteral("pageStack"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 1030});
    setCentralWidget(splitter);

    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    m_connection->setText(tr("Connected: %1").arg(QString::fromStdString(m_api.describe())));
    statusBar()->addPermanentWidget(m_connection);

    createMenus();
    resize(1200, 800);
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
                                QString::fromStdString(m_api.describe()).toHtmlEscaped()));
}

void MainWindow::showLanguageDialog()
{
    auto *dialog = new LanguageDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace wb::ui
