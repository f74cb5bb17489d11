#pragma once

// The selected row, one field after another, readable: long text wrapped, JSON (also JSON held in
// a string cell, as chat messages often are) indented, and chat messages shown role by role. A
// second tab has the row's raw JSON.

#include "api/json_io.h"

#include <QWidget>

class QTabWidget;
class QTextBrowser;

namespace wb::ui {

class JsonView;

class RowDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit RowDetailView(QWidget *parent = nullptr);

    void setRow(int rowIndex, const api::Json &row);
    void showLoading(int rowIndex);
    void clear();

    //! What the formatted tab shows, as plain text (for tests and copy).
    QString formattedText() const;

    //! The HTML for one row: a heading per field, then its value (see the class comment).
    static QString rowToHtml(const api::Json &row);

private:
    QTabWidget *m_tabs;
    QTextBrowser *m_formatted;
    JsonView *m_raw;
};

} // namespace wb::ui
