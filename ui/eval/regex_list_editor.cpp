#include "regex_list_editor.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextBlock>
#include <QVBoxLayout>

namespace wb::ui {

QString regexError(const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (re.isValid())
        return {};
    return RegexListEditor::tr("%1 at position %2").arg(re.errorString()).arg(re.patternErrorOffset());
}

RegexListEditor::RegexListEditor(QWidget *parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("regexListText"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setPlaceholderText(tr("one regular expression per line"));
    m_text->setMaximumHeight(90);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_text->setFont(mono);
    m_status->setObjectName(QStringLiteral("regexListStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_status->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_status);
    // Patterns are short: checking on every key is cheap and tells the user at once.
    connect(m_text, &QPlainTextEdit::textChanged, this, &RegexListEditor::validate);
}

void RegexListEditor::setPlaceholderText(const QString &text)
{
    m_text->setPlaceholderText(text);
}

void RegexListEditor::setPatterns(const std::vector<std::string> &patterns)
{
    QStringList lines;
    for (const std::string &p : patterns)
        lines << QString::fromStdString(p);
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    validate();
}

std::vector<std::string> RegexListEditor::patterns() const
{
    std::vector<std::string> out;
    const QStringList lines = m_text->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (!line.isEmpty())
            out.push_back(line.toStdString());
    return out;
}

void RegexListEditor::validate()
{
    const bool wasValid = m_error.isEmpty();
    m_error.clear();
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = m_text->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text().isEmpty())
            continue;
        const QString problem = regexError(block.text());
        if (problem.isEmpty())
            continue;
        if (m_error.isEmpty())
            m_error = tr("Line %1: %2").arg(block.blockNumber() + 1).arg(problem);
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.format.setBackground(QColor(0xf9, 0xde, 0xdc));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_text->setExtraSelections(marks);
    m_status->setText(m_error);
    m_status->setVisible(!m_error.isEmpty());
    if (wasValid != m_error.isEmpty())
        Q_EMIT validityChanged(m_error.isEmpty());
}

} // namespace wb::ui
