#include "eval_results_view.h"

#include "eval_compare.h"
#include "eval_results_text.h"
#include "eval_row_detail.h"
#include "eval_rows_filter.h"
#include "eval_rows_model.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "common/table_setup.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace wb::ui {

namespace {

constexpr int kSearchDebounceMs = 250;
constexpr int kCompareDebounceMs = 200;

QString runLabel(const api::EvalJobInfo &job)
{
    QStringList parts{toQString(job.job_id)};
    if (!job.benchmark_config.eval_candidate.model.empty())
        parts << toQString(job.benchmark_config.eval_candidate.model);
    if (!job.created_at.empty())
        parts << toQString(job.created_at);
    parts << QString::fromLatin1(api::enumName(job.status));
    return parts.join(QStringLiteral(" · "));
}

QString pValueText(double p)
{
    return p < 0.0001 ? QStringLiteral("< 0.0001") : QString::number(p, 'f', 4);
}

} // namespace

EvalResultsView::EvalResultsView(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_rows(new EvalRowsModel(api, this))
    , m_filter(new EvalRowsFilterModel(this))
    , m_otherRows(new EvalRowsModel(api, this))
    , m_compare(new EvalCompareModel(this))
    , m_compareFilter(new EvalCompareFilterModel(this))
    , m_summary(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_show(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_searchDebounce(new QTimer(this))
    , m_compareWith(new QComboBox(this))
    , m_export(new QToolButton(this))
    , m_exportStatus(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_compareSummary(new QLabel(this))
    , m_compareCategory(new QComboBox(this))
    , m_compareTable(new QTableView(this))
    , m_compareDebounce(new QTimer(this))
    , m_detail(new EvalRowDetail(this))
{
    setObjectName(QStringLiteral("evalResultsView"));
    m_summary->setObjectName(QStringLiteral("evalResultsSummary"));
    m_metrics->setObjectName(QStringLiteral("evalResultsMetrics"));
    m_show->setObjectName(QStringLiteral("evalResultsShow"));
    m_search->setObjectName(QStringLiteral("evalResultsSearch"));
    m_compareWith->setObjectName(QStringLiteral("evalResultsCompareWith"));
    m_export->setObjectName(QStringLiteral("evalResultsExport"));
    m_table->setObjectName(QStringLiteral("evalResultsTable"));
    m_compareSummary->setObjectName(QStringLiteral("evalCompareSummary"));
    m_compareCategory->setObjectName(QStringLiteral("evalCompareCategory"));
    m_compareTable->setObjectName(QStringLiteral("evalCompareTable"));

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metrics->setWordWrap(true);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compareSummary->setWordWrap(true);
    m_compareSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter->setRowsModel(m_rows);
    m_table->setModel(m_filter);
    setUpRecordList(m_table);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EvalRowsModel::IndexColumn, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(160);

    m_compareFilter->setSourceModel(m_compare);
    m_compareTable->setModel(m_compareFilter);
    setUpRecordList(m_compareTable);
    m_compareTable->horizontalHeader()->setDefaultSectionSize(140);

    for (const QString &text : {tr("All"), tr("Failures"), tr("Passes"), tr("Errors")})
        m_show->addItem(text);
    m_search->setPlaceholderText(tr("Search input, expected, generated"));
    m_search->setClearButtonEnabled(true);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(kSearchDebounceMs);
    m_compareDebounce->setSingleShot(true);
    m_compareDebounce->setInterval(kCompareDebounceMs);
    m_compareWith->addItem(tr("No comparison"));
    m_compareWith->setEnabled(false);
    m_compareWith->setToolTip(tr("Compare row by row with another run of the same benchmark"));
    for (const QString &text : {tr("All pairs"), tr("Regressions"), tr("Improvements"), tr("Both pass"),
                                tr("Both fail")})
        m_compareCategory->addItem(text);

    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("All rows as CSV…"), this, [this] { chooseExport(EvalExportFormat::Csv, false); });
    exportMenu->addAction(tr("All rows as JSON…"), this, [this] { chooseExport(EvalExportFormat::Json, false); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Shown rows as CSV…"), this, [this] { chooseExport(EvalExportFormat::Csv, true); });
    exportMenu->addAction(tr("Shown rows as JSON…"), this, [this] { chooseExport(EvalExportFormat::Json, true); });
    m_export->setMenu(exportMenu);
    m_export->setEnabled(false);

    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Show:"), this));
    tools->addWidget(m_show);
    tools->addWidget(m_search, 1);
    tools->addWidget(new QLabel(tr("Compare with:"), this));
    tools->addWidget(m_compareWith, 1);
    tools->addWidget(m_export);
    tools->addWidget(m_exportStatus);

    auto *comparePage = new QWidget(this);
    auto *compareLayout = new QVBoxLayout(comparePage);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    auto *compareTools = new QHBoxLayout;
    compareTools->addWidget(m_compareSummary, 1);
    compareTools->addWidget(m_compareCategory);
    compareLayout->addLayout(compareTools);
    compareLayout->addWidget(m_compareTable, 1);

    m_stack->addWidget(m_table);
    m_stack->addWidget(comparePage);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_metrics);
    layout->addLayout(tools);
    layout->addWidget(splitter, 1);

    connect(m_rows, &EvalRowsModel::jobInfoChanged, this, &EvalResultsView::updateHeader);
    connect(m_rows, &EvalRowsModel::rowsChanged, this, [this] {
        updateCounts();
        updateColumns();
        scheduleComparison();
    });
    connect(m_rows, &EvalRowsModel::errorOccurred, this, [this](const QString &message) {
        m_exportStatus->setText(message.section(QLatin1Char('\n'), 0, 0));
        m_exportStatus->setToolTip(message);
    });
    connect(m_otherRows, &EvalRowsModel::rowsChanged, this, &EvalResultsView::scheduleComparison);
    connect(m_otherRows, &EvalRowsModel::loadingFinished, this, &EvalResultsView::scheduleComparison);
    connect(m_compareDebounce, &QTimer::timeout, this, &EvalResultsView::computeComparison);

    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setShow(EvalRowsFilterModel::Show(std::max(0, i)));
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, [this] { m_filter->setSearchText(m_search->text()); });
    connect(m_compareWith, &QComboBox::currentIndexChanged, this, [this](int i) {
        compareWith(i <= 0 || i > int(m_otherRuns.size()) ? std::string() : m_otherRuns[size_t(i - 1)].job_id);
    });
    connect(m_compareCategory, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_compareFilter->setCategory(i <= 0 ? std::nullopt : std::optional<PairCategory>(PairCategory(i - 1)));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EvalResultsView::showCurrentRow);
    connect(m_compareTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EvalResultsView::showCurrentPair);

    updateHeader();
    updateCounts();
    updateColumns();
}

EvalResultsView::~EvalResultsView() = default;

void EvalResultsView::showJob(const api::EvalJobInfo &job)
{
    // The comparison points into both row tables: drop it before either is reset.
    compareWith({});
    m_detail->clear();
    m_rows->setJob(job);
    m_export->setEnabled(!job.job_id.empty());
    m_exportStatus->clear();
    setOtherRuns(std::vector<api::EvalJobInfo>(m_allRuns)); // the same benchmark's, for this job
}

void EvalResultsView::setOtherRuns(const std::vector<api::EvalJobInfo> &jobs)
{
    m_allRuns = jobs;
    const api::EvalJobInfo &shown = m_rows->job();
    const std::string current = m_otherRows->job().job_id;
    std::vector<api::EvalJobInfo> runs;
    for (const api::EvalJobInfo &job : jobs)
        if (!shown.job_id.empty() && job.job_id != shown.job_id && job.benchmark_id == shown.benchmark_id)
            runs.push_back(job);
    QSignalBlocker block(m_compareWith);
    m_otherRuns = runs;
    m_compareWith->clear();
    m_compareWith->addItem(tr("No comparison"));
    int selected = 0;
    for (size_t i = 0; i < m_otherRuns.size(); ++i) {
        m_compareWith->addItem(runLabel(m_otherRuns[i]));
        if (m_otherRuns[i].job_id == current && isComparing())
            selected = int(i) + 1;
    }
    m_compareWith->setCurrentIndex(selected);
    m_compareWith->setEnabled(!m_otherRuns.empty());
    if (selected == 0 && isComparing())
        compareWith({});
}

bool EvalResultsView::isComparing() const
{
    return m_stack->currentIndex() == 1;
}

void EvalResultsView::compareWith(const std::string &jobId)
{
    m_compareDebounce->stop();
    m_compare->clear();
    const auto run = std::find_if(m_otherRuns.begin(), m_otherRuns.end(),
                                  [&](const api::EvalJobInfo &j) { return j.job_id == jobId; });
    if (jobId.empty() || run == m_otherRuns.end()) {
        m_otherRows->setJob({});
        m_stack->setCurrentIndex(0);
        QSignalBlocker block(m_compareWith);
        m_compareWith->setCurrentIndex(0);
        return;
    }
    {
        QSignalBlocker block(m_compareWith);
        m_compareWith->setCurrentIndex(int(run - m_otherRuns.begin()) + 1);
    }
    m_compareSummary->setText(tr("Loading the rows of %1…").arg(toQString(jobId)));
    m_stack->setCurrentIndex(1);
    m_otherRows->setJob(*run);
}

void EvalResultsView::scheduleComparison()
{
    if (isComparing())
        m_compareDebounce->start();
}

void EvalResultsView::computeComparison()
{
    if (!isComparing())
        return;
    // The older run is the base, so "regression" always means "got worse over time".
    const api::EvalJobInfo &shown = m_rows->job();
    const api::EvalJobInfo &other = m_otherRows->job();
    const bool otherIsBase = other.created_at <= shown.created_at;
    const EvalRowsModel *base = otherIsBase ? m_otherRows : m_rows;
    const EvalRowsModel *changed = otherIsBase ? m_rows : m_otherRows;
    RunComparison comparison = compareRuns(base->table(), changed->table());

    const McNemarResult &m = comparison.mcnemar;
    const QString test = m.test == McNemarResult::Test::Exact
                             ? tr("exact binomial test")
                             : tr("chi-square with continuity correction, χ² = %1").arg(m.statistic, 0, 'f', 3);
    QString text = tr("%1 → %2: %3 regressions, %4 improvements, %5 both pass, %6 both fail")
                       .arg(toQString(base->job().job_id), toQString(changed->job().job_id))
                       .arg(comparison.regressions)
                       .arg(comparison.improvements)
                       .arg(comparison.bothPass)
                       .arg(comparison.bothFail);
    if (comparison.unpaired > 0)
        text += tr(" (%1 rows without a pair)").arg(comparison.unpaired);
    text += QLatin1Char('\n')
          + tr("McNemar's test: p = %1 (%2)").arg(pValueText(m.pValue), test);
    if (base->isLoading() || changed->isLoading())
        text += QLatin1Char('\n') + tr("Still loading rows; the comparison updates as they arrive.");
    m_compareSummary->setText(text);
    m_compare->setComparison(&base->table(), &changed->table(), std::move(comparison),
                             toQString(base->job().job_id), toQString(changed->job().job_id));
    Q_EMIT comparisonUpdated();
}

void EvalResultsView::updateHeader()
{
    const api::EvalJobInfo &job = m_rows->job();
    if (job.job_id.empty()) {
        m_summary->setText(tr("No run selected."));
        m_metrics->clear();
        return;
    }
    m_summary->setText(tr("Run %1 of %2: %3")
                           .arg(toQString(job.job_id), toQString(job.benchmark_id),
                                jobSummary(job, QDateTime::currentDateTimeUtc())));
    const QStringList lines = aggregateLines(job);
    m_metrics->setText(lines.isEmpty() ? (isJobFinished(job.status) ? tr("No aggregate metrics.")
                                                                     : tr("Metrics appear when the run ends."))
                                       : lines.join(QLatin1Char('\n')));
}

void EvalResultsView::updateCounts()
{
    const EvalRowTable &table = m_rows->table();
    const int64_t fails = table.count(RowOutcome::Fail);
    const int64_t passes = table.count(RowOutcome::Pass);
    const int64_t errors = table.count(RowOutcome::Error);
    m_show->setItemText(0, tr("All (%1)").arg(table.size()));
    m_show->setItemText(1, tr("Failures (%1)").arg(fails));
    m_show->setItemText(2, tr("Passes (%1)").arg(passes));
    m_show->setItemText(3, tr("Errors (%1)").arg(errors));
}

void EvalResultsView::updateColumns()
{
    const EvalRowTable &table = m_rows->table();
    m_table->setColumnHidden(EvalRowsModel::ExtractedColumn, !table.hasExtracted());
    m_table->setColumnHidden(m_rows->feedbackColumn(), !table.hasFeedback());
    m_table->setColumnHidden(m_rows->errorColumn(), table.count(RowOutcome::Error) == 0);
    m_table->horizontalHeader()->resizeSection(EvalRowsModel::IndexColumn, 60);
    m_table->horizontalHeader()->resizeSection(EvalRowsModel::ResultColumn, 60);
    for (size_t f = 0; f < table.functions().size(); ++f)
        m_table->horizontalHeader()->resizeSection(m_rows->scoreColumn(f), 110);
}

void EvalResultsView::showCurrentRow()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const size_t row = size_t(m_filter->mapToSource(current).row());
    m_detail->setRow(m_rows->table().entry(row), m_rows->table().outcome(row));
}

void EvalResultsView::showCurrentPair()
{
    const QModelIndex current = m_compareTable->currentIndex();
    if (!current.isValid())
        return;
    // The shown run's row; its counterpart's answer and scores are in the compare table.
    const int64_t index = current.siblingAtColumn(EvalCompareModel::IndexColumn).data().toLongLong();
    const int64_t position = m_rows->table().positionOf(index);
    if (position >= 0)
        m_detail->setRow(m_rows->table().entry(size_t(position)), m_rows->table().outcome(size_t(position)));
}

void EvalResultsView::chooseExport(EvalExportFormat format, bool filteredOnly)
{
    const bool csv = format == EvalExportFormat::Csv;
    const QString suggested = toQString(m_rows->job().benchmark_id + "-" + m_rows->job().job_id)
                                  .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"))
                            + (csv ? QStringLiteral(".csv") : QStringLiteral(".json"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export results"), suggested, csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportTo(path, format, filteredOnly);
}

void EvalResultsView::exportTo(const QString &path, EvalExportFormat format, bool filteredOnly)
{
    // The snapshot shares the row entries (no copy of the rows) and is immutable, so the worker
    // can write it while the job keeps adding rows here.
    std::vector<size_t> positions;
    if (filteredOnly)
        positions = m_filter->visiblePositions();
    EvalExportSnapshot snapshot = makeExportSnapshot(m_rows->job(), m_rows->table(),
                                                     filteredOnly ? &positions : nullptr);
    const size_t rows = snapshot.rows.size();
    ++m_exportsRunning;
    m_exportStatus->setText(tr("Exporting %1 rows…").arg(rows));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, rows] {
        const QString error = watcher->result();
        watcher->deleteLater();
        --m_exportsRunning;
        if (error.isEmpty())
            m_exportStatus->setText(tr("Exported %1 rows to %2.").arg(rows).arg(QDir::toNativeSeparators(path)));
        else
            m_exportStatus->setText(error);
        Q_EMIT exportFinished(error.isEmpty(), error);
    });
    watcher->setFuture(QtConcurrent::run([path, format, snapshot = std::move(snapshot)] {
        return exportEvalResults(path, format, snapshot);
    }));
}

} // namespace wb::ui
