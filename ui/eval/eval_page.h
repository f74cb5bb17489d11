#pragma once

// The Benchmarks & Eval page. Left: the registered benchmarks (register, remove, refresh, new
// judge function). Centre: the run setup of the selected benchmark, Run with a progress bar and
// Cancel. Right: the benchmark's runs with live progress, and the selected run's results
// (EvalResultsView, given the other runs for comparison). Everything loads through the API, so a
// reconnect (which rebuilds the page) finds running jobs again and follows them.

#include "api/stack_api.h"

#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace wb::ui {

class BenchmarkListModel;
class BusyOverlay;
class EvalJobListModel;
class EvalJobPoller;
class EvalResultsView;
class JudgeFunctionDialog;
class RegisterBenchmarkDialog;
class RunSetupPanel;

class EvalPage : public QWidget
{
    Q_OBJECT
public:
    EvalPage(api::StackApi &api, QWidget *parent);

    BenchmarkListModel *benchmarkListModel() const { return m_benchmarks; }
    EvalJobListModel *jobListModel() const { return m_jobs; }
    RunSetupPanel *runSetup() const { return m_setup; }
    EvalResultsView *resultsView() const { return m_results; }
    EvalJobPoller *poller() const { return m_poller; }
    QProgressBar *progressBar() const { return m_progress; }

    QString currentBenchmarkId() const;
    void selectBenchmark(const QString &benchmarkId);
    QString currentJobId() const;
    void selectJob(const QString &jobId);
    //! The run the progress bar follows (the one started here, or the selected one while active).
    QString trackedJobId() const { return m_trackedJobId; }
    QString progressText() const;
    //! The inline error of the run area / the benchmark list (empty when none).
    QString runErrorText() const;
    QString listErrorText() const;
    //! What was last handed to the results view (for tests and the status line).
    QString shownJobId() const { return m_shownJobId; }
    int otherRunsShown() const { return m_otherRunsShown; }
    //! The scoring functions as last loaded.
    const std::vector<api::ScoringFn> &scoringFunctions() const { return m_functions; }
    bool functionsLoaded() const { return m_functionsLoaded; }

    //! Starts a run with the setup's fields (what Run does). False when it cannot start; the
    //! reason is shown inline.
    bool startRun();
    //! Cancels the tracked run (what Cancel does).
    void cancelRun();

    //! The dialogs open window-modal without blocking and delete themselves when closed.
    RegisterBenchmarkDialog *openRegisterDialog();
    JudgeFunctionDialog *openJudgeFunctionDialog();

public Q_SLOTS:
    //! Chooses `modelId` as the candidate of the next run (a fine-tuned checkpoint from the
    //! Training page) and reloads the models so a model registered moments ago is listed.
    void preselectCandidateModel(const QString &modelId);

private:
    void createActions();
    QWidget *createBenchmarksPane();
    QWidget *createRunPane();
    QWidget *createRunsPane();
    void loadFunctions();
    void onBenchmarksLoaded();
    void onBenchmarkSelectionChanged();
    void onJobsLoaded();
    void onJobSelectionChanged();
    void onJobUpdated(const api::EvalJobInfo &job);
    void onJobEnded(const api::EvalJobInfo &job);
    void track(const QString &jobId);
    void showProgress(const api::EvalJobInfo *job);
    void handOtherRuns();
    void updateActions();
    void askRemoveBenchmark();
    void askDeleteRun();
    void showRunError(const QString &message);

    api::StackApi &m_api;
    BenchmarkListModel *m_benchmarks;
    EvalJobListModel *m_jobs;
    EvalJobPoller *m_poller;
    RunSetupPanel *m_setup = nullptr;
    EvalResultsView *m_results = nullptr;
    QTableView *m_benchmarkView = nullptr;
    QTableView *m_jobView = nullptr;
    QLabel *m_listError = nullptr;
    QLabel *m_benchmarkTitle = nullptr;
    QLabel *m_runError = nullptr;
    QLabel *m_runsError = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    BusyOverlay *m_listBusy = nullptr;
    BusyOverlay *m_jobsBusy = nullptr;
    QAction *m_registerAction = nullptr;
    QAction *m_judgeAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_deleteRunAction = nullptr;
    QAction *m_refreshRunsAction = nullptr;
    std::vector<api::ScoringFn> m_functions;
    bool m_functionsLoaded = false;
    bool m_starting = false;      //!< a runEval call is on its way
    QString m_wantedSelection;    //!< benchmark to select once the list has reloaded
    QString m_wantedJob;          //!< run to select once the runs have reloaded
    QString m_trackedJobId;
    QString m_shownJobId;
    int m_otherRunsShown = 0;
};

} // namespace wb::ui
