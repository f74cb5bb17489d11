#pragma once

// Every evaluated row of one eval job as a table (see EvalRowTable for what is prepared per row
// and how a row passes). Loads the rows page by page with evalJobRows (PageSize a page) and, while
// the job is scheduled or running, keeps following it: every pollInterval it asks for the job's
// info, then for the rows after the ones it has, until the job has ended and every row is here.
//
// Columns: # · result · input · expected · generated · extracted answer · one score column per
// scoring function · judge feedback · error.

#include "eval_row_table.h"

#include "api/stack_api.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace wb::ui {

class EvalRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 2000;
    //! Sort key of a cell: a double for #, result and scores (NaN: no score), a QString otherwise.
    static constexpr int SortRole = Qt::UserRole + 1;
    //! RowOutcome as an int.
    static constexpr int OutcomeRole = Qt::UserRole + 2;

    enum Column { IndexColumn, ResultColumn, InputColumn, ExpectedColumn, GeneratedColumn, ExtractedColumn,
                  FirstScoreColumn };

    EvalRowsModel(api::StackApi &api, QObject *parent);

    //! Shows `job`'s rows, loading them; an empty job id clears the model.
    void setJob(const api::EvalJobInfo &job);
    //! Shows rows already at hand (tests, exports of data not from a server); no loading.
    void setRows(const api::EvalJobInfo &job, const std::vector<api::EvalRowResult> &rows);
    void setPollInterval(int ms) { m_pollTimer.setInterval(ms); }

    const api::EvalJobInfo &job() const { return m_job; }
    const EvalRowTable &table() const { return m_table; }
    //! Loading pages or following a running job.
    bool isLoading() const { return m_loading; }

    int scoreColumn(size_t function) const { return FirstScoreColumn + int(function); }
    int feedbackColumn() const { return FirstScoreColumn + int(m_table.functions().size()); }
    int errorColumn() const { return feedbackColumn() + 1; }
    //! The function of a score column, or -1.
    int functionOfColumn(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeName(RowOutcome outcome);

Q_SIGNALS:
    //! The job's info changed (a poll), or a new job was set.
    void jobInfoChanged(const api::EvalJobInfo &job);
    //! Rows were added or re-classified (counts changed).
    void rowsChanged();
    //! Every row is here and the job has ended (or loading stopped on an error).
    void loadingFinished();
    void errorOccurred(const QString &message);

private:
    void requestRows();
    void onRows(int generation, const api::Result<api::EvalRowsPage> &page);
    void poll();
    void appendRows(const std::vector<api::EvalRowResult> &rows);
    void finishLoading();

    api::StackApi &m_api;
    api::EvalJobInfo m_job;
    EvalRowTable m_table;
    QTimer m_pollTimer;
    int m_generation = 0; //!< bumped on every setJob; late answers for an older job are dropped
    bool m_loading = false;
};

//! The job has ended: completed, failed or cancelled.
bool isJobFinished(api::JobStatus status);

} // namespace wb::ui
