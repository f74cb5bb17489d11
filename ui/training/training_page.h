#pragma once

// The Training page. Left: the form of a new job (SFT or DPO, every field, presets) and Start.
// Right, top to bottom: every training job (status, model, method, steps, started) with Cancel
// and Resume; the live charts of the selected job (loss with smoothing and validation markers,
// learning rate, tokens/s; zoom, hover, export); its checkpoints with "Evaluate this checkpoint"
// and "Copy path".
//
// Everything is read through the API, so a page built after a reconnect or a restart finds the
// jobs again and follows the running one. Only the selected job is followed (info + new metrics
// every second, TrainingJobFollower); the list is refreshed every few seconds while any job runs.
// Nothing is polled while the page is hidden.

#include "api/stack_api.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace wb::ui {

class BusyOverlay;
class CheckpointTableModel;
class LossChart;
class TrainingForm;
class TrainingJobFollower;
class TrainingJobListModel;

class TrainingPage : public QWidget
{
    Q_OBJECT
public:
    TrainingPage(api::StackApi &api, QWidget *parent);

    //! The bundled example preset (a resource that may be absent).
    static QString bundledExamplePath();

    TrainingForm *form() const { return m_form; }
    TrainingJobListModel *jobListModel() const { return m_jobs; }
    TrainingJobFollower *follower() const { return m_follower; }
    LossChart *lossChart() const { return m_chart; }
    CheckpointTableModel *checkpointModel() const { return m_checkpoints; }
    QPushButton *startButton() const { return m_startButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QPushButton *resumeButton() const { return m_resumeButton; }
    QPushButton *evaluateButton() const { return m_evaluateButton; }
    QPushButton *copyPathButton() const { return m_copyPathButton; }

    QString currentJobId() const;
    void selectJob(const QString &jobId);
    void selectCheckpoint(int row);
    //! The inline errors (empty when none): of Start, of the job list, of the selected job.
    QString startErrorText() const;
    QString listErrorText() const;
    QString jobErrorText() const;
    //! The selected job's status line.
    QString jobDetailText() const;

    //! What Start does: sends the form's request. False when it cannot be sent (the reason is
    //! shown inline); the answer comes later.
    bool startJob();
    void cancelSelectedJob();
    void resumeSelectedJob();
    //! Emits evaluateCheckpointRequested with the selected checkpoint's model id.
    void evaluateSelectedCheckpoint();
    void copySelectedCheckpointPath();
    //! Loads the bundled example into the form; an error text or empty.
    QString loadBundledExample();

Q_SIGNALS:
    //! "Evaluate this checkpoint": the model id its merged weights were registered under.
    void evaluateCheckpointRequested(const QString &modelId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createActions();
    QWidget *createFormPane();
    QWidget *createJobsPane();
    QWidget *createCheckpointsPane();
    void onJobsLoaded();
    void onJobSelectionChanged();
    void onJobUpdated(const api::TrainingJobInfo &job);
    void showJobDetail(const api::TrainingJobInfo *job);
    void updateActions();
    void showStartError(const QString &message);
    void showJobError(const QString &message);
    int selectedCheckpointRow() const;

    api::StackApi &m_api;
    TrainingJobListModel *m_jobs;
    TrainingJobFollower *m_follower;
    CheckpointTableModel *m_checkpoints;
    QTimer *m_listTimer;
    TrainingForm *m_form = nullptr;
    LossChart *m_chart = nullptr;
    QTableView *m_jobView = nullptr;
    QTableView *m_checkpointView = nullptr;
    QLabel *m_startError = nullptr;
    QLabel *m_listError = nullptr;
    QLabel *m_jobDetail = nullptr;
    QLabel *m_jobError = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_evaluateButton = nullptr;
    QPushButton *m_copyPathButton = nullptr;
    BusyOverlay *m_jobsBusy = nullptr;
    QAction *m_loadPresetAction = nullptr;
    QAction *m_savePresetAction = nullptr;
    QAction *m_exampleAction = nullptr;
    QAction *m_refreshAction = nullptr;
    bool m_starting = false;
    bool m_cancelling = false;
    bool m_resuming = false;
    QString m_wantedJob; //!< to select once the list has reloaded
};

} // namespace wb::ui
