#pragma once

// The checkpoints of one training job: identifier, epoch, train loss, validation loss, perplexity,
// path and the model id its merged weights were registered under (what "Evaluate this
// checkpoint" hands to the eval page).

#include "api/post_training_jobs.h"

#include <QAbstractTableModel>

namespace wb::ui {

class CheckpointTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdentifierColumn,
        EpochColumn,
        TrainLossColumn,
        ValidationLossColumn,
        PerplexityColumn,
        ModelColumn,
        PathColumn,
        ColumnCount
    };
    static constexpr int ModelIdRole = Qt::UserRole + 1;
    static constexpr int PathRole = Qt::UserRole + 2;

    explicit CheckpointTableModel(QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Shows `job`'s checkpoints; the rows are only reset when they changed (the follower sends
    //! the same list every second, and the selection must stay).
    void setJob(const api::TrainingJobInfo &job);
    void clear();
    QString modelId(int row) const; //!< empty when the checkpoint has no registered model
    QString path(int row) const;

private:
    std::vector<api::Checkpoint> m_checkpoints;
    std::vector<std::string> m_models;
};

} // namespace wb::ui
