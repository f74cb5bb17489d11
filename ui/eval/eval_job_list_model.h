#pragma once

// The runs (eval jobs) of one benchmark, newest first: status, model, rows, main metric, created.
// Loads through listEvalJobs; a running job's row is updated in place (updateJob) as the poller
// brings news, so the list shows live progress without reloading.

#include "api/stack_api.h"

#include <QAbstractTableModel>

#include <vector>

namespace wb::ui {

class EvalJobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, ModelColumn, RowsColumn, MetricColumn, CreatedColumn, ColumnCount };
    static constexpr int JobIdRole = Qt::UserRole + 1;

    EvalJobListModel(api::StackApi &api, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Loads `benchmarkId`'s runs (an empty id clears the list); listLoaded() or errorOccurred().
    void load(const QString &benchmarkId);
    void refresh() { load(m_benchmarkId); }
    QString benchmarkId() const { return m_benchmarkId; }
    bool isLoading() const { return m_loading; }

    //! Replaces the job's row (or adds it on top when it is new to the list).
    void updateJob(const api::EvalJobInfo &job);
    int rowOf(const QString &jobId) const; //!< -1 when absent
    const api::EvalJobInfo *job(int row) const;
    const api::EvalJobInfo *job(const QString &jobId) const;
    const std::vector<api::EvalJobInfo> &jobs() const { return m_jobs; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void listLoaded();
    void errorOccurred(const QString &message);

private:
    QVariant displayText(const api::EvalJobInfo &job, int column) const;

    api::StackApi &m_api;
    QString m_benchmarkId;
    std::vector<api::EvalJobInfo> m_jobs;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace wb::ui
