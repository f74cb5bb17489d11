#pragma once

// The shell: a navigation list of pages, the page stack, the menus and a status bar that says where
// the app is connected. It hosts pages; what a page does lives in the page (see workbench.h for
// which pages are added).
//
// The pages are built by a PageFactory on the ConnectionController's current API and rebuilt on
// every switch: they are destroyed before the old API goes (so no page callback can reach a
// destroyed client) and created anew on the new one (so nothing keeps talking to the old API).

#include "api/stack_api.h"

#include <QMainWindow>

#include <functional>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace wb::ui {

class ConnectionController;
class ConnectionsDialog;
class MainWindow;

//! Adds the pages for `api` to `window` (window.addPage(...)).
using PageFactory = std::function<void(MainWindow &window, api::StackApi &api)>;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    //! `connections` must outlive the window (or be its child).
    MainWindow(ConnectionController &connections, PageFactory pages, QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Adds a page under `title` in the navigation list; the window owns it.
    void addPage(const QString &title, QWidget *page);
    QWidget *currentPage() const;
    ConnectionController &connections() const { return m_connections; }

    //! Connection → Manage connections…; opens without blocking, deletes itself when closed.
    ConnectionsDialog *openConnectionsDialog();

private:
    void createMenus();
    void showAbout();
    void showLanguageDialog();
    void clearPages();
    void buildPages();
    void updateConnectionLabel();
    void showNotice(const QString &message);

    ConnectionController &m_connections;
    PageFactory m_pageFactory;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_connection;
    int m_wantedRow = 0; //!< the page to show again after a rebuild
};

} // namespace wb::ui
