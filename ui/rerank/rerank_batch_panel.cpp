#include "rerank_batch_panel.h"

#include "rerank_export.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "training/training_pickers.h"

#include "api/async.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wb::ui {

namespace {

QComboBox *columnCombo(QWidget *parent, const QString &name)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMinimumContentsLength(12);
    return combo;
}

//! The first of `wanted` that the dataset has, else `fallback`.
QString guess(const QStringList &columns, const QStringList &wanted, const QString &fallback)
{
    for (const QString &w : wanted)
        if (columns.contains(w))
            return w;
    return fallback;
}

QString number(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 4) : QStringLiteral("–");
}

} // namespace

RerankBatchPanel::RerankBatchPanel(api::StackApi &api, std::function<QStringList()> models, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_models(std::move(models))
    , m_runner(new RerankBatchRunner(api, this))
    , m_dataset(new DatasetPicker(api, false, this))
    , m_queryColumn(columnCombo(this, QStringLiteral("batchQueryColumn")))
    , m_candidatesColumn(columnCombo(this, QStringLiteral("batchCandidatesColumn")))
    , m_labelsColumn(columnCombo(this, QStringLiteral("batchLabelsColumn")))
    , m_labelMode(new QComboBox(this))
    , m_k(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run batch"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_exportCsv(new QPushButton(tr("Export CSV…"), this))
    , m_exportJson(new QPushButton(tr("Export JSON…"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    m_dataset->setObjectName(QStringLiteral("batchDataset"));
    m_labelsColumn->lineEdit()->setPlaceholderText(tr("(none)"));
    m_labelsColumn->setToolTip(tr("Optional. Either one number per candidate (graded relevance, 0 = not "
                                  "relevant) or the indices of the relevant candidates."));
    m_labelMode->setObjectName(QStringLiteral("batchLabelMode"));
    m_labelMode->addItem(tr("Auto"), int(rerank::LabelMode::Auto));
    m_labelMode->addItem(tr("Grades"), int(rerank::LabelMode::Graded));
    m_labelMode->addItem(tr("Indices"), int(rerank::LabelMode::Indices));
    m_labelMode->setToolTip(tr("Auto reads the labels as grades only when every row has one label per "
                               "candidate, else as the indices of the relevant candidates (decided once "
                               "for the whole dataset)."));
    m_candidatesColumn->setToolTip(tr("A list of strings or text parts (or a JSON string holding one)."));
    m_k->setRange(1, 1000);
    m_k->setValue(10);
    m_k->setToolTip(tr("NDCG is computed over the top k of each ranking."));
    m_cancelButton->setEnabled(false);
    m_exportCsv->setEnabled(false);
    m_exportJson->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary->setObjectName(QStringLiteral("batchSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("batchError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(tr("Query column"), m_queryColumn);
    form->addRow(tr("Candidates column"), m_candidatesColumn);
    form->addRow(tr("Labels column"), m_labelsColumn);
    form->addRow(tr("Labels are"), m_labelMode);
    form->addRow(tr("k (NDCG@k)"), m_k);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_exportCsv);
    buttons->addWidget(m_exportJson);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_dataset, &QComboBox::currentTextChanged, this, &RerankBatchPanel::loadColumns);
    connect(m_run, &QPushButton::clicked, this, &RerankBatchPanel::run);
    connect(m_cancelButton, &QPushButton::clicked, m_runner, &RerankBatchRunner::cancel);
    connect(m_runner, &RerankBatchRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
        m_progress->setFormat(tr("%1 of %2 rows").arg(done).arg(total));
    });
    connect(m_runner, &RerankBatchRunner::finished, this, [this] {
        setRunning(false);
        showResult();
    });
    connect(m_runner, &RerankBatchRunner::failed, this, [this](const QString &message) {
        setRunning(false);
        showError(message);
    });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export batch results"), QString(), tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        if (const api::Status s = exportCsv(path); !s)
            ui::showError(this, tr("Could not export the batch results."), s.error());
    });
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export batch results"), QString(), tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        if (const api::Status s = exportJson(path); !s)
            ui::showError(this, tr("Could not export the batch results."), s.error());
    });
}

void RerankBatchPanel::refresh()
{
    m_dataset->refresh();
}

void RerankBatchPanel::loadColumns()
{
    const QString id = m_dataset->datasetId();
    // Showing the page refreshes the dataset list, which announces the same dataset again: the
    // columns the user chose stay.
    if (!id.isEmpty() && id == m_columnsDataset && !m_columnsLoading)
        return;
    const int generation = ++m_columnsGeneration;
    if (id.isEmpty()) {
        m_columnsLoading = false;
        return;
    }
    m_columnsLoading = true;
    api::onResult(m_api.datasetStats(toStdString(id)), this, [this, generation, id](const api::Result<api::DatasetStats> &r) {
        if (generation != m_columnsGeneration)
            return;
        m_columnsLoading = false;
        QStringList columns;
        if (r)
            for (const std::string &c : r->columns)
                columns << toQString(c);
        m_columnsDataset = r ? id : QString(); // an unknown dataset is asked again next time
        setColumns(columns); // an unknown dataset: the columns can still be typed
    });
}

void RerankBatchPanel::setColumns(const QStringList &columns)
{
    // A choice the new columns still have is kept; otherwise the guess.
    const auto fill = [&columns](QComboBox *combo, const QString &guessed) {
        const QString current = combo->currentText().trimmed();
        combo->clear();
        combo->addItems(columns);
        combo->setEditText(!current.isEmpty() && columns.contains(current) ? current : guessed);
    };
    fill(m_queryColumn, guess(columns, {QStringLiteral("query"), QStringLiteral("question"), QStringLiteral("input_query")},
                             columns.value(0)));
    fill(m_candidatesColumn, guess(columns, {QStringLiteral("candidates"), QStringLiteral("documents"),
                                             QStringLiteral("items"), QStringLiteral("passages")},
                                   columns.value(1)));
    fill(m_labelsColumn, guess(columns, {QStringLiteral("labels"), QStringLiteral("relevance"),
                                         QStringLiteral("relevant"), QStringLiteral("qrels")},
                               QString()));
}

RerankBatchSpec RerankBatchPanel::spec() const
{
    RerankBatchSpec spec;
    spec.dataset = m_dataset->datasetId();
    spec.queryColumn = m_queryColumn->currentText().trimmed();
    spec.candidatesColumn = m_candidatesColumn->currentText().trimmed();
    spec.labelsColumn = m_labelsColumn->currentText().trimmed();
    spec.labelMode = rerank::LabelMode(m_labelMode->currentData().toInt());
    spec.k = m_k->value();
    spec.models = m_models ? m_models() : QStringList();
    return spec;
}

QString RerankBatchPanel::check(const RerankBatchSpec &spec) const
{
    if (spec.models.isEmpty() || spec.models.front().isEmpty())
        return tr("Choose a rerank model.");
    if (spec.dataset.isEmpty())
        return tr("Choose a dataset.");
    if (spec.queryColumn.isEmpty())
        return tr("Name the query column.");
    if (spec.candidatesColumn.isEmpty())
        return tr("Name the candidates column.");
    return {};
}

void RerankBatchPanel::run()
{
    const RerankBatchSpec s = spec();
    if (const QString problem = check(s); !problem.isEmpty())
        return showError(problem);
    m_error->hide();
    m_summary->setText(tr("Reading %1…").arg(s.dataset));
    m_table->setRowCount(0);
    m_runner->start(s); // answers later, so the buttons below are set before any result
    setRunning(true);
}

void RerankBatchPanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    const bool hasResult = !running && !m_runner->result().rows.empty();
    m_exportCsv->setEnabled(hasResult);
    m_exportJson->setEnabled(hasResult);
    if (running) {
        m_progress->setRange(0, 0); // busy until the rows are counted
        m_progress->setFormat(QString());
    } else if (m_progress->maximum() == 0) { // ended before the rows were counted (a failed read)
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
    Q_EMIT runningChanged(running);
}

void RerankBatchPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    m_summary->clear();
}

void RerankBatchPanel::showResult()
{
    const rerank::BatchResult &result = m_runner->result();
    const int models = int(result.models.size());
    QStringList headers = {tr("Row"), tr("Query"), tr("Labels")};
    for (const QString &model : result.models)
        headers << tr("NDCG@%1 %2").arg(result.k).arg(model) << tr("MRR %1").arg(model);
    headers << tr("Problem");
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(result.rows.size()) + 1);
    const auto set = [this](int row, int column, const QString &text) {
        m_table->setItem(row, column, new QTableWidgetItem(text));
    };
    for (int r = 0; r < int(result.rows.size()); ++r) {
        const rerank::BatchRowResult &row = result.rows[size_t(r)];
        set(r, 0, QString::number(row.row + 1));
        set(r, 1, row.query);
        set(r, 2, !row.labelKind ? QStringLiteral("–")
                  : *row.labelKind == rerank::LabelKind::Graded ? tr("graded") : tr("indices"));
        QString problem = row.error;
        for (int m = 0; m < models; ++m) {
            const rerank::BatchModelScore *s = size_t(m) < row.models.size() ? &row.models[size_t(m)] : nullptr;
            set(r, 3 + 2 * m, s ? number(s->ndcg) : QStringLiteral("–"));
            set(r, 4 + 2 * m, s ? number(s->mrr) : QStringLiteral("–"));
            if (s && !s->error.isEmpty())
                problem += (problem.isEmpty() ? QString() : QStringLiteral("; ")) + result.models.at(m) + QStringLiteral(": ") + s->error;
        }
        set(r, 3 + 2 * models, problem.replace(QLatin1Char('\n'), QLatin1Char(' ')));
    }
    const int meanRow = int(result.rows.size());
    set(meanRow, 0, tr("Mean"));
    for (int m = 0; m < models; ++m) {
        set(meanRow, 3 + 2 * m, number(result.meanNdcg(m)));
        set(meanRow, 4 + 2 * m, number(result.meanMrr(m)));
    }
    for (int c = 0; c < m_table->columnCount(); ++c)
        if (QTableWidgetItem *item = m_table->item(meanRow, c)) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    m_table->resizeColumnsToContents();

    QStringList lines;
    lines << (result.cancelled ? tr("Cancelled after %1 of %2 rows.").arg(result.rows.size()).arg(result.totalRows)
                               : tr("%1 rows reranked.").arg(result.totalRows));
    for (int m = 0; m < models; ++m)
        lines << tr("%1: mean NDCG@%2 %3, mean MRR %4 over %5 labelled rows.")
                     .arg(result.models.at(m))
                     .arg(result.k)
                     .arg(number(result.meanNdcg(m)), number(result.meanMrr(m)))
                     .arg(result.scoredRows(m));
    if (result.labelsColumn.isEmpty()) {
        lines << tr("No labels column: rankings only, no metrics.");
    } else {
        const bool graded = result.labelKind == rerank::LabelKind::Graded;
        const bool detected = result.labelMode == rerank::LabelMode::Auto;
        if (!result.labelKind)
            ; // cancelled before the rows were read: nothing was decided
        else if (graded)
            lines << (detected ? tr("Labels read as graded relevance (detected: every row has one label per candidate).")
                               : tr("Labels read as graded relevance (as chosen)."));
        else
            lines << (detected ? tr("Labels read as relevant indices (detected: not every row has one label per candidate).")
                               : tr("Labels read as relevant indices (as chosen)."));
        lines << tr("NDCG gain (2^rel − 1) / log2(rank + 1); MRR counts relevance > 0. Equal scores count "
                    "as the expected value over their orders (tie-aware).");
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

api::Status RerankBatchPanel::exportCsv(const QString &path) const
{
    return rerank::writeBatchCsv(path, m_runner->result());
}

api::Status RerankBatchPanel::exportJson(const QString &path) const
{
    return rerank::writeBatchJson(path, m_runner->result());
}

} // namespace wb::ui
