#pragma once

// The results of one eval run: aggregate metrics up top, every evaluated row in a table (input,
// expected, generated, extracted answer, score, judge feedback) with filters, search, sort and a
// detail pane; comparison with another run of the same benchmark; export to CSV and JSON.
// Follows a running job (new rows appear as they are produced).

#include "eval_results_export.h"

#include "api/stack_api.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace wb::ui {

class EvalCompareFilterModel;
class EvalCompareModel;
class EvalRowDetail;
class EvalRowsFilterModel;
class EvalRowsModel;

class EvalResultsView : public QWidget
{
    Q_OBJECT
public:
    EvalResultsView(api::StackApi &api, QWidget *parent);
    ~EvalResultsView() override;

    //! Shows `job`'s rows (loading them page by page); an empty job id clears the view.
    void showJob(const api::EvalJobInfo &job);
    //! Other runs of the same benchmark, offered for comparison.
    void setOtherRuns(const std::vector<api::EvalJobInfo> &jobs);

    //! Compares with `jobId` (one of setOtherRuns'); an empty id leaves the comparison.
    void compareWith(const std::string &jobId);
    bool isComparing() const;
    //! Writes the run (or only the rows the filters show) to `path` on a worker thread;
    //! exportFinished follows.
    void exportTo(const QString &path, EvalExportFormat format, bool filteredOnly);

    EvalRowsModel *rowsModel() const { return m_rows; }
    EvalRowsFilterModel *filterModel() const { return m_filter; }
    EvalRowsModel *otherRowsModel() const { return m_otherRows; }
    EvalCompareModel *compareModel() const { return m_compare; }
    EvalRowDetail *detail() const { return m_detail; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    //! Once per exportTo(); `message` is empty on success, else readable.
    void exportFinished(bool ok, const QString &message);
    //! The comparison was computed again (the other run's rows arrived, or another run was picked).
    void comparisonUpdated();

private:
    void updateHeader();
    void updateCounts();
    void updateColumns();
    void showCurrentRow();
    void showCurrentPair();
    void scheduleComparison();
    void computeComparison();
    void chooseExport(EvalExportFormat format, bool filteredOnly);

    api::StackApi &m_api;
    EvalRowsModel *m_rows;
    EvalRowsFilterModel *m_filter;
    EvalRowsModel *m_otherRows;
    EvalCompareModel *m_compare;
    EvalCompareFilterModel *m_compareFilter;
    std::vector<api::EvalJobInfo> m_allRuns;   //!< as given to setOtherRuns
    std::vector<api::EvalJobInfo> m_otherRuns; //!< those offered: same benchmark, not the shown job

    QLabel *m_summary;
    QLabel *m_metrics;
    QComboBox *m_show;
    QLineEdit *m_search;
    QTimer *m_searchDebounce;
    QComboBox *m_compareWith;
    QToolButton *m_export;
    QLabel *m_exportStatus;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_compareSummary;
    QComboBox *m_compareCategory;
    QTableView *m_compareTable;
    QTimer *m_compareDebounce;
    EvalRowDetail *m_detail;
    int m_exportsRunning = 0;
};

} // namespace wb::ui
