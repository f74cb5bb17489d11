#pragma once

// The selected evaluated row in full: its input row rendered readably (chat messages role by role,
// as the datasets page shows rows), expected, generated, the error if any, and below, one tab per
// scoring function with that function's score row as JSON.

#include "eval_row_table.h"

#include <QWidget>

class QTabWidget;
class QTextBrowser;

namespace wb::ui {

class EvalRowDetail : public QWidget
{
    Q_OBJECT
public:
    explicit EvalRowDetail(QWidget *parent = nullptr);

    void setRow(const EvalRowEntry &entry, RowOutcome outcome);
    void clear();

    //! The formatted part as plain text (tests, copy).
    QString text() const;
    //! Scoring function ids of the score tabs, in order.
    QStringList scoreTabs() const;
    //! The JSON text shown for function `fn`'s score row; empty when there is no such tab.
    QString scoreJson(const QString &fn) const;

private:
    QTextBrowser *m_text;
    QTabWidget *m_scores;
};

} // namespace wb::ui
