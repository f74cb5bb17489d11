#pragma once

// A list of regular expressions edited as text, one per line, checked with QRegularExpression as
// the user types: an invalid line is marked and named ("line 2: missing closing parenthesis at
// 7"), so a typo is seen before anything is sent. Empty lines are ignored.

#include <QString>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QPlainTextEdit;

namespace wb::ui {

class RegexListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RegexListEditor(QWidget *parent);

    void setPatterns(const std::vector<std::string> &patterns);
    //! The non-empty lines, in order.
    std::vector<std::string> patterns() const;
    //! Empty when every line compiles; else the first problem, with its line.
    QString errorText() const { return m_error; }
    bool isValid() const { return m_error.isEmpty(); }
    QPlainTextEdit *textEdit() const { return m_text; }
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    void validate();

    QPlainTextEdit *m_text;
    QLabel *m_status;
    QString m_error;
};

//! Empty when `pattern` compiles; else what is wrong and where.
QString regexError(const QString &pattern);

} // namespace wb::ui
