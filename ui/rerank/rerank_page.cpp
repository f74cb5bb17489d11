#include "rerank_page.h"

#include "rerank_batch_panel.h"
#include "rerank_export.h"
#include "rerank_items_editor.h"
#include "rerank_results_model.h"
#include "score_bar_delegate.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "common/table_setup.h"
#include "eval/model_picker.h"

#include "api/async.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace wb::ui {

namespace {

QTableView *resultsTable(RerankResultsModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    setUpRecordList(view);
    view->setItemDelegateForColumn(RerankResultsModel::ScoreColumn,
                                   new ScoreBarDelegate(RerankResultsModel::BarRole, view));
    // Narrow number columns so two tables side by side still show the items' text.
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RerankResultsModel::ScoreColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(RerankResultsModel::VsOtherColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(RerankResultsModel::ItemColumn, QHeaderView::Stretch);
    view->setColumnWidth(RerankResultsModel::ScoreColumn, 95);
    view->setColumnWidth(RerankResultsModel::VsOtherColumn, 70);
    return view;
}

} // namespace

RerankPage::RerankPage(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_model(new ModelPicker(api, this, ModelPicker::Scope::RerankOnly))
    , m_compareModel(new ModelPicker(api, this, ModelPicker::Scope::RerankOnly))
    , m_compare(new QCheckBox(tr("Compare with"), this))
    , m_topN(new QSpinBox(this))
    , m_run(new QPushButton(tr("Rerank"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_tabs(new QTabWidget(this))
    , m_editor(new RerankItemsEditor(this))
    , m_results(new RerankResultsModel(this))
    , m_compareResults(new RerankResultsModel(this))
    , m_resultsView(nullptr)
    , m_compareView(nullptr)
    , m_resultsArea(new QWidget(this))
    , m_scaleLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
    , m_exportCsv(new QPushButton(tr("Export CSV…"), this))
    , m_exportJson(new QPushButton(tr("Export JSON…"), this))
    , m_busy(nullptr)
    , m_batch(new RerankBatchPanel(api, [this] { return chosenModels(); }, this))
{
    m_model->setObjectName(QStringLiteral("rerankModel"));
    m_model->setRememberKey(QStringLiteral("rerank/model"));
    m_model->setHint(tr("A rerank model: bm25, llm-rerank/<model>, embedding-rerank/<model> or a registered one."));
    m_compareModel->setObjectName(QStringLiteral("rerankCompareModel"));
    m_compareModel->setRememberKey(QStringLiteral("rerank/compareModel"));
    m_compareModel->setEnabled(false);
    m_compare->setToolTip(tr("Rank the same items with a second model and show both side by side."));
    m_topN->setRange(0, 100000);
    m_topN->setSpecialValueText(tr("all"));
    m_topN->setPrefix(tr("top "));
    m_topN->setToolTip(tr("max_num_results: how many of the best items to return (all by default)."));
    m_run->setDefault(true);
    m_run->setToolTip(tr("Rerank the items (Enter in the query, or Ctrl+Enter)"));
    m_cancelButton->setEnabled(false);
    m_exportCsv->setEnabled(false);
    m_exportJson->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model"), this));
    top->addWidget(m_model, 1);
    top->addWidget(m_compare);
    top->addWidget(m_compareModel, 1);
    top->addWidget(m_topN);
    top->addWidget(m_run);
    top->addWidget(m_cancelButton);

    m_resultsView = resultsTable(m_results, m_resultsArea, QStringLiteral("rerankResults"));
    m_compareView = resultsTable(m_compareResults, m_resultsArea, QStringLiteral("rerankCompareResults"));
    m_resultsView->setColumnHidden(RerankResultsModel::VsOtherColumn, true);
    m_tables = new QSplitter(Qt::Horizontal, m_resultsArea);
    m_caption = new QLabel(m_resultsArea);
    m_compareCaption = new QLabel(m_resultsArea);
    for (auto [caption, view] : {std::pair{m_caption, m_resultsView}, std::pair{m_compareCaption, m_compareView}}) {
        // Each table under its model's name; the pane hides with its table.
        auto *pane = new QWidget(m_tables);
        auto *paneLayout = new QVBoxLayout(pane);
        paneLayout->setContentsMargins(0, 0, 0, 0);
        QFont bold = caption->font();
        bold.setBold(true);
        caption->setFont(bold);
        paneLayout->addWidget(caption);
        paneLayout->addWidget(view, 1);
        m_tables->addWidget(pane);
    }
    m_tables->setChildrenCollapsible(false);
    m_compareView->parentWidget()->hide();

    m_scaleLabel->setObjectName(QStringLiteral("rerankScaleLabel"));
    m_scaleLabel->setWordWrap(false); // one short line per model; a wrapped label gets squeezed
    m_status->setObjectName(QStringLiteral("rerankStatus"));
    m_status->setText(tr("Enter a query and the items to rank, then Rerank."));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("rerankError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *exports = new QHBoxLayout;
    exports->addWidget(m_status, 1);
    exports->addWidget(m_exportCsv);
    exports->addWidget(m_exportJson);

    auto *resultsLayout = new QVBoxLayout(m_resultsArea);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_error);
    resultsLayout->addWidget(m_scaleLabel);
    resultsLayout->addWidget(m_tables, 1);
    resultsLayout->addLayout(exports);
    m_busy = new BusyOverlay(m_resultsArea);
    m_busy->setText(tr("Reranking…"));

    m_inputSplit = new QSplitter(Qt::Horizontal, this);
    m_inputSplit->addWidget(m_editor);
    m_inputSplit->addWidget(m_resultsArea);
    m_inputSplit->setStretchFactor(0, 2);
    m_inputSplit->setStretchFactor(1, 3);
    m_tabs->addTab(m_inputSplit, tr("Single query"));
    m_tabs->addTab(m_batch, tr("Batch over a dataset"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (m_tabs->currentWidget() == m_batch)
                m_batch->run();
            else
                run();
        });
    }
    connect(m_editor, &RerankItemsEditor::runRequested, this, &RerankPage::run);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (onBatchTab())
            m_batch->run();
        else
            run();
    });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (onBatchTab())
            m_batch->runner()->cancel();
        else
            cancel();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &RerankPage::updateButtons);
    connect(m_batch, &RerankBatchPanel::runningChanged, this, &RerankPage::updateButtons);
    connect(m_compare, &QCheckBox::toggled, m_compareModel, &QWidget::setEnabled);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export rerank results"), QString(), tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        if (const api::Status s = exportCsv(path); !s)
            ui::showError(this, tr("Could not export the results."), s.error());
    });
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export rerank results"), QString(), tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        if (const api::Status s = exportJson(path); !s)
            ui::showError(this, tr("Could not export the results."), s.error());
    });

    refresh();
}

void RerankPage::refresh()
{
    m_model->refresh();
    m_compareModel->refresh();
    m_batch->refresh();
}

void RerankPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous())
        refresh();
}

QStringList RerankPage::chosenModels() const
{
    QStringList models{m_model->modelId()};
    if (m_compare->isChecked() && !m_compareModel->modelId().isEmpty())
        models << m_compareModel->modelId();
    return models;
}

void RerankPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void RerankPage::run()
{
    if (isRunning())
        return;
    const QStringList models = chosenModels();
    QString problem;
    QString itemsError;
    const QStringList items = m_editor->items(&itemsError);
    if (models.front().isEmpty())
        problem = tr("Choose a rerank model.");
    else if (m_compare->isChecked() && m_compareModel->modelId().isEmpty())
        problem = tr("Choose the model to compare with, or untick \"Compare with\".");
    else if (m_editor->query().trimmed().isEmpty())
        problem = tr("Enter a query.");
    else if (!itemsError.isEmpty())
        problem = itemsError;
    else if (items.isEmpty())
        problem = tr("Add at least one item to rank.");
    if (!problem.isEmpty())
        return showError(problem);
    showError(QString());
    m_model->rememberChoice();
    if (models.size() > 1)
        m_compareModel->rememberChoice();

    api::RerankRequest request;
    request.query = toStdString(m_editor->query());
    for (const QString &item : items)
        request.items.emplace_back(toStdString(item));
    if (m_topN->value() > 0)
        request.max_num_results = m_topN->value();

    const int generation = ++m_generation;
    m_cancel = api::CancelToken();
    m_running.assign(size_t(models.size()), {});
    m_runErrors.assign(size_t(models.size()), {});
    m_pending = int(models.size());
    setRunning(true);
    m_status->setText(tr("Reranking %n item(s)…", nullptr, int(items.size())));
    for (int i = 0; i < models.size(); ++i) {
        rerank::RerankOutcome &outcome = m_running[size_t(i)];
        outcome.model = models.at(i);
        outcome.query = m_editor->query();
        outcome.items = items;
        const ModelInfo *info = m_model->info(outcome.model) ? m_model->info(outcome.model)
                                                             : m_compareModel->info(outcome.model);
        if (info && info->metadata.contains("score") && info->metadata["score"].is_string())
            outcome.scoreMeaning = toQString(info->metadata["score"].get<std::string>());
        request.model = toStdString(outcome.model);
        api::onResult(m_api.rerank(request, m_cancel), this,
                      [this, generation, i](const api::Result<api::RerankResponse> &r) {
            if (generation != m_generation)
                return; // cancelled, or a newer run
            rerank::RerankOutcome &outcome = m_running[size_t(i)];
            if (r) {
                outcome.response = *r;
                // Every in-process reranker answers in [0, 1] (rerank_models.h); others are judged
                // by their answer.
                const ModelInfo *info = m_model->info(outcome.model) ? m_model->info(outcome.model)
                                                                     : m_compareModel->info(outcome.model);
                outcome.scale = rerank::barScale(*r, info && info->isLocal());
            } else {
                m_runErrors[size_t(i)] = errorMessage(tr("Could not rerank with %1.").arg(outcome.model), r.error());
            }
            if (--m_pending == 0)
                finishRun();
        });
    }
}

void RerankPage::cancel()
{
    if (!isRunning())
        return;
    m_cancel.cancel();
    ++m_generation; // a late answer is dropped; the inputs and the last results stay
    m_pending = 0;
    setRunning(false);
    m_status->setText(tr("Cancelled."));
    Q_EMIT runFinished();
}

bool RerankPage::onBatchTab() const
{
    return m_tabs->currentWidget() == m_batch;
}

void RerankPage::updateButtons()
{
    const bool running = onBatchTab() ? m_batch->runner()->isRunning() : isRunning();
    m_run->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_run->setToolTip(onBatchTab() ? tr("Run the batch over the dataset (Ctrl+Enter)")
                                   : tr("Rerank the items (Enter in the query, or Ctrl+Enter)"));
}

void RerankPage::setRunning(bool running)
{
    updateButtons();
    if (running)
        m_busy->start();
    else if (m_busy->isBusy())
        m_busy->stop();
}

void RerankPage::finishRun()
{
    setRunning(false);
    QStringList errors;
    std::vector<rerank::RerankOutcome> answered;
    for (size_t i = 0; i < m_running.size(); ++i) {
        if (!m_runErrors[i].isEmpty())
            errors << m_runErrors[i];
        else
            answered.push_back(m_running[i]);
    }
    showError(errors.join(QStringLiteral("\n\n")));
    if (!answered.empty()) {
        m_outcomes = std::move(answered);
        showOutcomes();
    } else {
        m_status->setText(m_outcomes.empty() ? tr("No results.")
                                             : tr("No new results: the table shows the last run's."));
    }
    m_running.clear();
    Q_EMIT runFinished();
}

void RerankPage::showOutcomes()
{
    const bool two = m_outcomes.size() == 2;
    m_results->setOutcome(m_outcomes.front());
    if (two) {
        m_compareResults->setOutcome(m_outcomes[1]);
        m_results->setOther(m_outcomes[1]);
        m_compareResults->setOther(m_outcomes[0]);
    } else {
        m_compareResults->clear();
    }
    QWidget *comparePane = m_compareView->parentWidget();
    m_caption->setText(m_outcomes.front().model);
    m_compareCaption->setText(two ? m_outcomes[1].model : QString());
    if (two && comparePane->isHidden()) {
        comparePane->show();
        // A pane shown after the splitter was laid out starts at zero width: share it evenly.
        // Two tables need the room more than the items do.
        const int total = m_inputSplit->width();
        m_inputSplit->setSizes({total / 4, total - total / 4});
        const int half = std::max(m_inputSplit->sizes().value(1) / 2, 1);
        m_tables->setSizes({half, half});
    } else if (!two) {
        comparePane->hide();
    }
    m_resultsView->setColumnHidden(RerankResultsModel::VsOtherColumn, !two);
    m_compareView->setColumnHidden(RerankResultsModel::VsOtherColumn, !two);

    // One short line per model; what its score means (a long sentence) is the tooltip.
    QStringList lines;
    QStringList meanings;
    for (const rerank::RerankOutcome &o : m_outcomes) {
        lines << (o.scale == rerank::ScoreScale::Raw
                      ? tr("%1: the bar shows the raw score (in [0, 1]).").arg(o.model)
                      : tr("%1: the bar shows sigmoid(raw); the raw scores are outside [0, 1].").arg(o.model));
        if (!o.scoreMeaning.isEmpty())
            meanings << tr("%1 score: %2").arg(o.model, o.scoreMeaning);
    }
    m_scaleLabel->setText(lines.join(QLatin1Char('\n')));
    m_scaleLabel->setToolTip(meanings.join(QLatin1Char('\n')));
    const rerank::RerankOutcome &first = m_outcomes.front();
    m_status->setText(tr("%1 of %2 items ranked.").arg(first.response.data.size()).arg(first.items.size()));
    m_exportCsv->setEnabled(true);
    m_exportJson->setEnabled(true);
}

api::Status RerankPage::exportCsv(const QString &path) const
{
    return rerank::writeResultsCsv(path, m_outcomes);
}

api::Status RerankPage::exportJson(const QString &path) const
{
    return rerank::writeResultsJson(path, m_outcomes);
}

} // namespace wb::ui
