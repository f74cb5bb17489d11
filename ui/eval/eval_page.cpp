#include "eval_page.h"

#include "benchmark_list_model.h"
#include "eval_job_list_model.h"
#include "eval_job_poller.h"
#include "eval_text.h"
#include "judge_function_dialog.h"
#include "model_picker.h"
#include "register_benchmark_dialog.h"
#include "results/eval_results_view.h"
#include "run_setup_panel.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "common/table_setup.h"

#include "api/async.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace wb::ui {

namespace {
QLabel *errorLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->hide();
    return label;
}
} // namespace

EvalPage::EvalPage(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_benchmarks(new BenchmarkListModel(api, this))
    , m_jobs(new EvalJobListModel(api, this))
    , m_poller(new EvalJobPoller(api, this))
{
    setObjectName(QStringLiteral("evalPage"));
    m_benchmarks->setObjectName(QStringLiteral("benchmarkListModel"));
    m_jobs->setObjectName(QStringLiteral("evalJobListModel"));
    createActions();

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("evalToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_registerAction);
    toolbar->addAction(m_judgeAction);
    toolbar->addAction(m_removeAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);

    m_results = new EvalResultsView(api, this);
    m_results->setObjectName(QStringLiteral("evalResultsView"));

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(createRunsPane());
    right->addWidget(m_results);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 3);
    right->setSizes({200, 600});
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(createBenchmarksPane());
    main->addWidget(createRunPane());
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    main->setStretchFactor(2, 3);
    main->setSizes({300, 340, 760});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(main);

    connect(m_benchmarks, &BenchmarkListModel::loadingChanged, this,
            [this](bool loading) { loading ? m_listBusy->start() : m_listBusy->stop(); });
    connect(m_benchmarks, &BenchmarkListModel::listLoaded, this, &EvalPage::onBenchmarksLoaded);
    connect(m_benchmarks, &BenchmarkListModel::errorOccurred, this, [this](const QString &message) {
        m_listError->setText(message);
        m_listError->show();
    });
    connect(m_benchmarkView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EvalPage::onBenchmarkSelectionChanged);
    connect(m_jobs, &EvalJobListModel::loadingChanged, this,
            [this](bool loading) { loading ? m_jobsBusy->start() : m_jobsBusy->stop(); });
    connect(m_jobs, &EvalJobListModel::listLoaded, this, &EvalPage::onJobsLoaded);
    connect(m_jobs, &EvalJobListModel::errorOccurred, this, [this](const QString &message) {
        m_runsError->setText(message);
        m_runsError->show();
    });
    connect(m_jobView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EvalPage::onJobSelectionChanged);
    connect(m_poller, &EvalJobPoller::jobUpdated, this, &EvalPage::onJobUpdated);
    connect(m_poller, &EvalJobPoller::jobEnded, this, &EvalPage::onJobEnded);
    connect(m_poller, &EvalJobPoller::pollFailed, this, [this](const QString &jobId, const QString &message) {
        if (jobId == m_trackedJobId)
            showRunError(message);
    });

    showProgress(nullptr);
    updateActions();
    m_benchmarks->refresh();
    loadFunctions();
    m_setup->refreshModels();
}

void EvalPage::createActions()
{
    m_registerAction = new QAction(tr("Register…"), this);
    m_registerAction->setObjectName(QStringLiteral("registerBenchmarkAction"));
    m_registerAction->setToolTip(tr("Register a benchmark: a dataset and the scoring functions to grade it with"));
    connect(m_registerAction, &QAction::triggered, this, &EvalPage::openRegisterDialog);

    m_judgeAction = new QAction(tr("New judge function…"), this);
    m_judgeAction->setObjectName(QStringLiteral("newJudgeFunctionAction"));
    m_judgeAction->setToolTip(tr("Register an LLM-as-judge scoring function of your own"));
    connect(m_judgeAction, &QAction::triggered, this, &EvalPage::openJudgeFunctionDialog);

    m_removeAction = new QAction(tr("Remove…"), this);
    m_removeAction->setObjectName(QStringLiteral("removeBenchmarkAction"));
    m_removeAction->setToolTip(tr("Remove the selected benchmark (its runs stay listed)"));
    connect(m_removeAction, &QAction::triggered, this, &EvalPage::askRemoveBenchmark);

    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshBenchmarksAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_wantedSelection = currentBenchmarkId();
        m_listError->hide();
        m_benchmarks->refresh();
        loadFunctions();
        m_setup->refreshModels();
    });
    addAction(m_refreshAction);

    m_deleteRunAction = new QAction(tr("Delete run…"), this);
    m_deleteRunAction->setObjectName(QStringLiteral("deleteRunAction"));
    m_deleteRunAction->setToolTip(tr("Delete the selected run and its results"));
    connect(m_deleteRunAction, &QAction::triggered, this, &EvalPage::askDeleteRun);

    m_refreshRunsAction = new QAction(tr("Refresh runs"), this);
    m_refreshRunsAction->setObjectName(QStringLiteral("refreshRunsAction"));
    connect(m_refreshRunsAction, &QAction::triggered, this, [this] {
        m_wantedJob = currentJobId();
        m_runsError->hide();
        m_jobs->refresh();
    });
}

QWidget *EvalPage::createBenchmarksPane()
{
    auto *pane = new QWidget(this);
    m_listError = errorLabel(QStringLiteral("benchmarkListError"), pane);
    m_benchmarkView = new QTableView(pane);
    m_benchmarkView->setObjectName(QStringLiteral("benchmarkListView"));
    m_benchmarkView->setModel(m_benchmarks);
    setUpRecordList(m_benchmarkView);
    m_benchmarkView->setColumnWidth(BenchmarkListModel::IdColumn, 150);
    m_benchmarkView->setColumnWidth(BenchmarkListModel::DatasetColumn, 150);
    m_listBusy = new BusyOverlay(m_benchmarkView);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_listError);
    layout->addWidget(m_benchmarkView);
    return pane;
}

QWidget *EvalPage::createRunPane()
{
    auto *pane = new QWidget(this);
    m_benchmarkTitle = new QLabel(pane);
    m_benchmarkTitle->setObjectName(QStringLiteral("benchmarkTitle"));
    m_benchmarkTitle->setWordWrap(true);
    m_benchmarkTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_setup = new RunSetupPanel(m_api, pane);
    auto *scroll = new QScrollArea(pane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_setup);

    m_runButton = new QPushButton(tr("Run"), pane);
    m_runButton->setObjectName(QStringLiteral("runEvalButton"));
    m_runButton->setToolTip(tr("Start a background run of the benchmark with this setup"));
    connect(m_runButton, &QPushButton::clicked, this, &EvalPage::startRun);
    m_cancelButton = new QPushButton(tr("Cancel"), pane);
    m_cancelButton->setObjectName(QStringLiteral("cancelEvalButton"));
    m_cancelButton->setToolTip(tr("Stop the run; the rows evaluated so far are kept"));
    connect(m_cancelButton, &QPushButton::clicked, this, &EvalPage::cancelRun);
    m_progress = new QProgressBar(pane);
    m_progress->setObjectName(QStringLiteral("evalProgressBar"));
    m_progressLabel = new QLabel(pane);
    m_progressLabel->setObjectName(QStringLiteral("evalProgressLabel"));
    m_progressLabel->setWordWrap(true);
    m_progressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_runError = errorLabel(QStringLiteral("runErrorLabel"), pane);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_benchmarkTitle);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_runError);
    return pane;
}

QWidget *EvalPage::createRunsPane()
{
    auto *pane = new QWidget(this);
    auto *toolbar = new QToolBar(pane);
    toolbar->setObjectName(QStringLiteral("runsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *title = new QLabel(tr("Runs"), toolbar);
    title->setStyleSheet(QStringLiteral("font-weight: bold; padding-right: 8px;"));
    toolbar->addWidget(title);
    toolbar->addAction(m_deleteRunAction);
    toolbar->addAction(m_refreshRunsAction);
    m_runsError = errorLabel(QStringLiteral("runsErrorLabel"), pane);
    m_jobView = new QTableView(pane);
    m_jobView->setObjectName(QStringLiteral("evalJobListView"));
    m_jobView->setModel(m_jobs);
    setUpRecordList(m_jobView);
    m_jobView->setColumnWidth(EvalJobListModel::StatusColumn, 110);
    m_jobView->setColumnWidth(EvalJobListModel::ModelColumn, 150);
    m_jobView->setColumnWidth(EvalJobListModel::RowsColumn, 90);
    m_jobView->setColumnWidth(EvalJobListModel::MetricColumn, 140);
    m_jobsBusy = new BusyOverlay(m_jobView);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_runsError);
    layout->addWidget(m_jobView);
    return pane;
}

void EvalPage::loadFunctions()
{
    api::onResult(m_api.listScoringFunctions(), this, [this](const api::Result<api::ListScoringFunctionsResponse> &r) {
        if (!r) {
            m_listError->setText(errorMessage(tr("Could not load the scoring functions."), r.error()));
            m_listError->show();
            return;
        }
        m_functions = r->data;
        m_functionsLoaded = true;
        // The setup shows the functions' defaults: build it again now that they are known.
        m_setup->setBenchmark(m_benchmarks->benchmark(currentBenchmarkId()), m_functions);
    });
}

QString EvalPage::currentBenchmarkId() const
{
    const QModelIndexList rows = m_benchmarkView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(BenchmarkListModel::BenchmarkIdRole).toString();
}

void EvalPage::selectBenchmark(const QString &benchmarkId)
{
    const int row = m_benchmarks->rowOf(benchmarkId);
    if (row < 0)
        return;
    m_benchmarkView->selectionModel()->select(m_benchmarks->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_benchmarkView->scrollTo(m_benchmarks->index(row, 0));
}

QString EvalPage::currentJobId() const
{
    const QModelIndexList rows = m_jobView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(EvalJobListModel::JobIdRole).toString();
}

void EvalPage::selectJob(const QString &jobId)
{
    const int row = m_jobs->rowOf(jobId);
    if (row < 0)
        return;
    m_jobView->selectionModel()->select(m_jobs->index(row, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_jobView->scrollTo(m_jobs->index(row, 0));
}

QString EvalPage::progressText() const
{
    return m_progressLabel->text();
}

QString EvalPage::runErrorText() const
{
    return m_runError->isHidden() ? QString() : m_runError->text();
}

QString EvalPage::listErrorText() const
{
    return m_listError->isHidden() ? QString() : m_listError->text();
}

void EvalPage::onBenchmarksLoaded()
{
    m_listError->hide();
    const QString wanted = m_wantedSelection;
    m_wantedSelection.clear();
    if (!wanted.isEmpty() && m_benchmarks->rowOf(wanted) >= 0) {
        selectBenchmark(wanted);
        return;
    }
    if (m_benchmarks->rowCount() > 0) {
        selectBenchmark(m_benchmarks->benchmark(0) ? toQString(m_benchmarks->benchmark(0)->identifier) : QString());
        return;
    }
    onBenchmarkSelectionChanged();
}

void EvalPage::onBenchmarkSelectionChanged()
{
    updateActions();
    const QString id = currentBenchmarkId();
    const api::Benchmark *b = m_benchmarks->benchmark(id);
    if (b) {
        QStringList fns;
        for (const std::string &fn : b->scoring_functions)
            fns << toQString(fn);
        m_benchmarkTitle->setText(tr("<b>%1</b><br>dataset %2 · %3")
                                      .arg(id.toHtmlEscaped(), toQString(b->dataset_id).toHtmlEscaped(),
                                           fns.join(QStringLiteral(", ")).toHtmlEscaped()));
    } else {
        m_benchmarkTitle->setText(m_benchmarks->rowCount() == 0 ? tr("No benchmark registered yet: use Register…")
                                                                : tr("Select a benchmark."));
    }
    if (id == m_jobs->benchmarkId() && !id.isEmpty())
        return; // the same benchmark again (a list reload): keep its runs and progress
    m_setup->setBenchmark(b, m_functions);
    m_poller->clear();
    m_trackedJobId.clear();
    m_runError->hide();
    m_runsError->hide();
    showProgress(nullptr);
    m_shownJobId.clear();
    m_otherRunsShown = 0;
    m_results->showJob(api::EvalJobInfo{});
    m_results->setOtherRuns({});
    m_wantedJob.clear();
    m_jobs->load(b ? id : QString());
}

void EvalPage::onJobsLoaded()
{
    m_runsError->hide();
    const QString benchmarkId = m_jobs->benchmarkId();
    // Follow every run that is still going, wherever it was started (reattach after reconnect).
    const api::EvalJobInfo *newestActive = nullptr;
    for (const api::EvalJobInfo &job : m_jobs->jobs()) {
        if (!isActive(job.status))
            continue;
        m_poller->watch(benchmarkId, toQString(job.job_id));
        if (!newestActive)
            newestActive = &job;
    }
    if (m_trackedJobId.isEmpty() && newestActive)
        track(toQString(newestActive->job_id));
    else if (!m_trackedJobId.isEmpty())
        showProgress(m_jobs->job(m_trackedJobId));

    QString wanted = m_wantedJob;
    m_wantedJob.clear();
    if (wanted.isEmpty() || m_jobs->rowOf(wanted) < 0)
        wanted = !m_shownJobId.isEmpty() && m_jobs->rowOf(m_shownJobId) >= 0 ? m_shownJobId : QString();
    if (wanted.isEmpty() && m_jobs->rowCount() > 0)
        wanted = toQString(m_jobs->job(0)->job_id);
    if (!wanted.isEmpty())
        selectJob(wanted);
    else
        onJobSelectionChanged();
    handOtherRuns();
}

void EvalPage::onJobSelectionChanged()
{
    updateActions();
    const QString id = currentJobId();
    const api::EvalJobInfo *job = m_jobs->job(id);
    if (!job) {
        if (!m_shownJobId.isEmpty() && m_jobs->rowOf(m_shownJobId) < 0) {
            m_shownJobId.clear(); // the shown run is gone (deleted)
            m_results->showJob(api::EvalJobInfo{});
        }
        return;
    }
    if (id != m_shownJobId) {
        m_shownJobId = id;
        m_results->showJob(*job);
    }
    handOtherRuns();
    if (isActive(job->status))
        track(id);
}

void EvalPage::handOtherRuns()
{
    std::vector<api::EvalJobInfo> others;
    for (const api::EvalJobInfo &job : m_jobs->jobs())
        if (toQString(job.job_id) != m_shownJobId)
            others.push_back(job);
    m_otherRunsShown = int(others.size());
    m_results->setOtherRuns(others);
}

void EvalPage::onJobUpdated(const api::EvalJobInfo &job)
{
    m_jobs->updateJob(job);
    if (toQString(job.job_id) == m_trackedJobId)
        showProgress(m_jobs->job(m_trackedJobId) ? m_jobs->job(m_trackedJobId) : &job);
    updateActions();
}

void EvalPage::onJobEnded(const api::EvalJobInfo &)
{
    // The results view follows its own job to the end; the runs it compares with get their
    // final aggregates here.
    handOtherRuns();
}

void EvalPage::track(const QString &jobId)
{
    m_trackedJobId = jobId;
    showProgress(m_jobs->job(jobId));
}

void EvalPage::showProgress(const api::EvalJobInfo *job)
{
    if (!job) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        m_progressLabel->setText(m_trackedJobId.isEmpty() ? tr("No run in progress.") : tr("Starting…"));
        m_cancelButton->setEnabled(false);
        return;
    }
    const bool active = isActive(job->status);
    if (job->rows_total > 0) {
        m_progress->setRange(0, int(std::min<int64_t>(job->rows_total, INT_MAX)));
        m_progress->setValue(int(std::min<int64_t>(job->rows_done, INT_MAX)));
        m_progress->setFormat(tr("%v of %m rows"));
    } else if (active) {
        m_progress->setRange(0, 0); // rows not counted yet: a busy bar
    } else {
        m_progress->setRange(0, 1);
        m_progress->setValue(job->status == api::JobStatus::Completed ? 1 : 0);
        m_progress->setFormat(QString());
    }
    QString text = tr("Run %1 on %2: %3, %4 rows")
                       .arg(toQString(job->job_id), toQString(job->benchmark_config.eval_candidate.model),
                            jobStatusText(job->status), rowsText(*job));
    const QString metric = mainMetricText(*job);
    if (!metric.isEmpty())
        text += QStringLiteral(" \u00B7 ") + metric;
    if (job->error)
        text += QLatin1Char('\n') + toQString(*job->error);
    m_progressLabel->setText(text);
    m_cancelButton->setEnabled(active);
}

void EvalPage::updateActions()
{
    const bool hasBenchmark = !currentBenchmarkId().isEmpty();
    m_removeAction->setEnabled(hasBenchmark);
    m_runButton->setEnabled(hasBenchmark && !m_starting);
    const api::EvalJobInfo *job = m_jobs->job(currentJobId());
    m_deleteRunAction->setEnabled(job && !isActive(job->status));
    m_deleteRunAction->setToolTip(job && isActive(job->status) ? tr("Cancel the run before deleting it")
                                                               : tr("Delete the selected run and its results"));
    m_refreshRunsAction->setEnabled(hasBenchmark);
}

void EvalPage::showRunError(const QString &message)
{
    m_runError->setText(message);
    m_runError->setVisible(!message.isEmpty());
}

bool EvalPage::startRun()
{
    if (m_starting)
        return false;
    auto built = m_setup->buildRequest();
    if (const auto *problem = std::get_if<QString>(&built)) {
        showRunError(*problem);
        return false;
    }
    showRunError(QString());
    const QString benchmarkId = m_setup->benchmarkId();
    auto request = std::get<api::RunEvalRequest>(std::move(built));
    api::EvalJobInfo pending; // what the list shows until the first poll answers
    pending.benchmark_id = toStdString(benchmarkId);
    pending.benchmark_config = request.benchmark_config;
    pending.created_at = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    m_starting = true;
    updateActions();
    api::onResult(m_api.runEval(toStdString(benchmarkId), std::move(request)), this,
                  [this, benchmarkId, pending](const api::Result<api::Job> &r) mutable {
        m_starting = false;
        updateActions();
        if (!r) {
            showRunError(errorMessage(tr("The run did not start."), r.error()));
            return;
        }
        if (benchmarkId != m_jobs->benchmarkId())
            return; // the user moved on; the run shows when they come back
        const QString jobId = toQString(r->job_id);
        pending.job_id = r->job_id;
        pending.status = r->status;
        m_jobs->updateJob(pending);
        m_trackedJobId = jobId;
        selectJob(jobId);
        track(jobId);
        m_poller->watch(benchmarkId, jobId);
    });
    return true;
}

void EvalPage::cancelRun()
{
    const QString jobId = m_trackedJobId;
    const api::EvalJobInfo *job = m_jobs->job(jobId);
    if (!job || !isActive(job->status))
        return;
    const QString benchmarkId = toQString(job->benchmark_id);
    m_cancelButton->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling run %1…").arg(jobId));
    api::onResult(m_api.jobCancel(toStdString(benchmarkId), toStdString(jobId)), this,
                  [this, jobId](const api::Result<void> &r) {
        if (!r) {
            showRunError(errorMessage(tr("Could not cancel run %1.").arg(jobId), r.error()));
            if (jobId == m_trackedJobId)
                showProgress(m_jobs->job(jobId));
        }
        // The poller sees the job end as "cancelled".
    });
}

void EvalPage::preselectCandidateModel(const QString &modelId)
{
    m_setup->modelPicker()->setModelId(modelId); // kept by the reload that follows
    m_setup->refreshModels();
}

RegisterBenchmarkDialog *EvalPage::openRegisterDialog()
{
    auto *dialog = new RegisterBenchmarkDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterBenchmarkDialog::benchmarkRegistered, this, [this](const QString &id) {
        m_wantedSelection = id;
        m_benchmarks->refresh();
    });
    connect(dialog, &RegisterBenchmarkDialog::functionRegistered, this, &EvalPage::loadFunctions);
    dialog->open();
    return dialog;
}

JudgeFunctionDialog *EvalPage::openJudgeFunctionDialog()
{
    auto *dialog = new JudgeFunctionDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JudgeFunctionDialog::functionRegistered, this, &EvalPage::loadFunctions);
    dialog->open();
    return dialog;
}

void EvalPage::askRemoveBenchmark()
{
    const QString id = currentBenchmarkId();
    if (id.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Benchmark"),
                                tr("Remove the benchmark “%1”? Its running jobs are cancelled; finished runs "
                                   "and the dataset stay.").arg(id),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeBenchmarkConfirmation"));
    auto *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() != remove)
            return;
        api::onResult(m_api.unregisterBenchmark(toStdString(id)), this, [this, id](const api::Result<void> &r) {
            if (!r)
                showError(this, tr("Could not remove %1.").arg(id), r.error());
            m_benchmarks->refresh();
        });
    });
    box->open();
}

void EvalPage::askDeleteRun()
{
    const api::EvalJobInfo *job = m_jobs->job(currentJobId());
    if (!job || isActive(job->status))
        return;
    const QString jobId = toQString(job->job_id);
    const QString benchmarkId = toQString(job->benchmark_id);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Run"),
                                tr("Delete run %1 (%2, %3) and all its scored rows?")
                                    .arg(jobId, toQString(job->benchmark_config.eval_candidate.model),
                                         jobStatusText(job->status)),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteRunConfirmation"));
    auto *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, jobId, benchmarkId] {
        if (box->clickedButton() != remove)
            return;
        api::onResult(m_api.deleteEvalJob(toStdString(benchmarkId), toStdString(jobId)), this,
                      [this, jobId](const api::Result<void> &r) {
            if (!r)
                showError(this, tr("Could not delete run %1.").arg(jobId), r.error());
            if (jobId == m_trackedJobId) {
                m_trackedJobId.clear();
                showProgress(nullptr);
            }
            m_jobs->refresh();
        });
    });
    box->open();
}

} // namespace wb::ui
