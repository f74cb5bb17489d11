#include "checkpoint_table_model.h"

#include "common/json_text.h"

namespace wb::ui {

CheckpointTableModel::CheckpointTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int CheckpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checkpoints.size());
}

int CheckpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckpointTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_checkpoints.size()))
        return {};
    const api::Checkpoint &c = m_checkpoints[size_t(index.row())];
    const std::optional<api::PostTrainingMetric> &m = c.training_metrics;
    switch (role) {
    case ModelIdRole: return modelId(index.row());
    case PathRole: return toQString(c.path);
    case Qt::ToolTipRole:
        if (index.column() == PathColumn)
            return toQString(c.path);
        if (index.column() == ModelColumn && modelId(index.row()).isEmpty())
            return tr("Not registered as a model");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= EpochColumn && index.column() <= PerplexityColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdentifierColumn: return toQString(c.identifier);
        case EpochColumn: return qint64(c.epoch);
        case TrainLossColumn: return m ? QString::number(m->train_loss, 'f', 4) : QString();
        case ValidationLossColumn: return m ? QString::number(m->validation_loss, 'f', 4) : QString();
        case PerplexityColumn: return m ? QString::number(m->perplexity, 'g', 5) : QString();
        case ModelColumn: return modelId(index.row());
        case PathColumn: return toQString(c.path);
        default: return {};
        }
    default:
        return {};
    }
}

QVariant CheckpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdentifierColumn: return tr("Checkpoint");
    case EpochColumn: return tr("Epoch");
    case TrainLossColumn: return tr("Train loss");
    case ValidationLossColumn: return tr("Validation loss");
    case PerplexityColumn: return tr("Perplexity");
    case ModelColumn: return tr("Model id");
    case PathColumn: return tr("Path");
    default: return {};
    }
}

void CheckpointTableModel::setJob(const api::TrainingJobInfo &job)
{
    if (job.checkpoints == m_checkpoints && job.checkpoint_models == m_models)
        return;
    if (job.checkpoints.size() > m_checkpoints.size()
        && std::equal(m_checkpoints.begin(), m_checkpoints.end(), job.checkpoints.begin())
        && job.checkpoint_models.size() >= m_models.size()
        && std::equal(m_models.begin(), m_models.end(), job.checkpoint_models.begin())) {
        // New checkpoints at the end (the usual case while training): insert, keep the selection.
        beginInsertRows({}, int(m_checkpoints.size()), int(job.checkpoints.size()) - 1);
        m_checkpoints = job.checkpoints;
        m_models = job.checkpoint_models;
        endInsertRows();
        return;
    }
    beginResetModel();
    m_checkpoints = job.checkpoints;
    m_models = job.checkpoint_models;
    endResetModel();
}

void CheckpointTableModel::clear()
{
    beginResetModel();
    m_checkpoints.clear();
    m_models.clear();
    endResetModel();
}

QString CheckpointTableModel::modelId(int row) const
{
    return row >= 0 && size_t(row) < m_models.size() ? toQString(m_models[size_t(row)]) : QString();
}

QString CheckpointTableModel::path(int row) const
{
    return row >= 0 && size_t(row) < m_checkpoints.size() ? toQString(m_checkpoints[size_t(row)].path) : QString();
}

} // namespace wb::ui
