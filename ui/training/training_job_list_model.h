#pragma once

// Every training job (listTrainingJobInfo, newest first): id, status, model, method, progress
// (step / total) and when it started. A reload that brings the same jobs in the same order updates
// the rows in place, so the selection survives the periodic refresh; updateJob() replaces one row
// with what the follower just read.

#include "api/stack_api.h"

#include <QAbstractTableModel>

#include <vector>

namespace wb::ui {

class TrainingJobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { JobColumn, StatusColumn, ModelColumn, MethodColumn, ProgressColumn, StartedColumn, ColumnCount };
    static constexpr int JobIdRole = Qt::UserRole + 1;

    TrainingJobListModel(api::StackApi &api, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Reloads the list; listLoaded() or errorOccurred().
    void refresh();
    bool isLoading() const { return m_loading; }
    //! Replaces the job's row (adds it on top when new).
    void updateJob(const api::TrainingJobInfo &job);
    int rowOf(const QString &jobId) const; //!< -1 when absent
    const api::TrainingJobInfo *job(int row) const;
    const api::TrainingJobInfo *job(const QString &jobId) const;
    const std::vector<api::TrainingJobInfo> &jobs() const { return m_jobs; }
    bool hasActiveJob() const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void listLoaded();
    void errorOccurred(const QString &message);

private:
    api::StackApi &m_api;
    std::vector<api::TrainingJobInfo> m_jobs;
    bool m_loading = false;
    int m_generation = 0;
};

//! "full", "LoRA", "QAT", "DPO" for TrainingJobInfo::method.
QString trainingMethodText(const std::string &method);
//! "12 / 40" steps (with the percentage), "–" before the total is known.
QString trainingProgressText(const api::TrainingJobInfo &job);

} // namespace wb::ui
