#include "eval_row_detail.h"

#include "eval_rows_model.h"

#include "common/json_text.h"
#include "common/json_view.h"
#include "datasets/row_detail_view.h"

#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace wb::ui {

namespace {

QString section(const QString &title, const QString &body)
{
    return QStringLiteral("<h4>") + title.toHtmlEscaped() + QStringLiteral("</h4><pre style=\"white-space: pre-wrap;\">")
         + body.toHtmlEscaped() + QStringLiteral("</pre>");
}

} // namespace

EvalRowDetail::EvalRowDetail(QWidget *parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
    , m_scores(new QTabWidget(this))
{
    setObjectName(QStringLiteral("evalRowDetail"));
    m_text->setObjectName(QStringLiteral("evalRowDetailText"));
    m_text->setOpenLinks(false);
    m_scores->setObjectName(QStringLiteral("evalRowDetailScores"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_text);
    splitter->addWidget(m_scores);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    clear();
}

void EvalRowDetail::setRow(const EvalRowEntry &entry, RowOutcome outcome)
{
    QString html = QStringLiteral("<h3>")
                 + tr("Row %1 · %2").arg(entry.raw.index).arg(EvalRowsModel::outcomeName(outcome)).toHtmlEscaped()
                 + QStringLiteral("</h3>");
    if (!entry.error.isEmpty())
        html += section(tr("Error"), entry.error);
    html += section(tr("Expected"), entry.expected);
    html += section(tr("Generated"), entry.generated);
    if (!entry.extracted.isEmpty())
        html += section(tr("Extracted answer"), entry.extracted);
    if (!entry.feedback.isEmpty())
        html += section(tr("Judge feedback"), entry.feedback);
    // The whole input row (prompt messages role by role, every other column) as the datasets page
    // shows a row.
    html += QStringLiteral("<h3>") + tr("Input row").toHtmlEscaped() + QStringLiteral("</h3>")
          + RowDetailView::rowToHtml(entry.raw.input_row.value);
    m_text->setHtml(html);

    while (m_scores->count() > 0) {
        QWidget *page = m_scores->widget(0);
        m_scores->removeTab(0);
        delete page;
    }
    for (const auto &[fn, scoreRow] : entry.raw.scores.entries) {
        auto *view = new JsonView(m_scores);
        view->setJson(scoreRow.value);
        m_scores->addTab(view, toQString(fn));
    }
}

void EvalRowDetail::clear()
{
    m_text->setPlainText(tr("Select a row to see its input, answers and scores."));
    while (m_scores->count() > 0) {
        QWidget *page = m_scores->widget(0);
        m_scores->removeTab(0);
        delete page;
    }
}

QString EvalRowDetail::text() const
{
    return m_text->toPlainText();
}

QStringList EvalRowDetail::scoreTabs() const
{
    QStringList tabs;
    for (int i = 0; i < m_scores->count(); ++i)
        tabs << m_scores->tabText(i).remove(QLatin1Char('&'));
    return tabs;
}

QString EvalRowDetail::scoreJson(const QString &fn) const
{
    for (int i = 0; i < m_scores->count(); ++i)
        if (m_scores->tabText(i).remove(QLatin1Char('&')) == fn)
            return static_cast<JsonView *>(m_scores->widget(i))->toPlainText();
    return {};
}

} // namespace wb::ui
