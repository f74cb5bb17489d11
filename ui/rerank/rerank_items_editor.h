#pragma once

// The rerank page's input: the query and the items. Items are edited in a table that always ends
// in an empty row (typing into it adds an item) with a delete button per row, or as a JSON array
// in a text box; the Table ⇄ JSON toggle carries the items across. "Paste" takes the clipboard:
// a JSON array of strings or text parts, or else one item per non-empty line. Enter in the query
// asks to run (the page adds Ctrl+Enter anywhere).

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace wb::ui {

class RerankItemsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RerankItemsEditor(QWidget *parent);

    QString query() const;
    void setQuery(const QString &query);

    //! The items (non-empty rows, in order). In JSON mode the text is read; when it is not a valid
    //! array, `error` (if given) says why and the last good items are answered.
    QStringList items(QString *error = nullptr) const;
    void setItems(const QStringList &items);

    //! Appends the items in `text` (JSON array or lines); an error message when a JSON array was
    //! meant but cannot be read, or when the JSON being edited is not valid (nothing is added or
    //! replaced then), else empty.
    QString pasteText(const QString &text);

    bool isJsonMode() const;
    //! Switches modes; leaving JSON mode with text that is not a valid array stays in JSON mode
    //! and answers false (the error is shown under the editor).
    bool setJsonMode(bool json);

    //! Removes item row `row` (the trailing empty row cannot be removed).
    void removeRow(int row);

    QLineEdit *queryEdit() const { return m_query; }
    QTableWidget *table() const { return m_table; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QPushButton *jsonToggle() const { return m_toggle; }
    QPushButton *pasteButton() const { return m_paste; }
    QLabel *errorLabel() const { return m_error; }

    //! The items as the JSON array the JSON mode shows.
    static QString itemsJson(const QStringList &items);
    //! A JSON array of strings or text parts → the texts; nullopt-like: `error` set on failure.
    static QStringList parseItemsJson(const QString &text, QString *error);

Q_SIGNALS:
    void runRequested();
    void itemsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillTable(const QStringList &items);
    void ensureTrailingEmptyRow();
    void addDeleteButton(int row);
    QStringList tableItems() const;

    QLineEdit *m_query;
    QStackedWidget *m_stack;
    QTableWidget *m_table;
    QPlainTextEdit *m_json;
    QPushButton *m_toggle;
    QPushButton *m_paste;
    QPushButton *m_clear;
    QLabel *m_error;
    bool m_filling = false;
};

} // namespace wb::ui
