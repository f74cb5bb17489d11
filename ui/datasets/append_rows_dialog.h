#pragma once

// Appends rows to a dataset: a form with one field per known column (one row), or pasted JSONL /
// a JSON array (many rows). Checked before sending; a failure keeps the dialog open with the error.

#include "api/stack_api.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace wb::ui {

class BusyOverlay;

class AppendRowsDialog : public QDialog
{
    Q_OBJECT
public:
    AppendRowsDialog(api::StackApi &api, const QString &datasetId, const std::vector<std::string> &columns,
                     QWidget *parent);

    //! The rows from the active tab, or a message saying what is wrong.
    std::variant<std::vector<api::JsonObject>, QString> buildRows() const;

    void accept() override;

Q_SIGNALS:
    void rowsAppended(const QString &datasetId, int count);

private:
    api::StackApi &m_api;
    QString m_datasetId;
    QTabWidget *m_tabs;
    std::vector<std::pair<std::string, QLineEdit *>> m_fields;
    QCheckBox *m_parseJson;
    QPlainTextEdit *m_rowsText;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    BusyOverlay *m_busy;
};

} // namespace wb::ui
