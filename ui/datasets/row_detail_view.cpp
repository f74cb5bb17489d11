#include "row_detail_view.h"

#include "common/json_text.h"
#include "common/json_view.h"

#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace wb::ui {

namespace {

QString pre(const QString &text)
{
    return QStringLiteral("<pre style=\"white-space: pre-wrap;\">") + text.toHtmlEscaped()
         + QStringLiteral("</pre>");
}

//! [{"role": "...", "content": ...}, ...]: every item an object with a string role.
bool isMessageList(const api::Json &j)
{
    if (!j.is_array() || j.empty())
        return false;
    return std::all_of(j.begin(), j.end(), [](const api::Json &m) {
        return m.is_object() && m.contains("role") && m["role"].is_string();
    });
}

QString messagesHtml(const api::Json &messages)
{
    QString html;
    for (const api::Json &m : messages) {
        const QString role = toQString(m["role"].get<std::string>());
        html += QStringLiteral("<p style=\"margin-bottom:0\"><b>") + role.toHtmlEscaped()
              + QStringLiteral("</b></p>");
        const auto content = m.find("content");
        if (content == m.end())
            html += pre(QString());
        else if (content->is_string())
            html += pre(toQString(content->get<std::string>()));
        else
            html += pre(prettyJson(*content)); // content parts, tool calls
        // Anything beyond role/content (tool_calls, name, ...) still matters for debugging.
        api::Json rest = m;
        rest.erase("role");
        rest.erase("content");
        if (!rest.empty())
            html += pre(prettyJson(rest));
    }
    return html;
}

QString valueHtml(const api::Json &value)
{
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        if (const auto parsed = embeddedJson(s))
            return isMessageList(*parsed) ? messagesHtml(*parsed) : pre(prettyJson(*parsed));
        return pre(toQString(s));
    }
    if (isMessageList(value))
        return messagesHtml(value);
    return pre(prettyJson(value));
}

} // namespace

RowDetailView::RowDetailView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_formatted(new QTextBrowser(this))
    , m_raw(new JsonView(this))
{
    setObjectName(QStringLiteral("rowDetailView"));
    m_formatted->setObjectName(QStringLiteral("rowDetailFormatted"));
    m_formatted->setOpenLinks(false);
    m_tabs->addTab(m_formatted, tr("Fields"));
    m_tabs->addTab(m_raw, tr("JSON"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    clear();
}

QString RowDetailView::rowToHtml(const api::Json &row)
{
    QString html;
    if (!row.is_object())
        return valueHtml(row);
    for (auto it = row.begin(); it != row.end(); ++it)
        html += QStringLiteral("<h4>") + toQString(it.key()).toHtmlEscaped() + QStringLiteral("</h4>")
              + valueHtml(it.value());
    return html;
}

void RowDetailView::setRow(int rowIndex, const api::Json &row)
{
    m_formatted->setHtml(QStringLiteral("<h3>") + tr("Row %1").arg(rowIndex).toHtmlEscaped()
                         + QStringLiteral("</h3>") + rowToHtml(row));
    m_raw->setJson(row);
}

void RowDetailView::showLoading(int rowIndex)
{
    m_formatted->setPlainText(tr("Loading row %1…").arg(rowIndex));
    m_raw->clear();
}

void RowDetailView::clear()
{
    m_formatted->setPlainText(tr("Select a row to see its fields."));
    m_raw->clear();
}

QString RowDetailView::formattedText() const
{
    return m_formatted->toPlainText();
}

} // namespace wb::ui
