#pragma once

// The rerank page's batch tab: a dataset, its query / candidates / labels columns and k, a Run and
// a Cancel button with progress, then NDCG@k and MRR per row and their means for each model, and
// export to CSV or JSON. The models come from the page (its one or two pickers).

#include "rerank_batch.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::ui {

class DatasetPicker;

class RerankBatchPanel : public QWidget
{
    Q_OBJECT
public:
    RerankBatchPanel(api::StackApi &api, std::function<QStringList()> models, QWidget *parent);

    //! Reloads the datasets (and the chosen one's columns).
    void refresh();
    void run();
    //! Empty when the spec can run, else what to fix.
    QString check(const RerankBatchSpec &spec) const;
    RerankBatchSpec spec() const;

    DatasetPicker *datasetPicker() const { return m_dataset; }
    QComboBox *queryColumn() const { return m_queryColumn; }
    QComboBox *candidatesColumn() const { return m_candidatesColumn; }
    QComboBox *labelsColumn() const { return m_labelsColumn; }
    //! Labels are: Auto (decided once per dataset) / Grades / Indices; item data is a LabelMode.
    QComboBox *labelModeCombo() const { return m_labelMode; }
    QSpinBox *kSpin() const { return m_k; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *errorLabel() const { return m_error; }
    QTableWidget *resultsTable() const { return m_table; }
    RerankBatchRunner *runner() const { return m_runner; }
    //! Whether the columns of the chosen dataset have been loaded.
    bool columnsLoading() const { return m_columnsLoading; }

    api::Status exportCsv(const QString &path) const;
    api::Status exportJson(const QString &path) const;

Q_SIGNALS:
    //! A run started or ended (the page's Rerank / Cancel buttons follow it on this tab).
    void runningChanged(bool running);

private:
    void loadColumns();
    void setColumns(const QStringList &columns);
    void showResult();
    void showError(const QString &message);
    void setRunning(bool running);

    api::StackApi &m_api;
    std::function<QStringList()> m_models;
    RerankBatchRunner *m_runner;
    DatasetPicker *m_dataset;
    QComboBox *m_queryColumn;
    QComboBox *m_candidatesColumn;
    QComboBox *m_labelsColumn;
    QComboBox *m_labelMode;
    QSpinBox *m_k;
    QPushButton *m_run;
    QPushButton *m_cancelButton;
    QPushButton *m_exportCsv;
    QPushButton *m_exportJson;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QLabel *m_error;
    QTableWidget *m_table;
    int m_columnsGeneration = 0;
    QString m_columnsDataset; //!< the dataset whose columns fill the combos

    bool m_columnsLoading = false;
};

} // namespace wb::ui
