#include "training_page.h"

#include "checkpoint_table_model.h"
#include "loss_chart.h"
#include "training_form.h"
#include "training_job_follower.h"
#include "training_job_list_model.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "common/table_setup.h"
#include "eval/eval_text.h"

#include "api/async.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

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

QString bytesText(double bytes)
{
    return QLocale().formattedDataSize(qint64(bytes));
}
} // namespace

TrainingPage::TrainingPage(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_jobs(new TrainingJobListModel(api, this))
    , m_follower(new TrainingJobFollower(api, this))
    , m_checkpoints(new CheckpointTableModel(this))
    , m_listTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("trainingPage"));
    m_jobs->setObjectName(QStringLiteral("trainingJobListModel"));
    m_follower->setPaused(true); // until the page is shown
    createActions();

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("trainingToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_loadPresetAction);
    toolbar->addAction(m_savePresetAction);
    toolbar->addAction(m_exampleAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);

    m_chart = new LossChart(this);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(createJobsPane());
    right->addWidget(m_chart);
    right->addWidget(createCheckpointsPane());
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 3);
    right->setStretchFactor(2, 1);
    right->setSizes({180, 460, 160});
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(createFormPane());
    main->addWidget(right);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    main->setSizes({380, 1020}); // the form at about its narrowest, the charts get the rest

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(main);

    connect(m_jobs, &TrainingJobListModel::loadingChanged, this,
            [this](bool loading) { loading ? m_jobsBusy->start() : m_jobsBusy->stop(); });
    connect(m_jobs, &TrainingJobListModel::listLoaded, this, &TrainingPage::onJobsLoaded);
    connect(m_jobs, &TrainingJobListModel::errorOccurred, this, [this](const QString &message) {
        m_listError->setText(message);
        m_listError->show();
    });
    connect(m_jobView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrainingPage::onJobSelectionChanged);
    connect(m_checkpointView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrainingPage::updateActions);
    connect(m_follower, &TrainingJobFollower::jobUpdated, this, &TrainingPage::onJobUpdated);
    connect(m_follower, &TrainingJobFollower::metricsArrived, m_chart, &LossChart::appendMetrics);
    connect(m_follower, &TrainingJobFollower::jobEnded, this, [this] { m_jobs->refresh(); });
    connect(m_follower, &TrainingJobFollower::pollFailed, this, [this](const QString &jobId, const QString &message) {
        if (jobId == currentJobId())
            showJobError(message);
    });
    connect(m_form, &TrainingForm::problemChanged, this, [this] { updateActions(); });

    // The other running jobs' rows (the follower only reads the selected one).
    m_listTimer->setInterval(4000);
    connect(m_listTimer, &QTimer::timeout, this, [this] {
        if (m_jobs->hasActiveJob() && !m_jobs->isLoading())
            m_jobs->refresh();
    });

    showJobDetail(nullptr);
    updateActions();
    m_jobs->refresh();
    m_form->refreshPickers();
}

QString TrainingPage::bundledExamplePath()
{
    return QStringLiteral(":/starter/finetune-capitals.json");
}

void TrainingPage::createActions()
{
    m_loadPresetAction = new QAction(tr("Load preset…"), this);
    m_loadPresetAction->setObjectName(QStringLiteral("loadPresetAction"));
    m_loadPresetAction->setToolTip(tr("Fill the form from a preset (a training request saved as JSON)"));
    connect(m_loadPresetAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load preset"), QString(),
                                                          tr("Training presets (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        if (const QString error = m_form->loadPreset(path); !error.isEmpty())
            showError(this, error);
    });

    m_savePresetAction = new QAction(tr("Save preset…"), this);
    m_savePresetAction->setObjectName(QStringLiteral("savePresetAction"));
    m_savePresetAction->setToolTip(tr("Save the form as a preset (JSON, without the job id)"));
    connect(m_savePresetAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save preset"), QStringLiteral("training-preset.json"),
                                                          tr("Training presets (*.json)"));
        if (path.isEmpty())
            return;
        if (const QString error = m_form->savePreset(path); !error.isEmpty())
            showError(this, error);
    });

    m_exampleAction = new QAction(tr("Bundled example"), this);
    m_exampleAction->setObjectName(QStringLiteral("bundledExampleAction"));
    const bool haveExample = QFile::exists(bundledExamplePath());
    m_exampleAction->setEnabled(haveExample);
    m_exampleAction->setToolTip(haveExample ? tr("Fine-tune the bundled starter model on the capitals sample")
                                            : tr("This build has no bundled example"));
    connect(m_exampleAction, &QAction::triggered, this, [this] {
        if (const QString error = loadBundledExample(); !error.isEmpty())
            showError(this, error);
    });

    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshTrainingAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_listError->hide();
        m_wantedJob = currentJobId();
        m_jobs->refresh();
        m_form->refreshPickers();
    });
    addAction(m_refreshAction);
}

QWidget *TrainingPage::createFormPane()
{
    auto *pane = new QWidget(this);
    m_form = new TrainingForm(m_api, pane);
    auto *scroll = new QScrollArea(pane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    // Wide enough for the form: a horizontal scroll bar in a form is hard to use.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_form->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
    m_startButton = new QPushButton(tr("Start training"), pane);
    m_startButton->setObjectName(QStringLiteral("startTrainingButton"));
    m_startButton->setToolTip(tr("Start a background training job with this form"));
    connect(m_startButton, &QPushButton::clicked, this, &TrainingPage::startJob);
    m_startError = errorLabel(QStringLiteral("startErrorLabel"), pane);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_startButton);
    layout->addWidget(m_startError);
    return pane;
}

QWidget *TrainingPage::createJobsPane()
{
    auto *pane = new QWidget(this);
    auto *title = new QLabel(tr("Jobs"), pane);
    title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_cancelButton = new QPushButton(tr("Cancel"), pane);
    m_cancelButton->setObjectName(QStringLiteral("cancelTrainingButton"));
    m_cancelButton->setToolTip(tr("Stop the job within one step; its checkpoints stay"));
    connect(m_cancelButton, &QPushButton::clicked, this, &TrainingPage::cancelSelectedJob);
    m_resumeButton = new QPushButton(tr("Resume"), pane);
    m_resumeButton->setObjectName(QStringLiteral("resumeTrainingButton"));
    m_resumeButton->setToolTip(tr("Continue a cancelled or interrupted job from its last checkpoint"));
    connect(m_resumeButton, &QPushButton::clicked, this, &TrainingPage::resumeSelectedJob);
    auto *refresh = new QPushButton(tr("Refresh"), pane);
    refresh->setObjectName(QStringLiteral("refreshJobsButton"));
    connect(refresh, &QPushButton::clicked, m_refreshAction, &QAction::trigger);
    auto *bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_resumeButton);
    bar->addWidget(refresh);

    m_listError = errorLabel(QStringLiteral("trainingListError"), pane);
    m_jobView = new QTableView(pane);
    m_jobView->setObjectName(QStringLiteral("trainingJobListView"));
    m_jobView->setModel(m_jobs);
    setUpRecordList(m_jobView);
    m_jobView->setColumnWidth(TrainingJobListModel::JobColumn, 200);
    m_jobView->setColumnWidth(TrainingJobListModel::StatusColumn, 90);
    m_jobView->setColumnWidth(TrainingJobListModel::ModelColumn, 130);
    m_jobView->setColumnWidth(TrainingJobListModel::MethodColumn, 60);
    m_jobView->setColumnWidth(TrainingJobListModel::ProgressColumn, 120);
    m_jobsBusy = new BusyOverlay(m_jobView);
    m_jobDetail = new QLabel(pane);
    m_jobDetail->setObjectName(QStringLiteral("jobDetailLabel"));
    m_jobDetail->setWordWrap(true);
    m_jobDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jobError = errorLabel(QStringLiteral("jobErrorLabel"), pane);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_listError);
    layout->addWidget(m_jobView, 1);
    layout->addWidget(m_jobDetail);
    layout->addWidget(m_jobError);
    return pane;
}

QWidget *TrainingPage::createCheckpointsPane()
{
    auto *pane = new QWidget(this);
    auto *title = new QLabel(tr("Checkpoints"), pane);
    title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_evaluateButton = new QPushButton(tr("Evaluate this checkpoint"), pane);
    m_evaluateButton->setObjectName(QStringLiteral("evaluateCheckpointButton"));
    m_evaluateButton->setToolTip(tr("Open Benchmarks & Eval with this checkpoint's model chosen"));
    connect(m_evaluateButton, &QPushButton::clicked, this, &TrainingPage::evaluateSelectedCheckpoint);
    m_copyPathButton = new QPushButton(tr("Copy path"), pane);
    m_copyPathButton->setObjectName(QStringLiteral("copyCheckpointPathButton"));
    connect(m_copyPathButton, &QPushButton::clicked, this, &TrainingPage::copySelectedCheckpointPath);
    auto *bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(m_evaluateButton);
    bar->addWidget(m_copyPathButton);

    m_checkpointView = new QTableView(pane);
    m_checkpointView->setObjectName(QStringLiteral("checkpointView"));
    m_checkpointView->setModel(m_checkpoints);
    setUpRecordList(m_checkpointView);
    m_checkpointView->setColumnWidth(CheckpointTableModel::IdentifierColumn, 180);
    m_checkpointView->setColumnWidth(CheckpointTableModel::EpochColumn, 50);
    m_checkpointView->setColumnWidth(CheckpointTableModel::ModelColumn, 180);
    connect(m_checkpointView, &QTableView::doubleClicked, this, &TrainingPage::evaluateSelectedCheckpoint);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_checkpointView, 1);
    return pane;
}

void TrainingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_follower->setPaused(false);
    m_listTimer->start();
}

void TrainingPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_follower->setPaused(true);
    m_listTimer->stop();
}

QString TrainingPage::currentJobId() const
{
    const QModelIndexList rows = m_jobView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(TrainingJobListModel::JobIdRole).toString();
}

void TrainingPage::selectJob(const QString &jobId)
{
    const int row = m_jobs->rowOf(jobId);
    if (row < 0)
        return;
    m_jobView->selectionModel()->select(m_jobs->index(row, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_jobView->scrollTo(m_jobs->index(row, 0));
}

void TrainingPage::selectCheckpoint(int row)
{
    if (row < 0 || row >= m_checkpoints->rowCount())
        return;
    m_checkpointView->selectionModel()->select(m_checkpoints->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int TrainingPage::selectedCheckpointRow() const
{
    const QModelIndexList rows = m_checkpointView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

QString TrainingPage::startErrorText() const
{
    return m_startError->isHidden() ? QString() : m_startError->text();
}

QString TrainingPage::listErrorText() const
{
    return m_listError->isHidden() ? QString() : m_listError->text();
}

QString TrainingPage::jobErrorText() const
{
    return m_jobError->isHidden() ? QString() : m_jobError->text();
}

QString TrainingPage::jobDetailText() const
{
    return m_jobDetail->text();
}

void TrainingPage::showStartError(const QString &message)
{
    m_startError->setText(message);
    m_startError->setVisible(!message.isEmpty());
}

void TrainingPage::showJobError(const QString &message)
{
    m_jobError->setText(message);
    m_jobError->setVisible(!message.isEmpty());
}

void TrainingPage::onJobsLoaded()
{
    m_listError->hide();
    QString wanted = m_wantedJob;
    m_wantedJob.clear();
    if (wanted.isEmpty() || m_jobs->rowOf(wanted) < 0)
        wanted = currentJobId();
    if (wanted.isEmpty() || m_jobs->rowOf(wanted) < 0)
        wanted = m_follower->jobId(); // a reload with new rows resets the selection, not the choice
    if (wanted.isEmpty() || m_jobs->rowOf(wanted) < 0) {
        // First load (or after a reconnect): the newest running job, else the newest job.
        for (const api::TrainingJobInfo &job : m_jobs->jobs()) {
            if (isActive(job.status)) {
                wanted = toQString(job.job_uuid);
                break;
            }
        }
        if (wanted.isEmpty() && m_jobs->rowCount() > 0)
            wanted = toQString(m_jobs->job(0)->job_uuid);
    }
    if (!wanted.isEmpty() && wanted != currentJobId())
        selectJob(wanted);
    else
        onJobSelectionChanged();
}

void TrainingPage::onJobSelectionChanged()
{
    const QString id = currentJobId();
    if (id != m_follower->jobId()) {
        m_chart->clear();
        m_checkpoints->clear();
        showJobError(QString());
        m_follower->follow(id);
    }
    const api::TrainingJobInfo *job = m_jobs->job(id);
    if (job)
        m_checkpoints->setJob(*job);
    showJobDetail(job);
    updateActions();
}

void TrainingPage::onJobUpdated(const api::TrainingJobInfo &job)
{
    m_jobs->updateJob(job);
    if (toQString(job.job_uuid) == currentJobId()) {
        m_checkpoints->setJob(job);
        showJobDetail(&job);
    }
    updateActions();
}

void TrainingPage::showJobDetail(const api::TrainingJobInfo *job)
{
    if (!job) {
        m_jobDetail->setText(m_jobs->rowCount() == 0 ? tr("No training job yet: fill in the form and start one.")
                                                     : tr("Select a job to follow it."));
        return;
    }
    QString text = tr("%1 · %2 on %3 · %4 · step %5")
                       .arg(toQString(job->job_uuid), trainingMethodText(job->method), toQString(job->model),
                            jobStatusText(job->status), trainingProgressText(*job));
    if (job->total_steps > 0 || job->epoch > 0)
        text += QStringLiteral(" · ") + tr("epoch %1").arg(job->epoch + 1);
    if (job->resources_allocated) {
        const api::Json &r = job->resources_allocated->value;
        QStringList parts;
        if (r.contains("device") && r["device"].is_string())
            parts << toQString(r["device"].get<std::string>());
        if (r.contains("threads") && r["threads"].is_number())
            parts << tr("%n thread(s)", nullptr, r["threads"].get<int>());
        if (r.contains("peak_memory_bytes") && r["peak_memory_bytes"].is_number())
            parts << tr("peak %1").arg(bytesText(r["peak_memory_bytes"].get<double>()));
        if (!parts.isEmpty())
            text += QLatin1Char('\n') + parts.join(QStringLiteral(" · "));
    }
    for (const std::string &note : job->notes)
        text += QLatin1Char('\n') + toQString(note);
    if (job->error && job->status != api::JobStatus::Failed)
        text += QLatin1Char('\n') + toQString(*job->error); // e.g. who cancelled it
    m_jobDetail->setText(text);
    // A failed job's reason is an error; a poll error stays until the next good answer.
    if (job->error && job->status == api::JobStatus::Failed)
        showJobError(tr("The job failed: %1").arg(toQString(*job->error)));
    else
        showJobError(QString());
}

void TrainingPage::updateActions()
{
    m_startButton->setEnabled(!m_starting);
    const api::TrainingJobInfo *job = m_jobs->job(currentJobId());
    const bool active = job && isActive(job->status);
    m_cancelButton->setEnabled(active && !m_cancelling);
    m_resumeButton->setEnabled(job && !active && job->resumable && !m_resuming);
    m_resumeButton->setToolTip(job && !active && !job->resumable
                                   ? tr("Only a cancelled or interrupted job with a checkpoint can be resumed")
                                   : tr("Continue a cancelled or interrupted job from its last checkpoint"));
    const int row = selectedCheckpointRow();
    m_evaluateButton->setEnabled(row >= 0 && !m_checkpoints->modelId(row).isEmpty());
    m_copyPathButton->setEnabled(row >= 0 && !m_checkpoints->path(row).isEmpty());
}

bool TrainingPage::startJob()
{
    if (m_starting)
        return false;
    const bool dpo = m_form->kind() == TrainingForm::Kind::Dpo;
    api::TrainingJobInfo pending; // what the list shows until the follower's first answer
    QFuture<api::Result<api::PostTrainingJob>> future;
    if (dpo) {
        auto built = m_form->buildDpo();
        if (const auto *problem = std::get_if<QString>(&built)) {
            showStartError(*problem);
            return false;
        }
        auto request = std::get<api::PreferenceOptimizeRequest>(std::move(built));
        pending.job_uuid = request.job_uuid;
        pending.kind = "preference-optimize";
        pending.model = request.finetuned_model;
        pending.method = "dpo";
        pending.request = api::toJson(request);
        future = m_api.preferenceOptimize(std::move(request));
    } else {
        auto built = m_form->buildSft();
        if (const auto *problem = std::get_if<QString>(&built)) {
            showStartError(*problem);
            return false;
        }
        auto request = std::get<api::SupervisedFineTuneRequest>(std::move(built));
        pending.job_uuid = request.job_uuid;
        pending.kind = "supervised-fine-tune";
        pending.model = request.model.value_or(std::string());
        pending.method = !request.algorithm_config ? "full"
                         : std::holds_alternative<api::LoraFinetuningConfig>(*request.algorithm_config) ? "lora"
                                                                                                        : "qat";
        pending.request = api::toJson(request);
        future = m_api.supervisedFineTune(std::move(request));
    }
    pending.scheduled_at = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    showStartError(QString());
    m_starting = true;
    updateActions();
    api::onResult(future, this, [this, pending](const api::Result<api::PostTrainingJob> &r) mutable {
        m_starting = false;
        updateActions();
        if (!r) {
            showStartError(errorMessage(tr("The training job did not start."), r.error()));
            return;
        }
        pending.job_uuid = r->job_uuid;
        m_jobs->updateJob(pending);
        const QString id = toQString(r->job_uuid);
        selectJob(id);
        m_form->newJobId(); // the next job needs another id
        m_wantedJob = id;
        m_jobs->refresh();
    });
    return true;
}

void TrainingPage::cancelSelectedJob()
{
    const QString id = currentJobId();
    const api::TrainingJobInfo *job = m_jobs->job(id);
    if (!job || !isActive(job->status) || m_cancelling)
        return;
    m_cancelling = true;
    updateActions();
    api::onResult(m_api.cancelTrainingJob(toStdString(id)), this, [this, id](const api::Result<void> &r) {
        m_cancelling = false;
        if (!r)
            showError(this, tr("Could not cancel training job %1.").arg(id), r.error());
        else if (id == m_follower->jobId())
            m_follower->poll(); // see "cancelled" without waiting for the next tick
        updateActions();
    });
}

void TrainingPage::resumeSelectedJob()
{
    const QString id = currentJobId();
    const api::TrainingJobInfo *job = m_jobs->job(id);
    if (!job || isActive(job->status) || !job->resumable || m_resuming)
        return;
    m_resuming = true;
    updateActions();
    api::onResult(m_api.resumeTrainingJob(toStdString(id)), this, [this, id](const api::Result<api::PostTrainingJob> &r) {
        m_resuming = false;
        if (!r) {
            showError(this, tr("Could not resume training job %1.").arg(id), r.error());
            updateActions();
            return;
        }
        showJobError(QString());
        if (id == currentJobId()) {
            // Read everything again: steps after the checkpoint are trained (and stored) anew.
            m_chart->clear();
            m_follower->follow(id);
        }
        m_wantedJob = id;
        m_jobs->refresh();
        updateActions();
    });
}

void TrainingPage::evaluateSelectedCheckpoint()
{
    const QString model = m_checkpoints->modelId(selectedCheckpointRow());
    if (!model.isEmpty())
        Q_EMIT evaluateCheckpointRequested(model);
}

void TrainingPage::copySelectedCheckpointPath()
{
    const QString path = m_checkpoints->path(selectedCheckpointRow());
    if (!path.isEmpty())
        QGuiApplication::clipboard()->setText(path);
}

QString TrainingPage::loadBundledExample()
{
    if (!QFile::exists(bundledExamplePath()))
        return tr("This build has no bundled example.");
    return m_form->loadPreset(bundledExamplePath());
}

} // namespace wb::ui
