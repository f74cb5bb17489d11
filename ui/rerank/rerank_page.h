#pragma once

// The Rerank page: a rerank playground. A model picker (rerank models, the last choice
// remembered) and an optional second model to compare with; a "Single query" tab with the query
// and items on the left and the ranked results on the right (one table per model, side by side,
// each with score bars and rank changes); a "Batch" tab that reranks a dataset's rows and reports
// NDCG@k and MRR. A running request shows a busy cover and can be cancelled; errors are shown
// under the results and the inputs are kept.

#include "rerank_scores.h"

#include "api/cancel.h"
#include "api/stack_api.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableView;

namespace wb::ui {

class BusyOverlay;
class ModelPicker;
class RerankBatchPanel;
class RerankItemsEditor;
class RerankResultsModel;

class RerankPage : public QWidget
{
    Q_OBJECT
public:
    RerankPage(api::StackApi &api, QWidget *parent);

    //! Reloads the model and dataset lists.
    void refresh();
    //! Runs the query with the chosen model(s); a problem with the input is shown instead.
    void run();
    void cancel();
    bool isRunning() const { return m_pending > 0; }

    //! The last finished run's answers (one per model that answered).
    const std::vector<rerank::RerankOutcome> &outcomes() const { return m_outcomes; }
    api::Status exportCsv(const QString &path) const;
    api::Status exportJson(const QString &path) const;

    ModelPicker *modelPicker() const { return m_model; }
    ModelPicker *compareModelPicker() const { return m_compareModel; }
    QCheckBox *compareCheck() const { return m_compare; }
    QSpinBox *topNSpin() const { return m_topN; }
    RerankItemsEditor *itemsEditor() const { return m_editor; }
    RerankResultsModel *resultsModel() const { return m_results; }
    RerankResultsModel *compareResultsModel() const { return m_compareResults; }
    QTableView *resultsView() const { return m_resultsView; }
    QTableView *compareResultsView() const { return m_compareView; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *statusLabel() const { return m_status; }
    BusyOverlay *busyOverlay() const { return m_busy; }
    QTabWidget *tabs() const { return m_tabs; }
    RerankBatchPanel *batchPanel() const { return m_batch; }

Q_SIGNALS:
    //! A run ended (answered, failed or cancelled).
    void runFinished();

protected:
    //! Reloads the lists: models or datasets added on other pages show up here.
    void showEvent(QShowEvent *event) override;

private:
    QStringList chosenModels() const;
    void showError(const QString &message);
    void finishRun();
    void showOutcomes();
    void setRunning(bool running);
    //! The top Rerank / Cancel buttons act on the current tab, and follow its running state.
    bool onBatchTab() const;
    void updateButtons();

    api::StackApi &m_api;
    ModelPicker *m_model;
    ModelPicker *m_compareModel;
    QCheckBox *m_compare;
    QSpinBox *m_topN;
    QPushButton *m_run;
    QPushButton *m_cancelButton;
    QTabWidget *m_tabs;
    RerankItemsEditor *m_editor;
    RerankResultsModel *m_results;
    RerankResultsModel *m_compareResults;
    QTableView *m_resultsView;
    QTableView *m_compareView;
    QWidget *m_resultsArea;
    QSplitter *m_tables = nullptr;
    QSplitter *m_inputSplit = nullptr; //!< items editor | results
    QLabel *m_scaleLabel;
    QLabel *m_caption;        //!< the first table's model
    QLabel *m_compareCaption; //!< the second table's model
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_exportCsv;
    QPushButton *m_exportJson;
    BusyOverlay *m_busy;
    RerankBatchPanel *m_batch;

    api::CancelToken m_cancel;
    int m_generation = 0;
    int m_pending = 0;
    std::vector<rerank::RerankOutcome> m_running; //!< answers of the run in flight, by model slot
    std::vector<QString> m_runErrors;
    std::vector<rerank::RerankOutcome> m_outcomes;
};

} // namespace wb::ui
