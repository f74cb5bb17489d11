#pragma once

// The shell: a navigation list of pages, the page stack, the menus and a status bar that says where
// the app is connected. It hosts pages; what a page does lives in the page (see workbench.h for
// which pages are added).

#include "api/stack_api.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace wb::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(api::StackApi &api, QWidget *parent = nullptr);

    //! Adds a page under `title` in the navigation list; the window owns it.
    void addPage(const QString &title, QWidget *page);
    QWidget *currentPage() const;

private:
    void createMenus();
    void showAbout();
    void showLanguageDialog();

    api::StackApi &m_api;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_connection;
};

} // namespace wb::ui
