#include "training_job_list_model.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "eval/eval_text.h"

#include "api/async.h"

#include <QBrush>
#include <QColor>

namespace wb::ui {

QString trainingMethodText(const std::string &method)
{
    if (method == "lora")
        return QStringLiteral("LoRA");
    if (method == "qat")
        return QStringLiteral("QAT");
    if (method == "dpo")
        return QStringLiteral("DPO");
    if (method == "full")
        return TrainingJobListModel::tr("full");
    return QString::fromStdString(method);
}

QString trainingProgressText(const api::TrainingJobInfo &job)
{
    if (job.total_steps <= 0)
        return job.step > 0 ? QString::number(job.step) : QStringLiteral("–");
    return TrainingJobListModel::tr("%1 / %2 (%3%)")
        .arg(job.step)
        .arg(job.total_steps)
        .arg(job.step * 100 / job.total_steps);
}

TrainingJobListModel::TrainingJobListModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int TrainingJobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int TrainingJobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrainingJobListModel::data(const QModelIndex &index, int role) const
{
    const api::TrainingJobInfo *j = job(index.row());
    if (!index.isValid() || !j)
        return {};
    switch (role) {
    case JobIdRole:
        return toQString(j->job_uuid);
    case Qt::DisplayRole:
        switch (index.column()) {
        case JobColumn: return toQString(j->job_uuid);
        case StatusColumn: return jobStatusText(j->status);
        case ModelColumn: return toQString(j->model);
        case MethodColumn: return trainingMethodText(j->method);
        case ProgressColumn: return trainingProgressText(*j);
        case StartedColumn: return timestampText(j->started_at.value_or(j->scheduled_at));
        default: return {};
        }
    case Qt::ToolTipRole:
        if (j->error)
            return tr("Job %1: %2").arg(toQString(j->job_uuid), toQString(*j->error));
        return tr("Job %1").arg(toQString(j->job_uuid));
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && j->status == api::JobStatus::Failed)
            return QBrush(QColor(0xb3, 0x26, 0x1e));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ProgressColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TrainingJobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case JobColumn: return tr("Job");
    case StatusColumn: return tr("Status");
    case ModelColumn: return tr("Model");
    case MethodColumn: return tr("Method");
    case ProgressColumn: return tr("Steps");
    case StartedColumn: return tr("Started");
    default: return {};
    }
}

void TrainingJobListModel::refresh()
{
    const int generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    api::onResult(m_api.listTrainingJobInfo(), this,
                  [this, generation](const api::Result<api::ListTrainingJobInfoResponse> &r) {
        if (generation != m_generation)
            return;
        m_loading = false;
        Q_EMIT loadingChanged(false);
        if (!r) {
            Q_EMIT errorOccurred(errorMessage(tr("Could not load the training jobs."), r.error()));
            return;
        }
        bool sameJobs = r->data.size() == m_jobs.size();
        for (size_t i = 0; sameJobs && i < m_jobs.size(); ++i)
            sameJobs = r->data[i].job_uuid == m_jobs[i].job_uuid;
        if (sameJobs) {
            m_jobs = r->data;
            if (!m_jobs.empty())
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        } else {
            beginResetModel();
            m_jobs = r->data; // newest first, as the API answers
            endResetModel();
        }
        Q_EMIT listLoaded();
    });
}

void TrainingJobListModel::updateJob(const api::TrainingJobInfo &job)
{
    const int row = rowOf(toQString(job.job_uuid));
    if (row >= 0) {
        m_jobs[size_t(row)] = job;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_jobs.insert(m_jobs.begin(), job);
    endInsertRows();
}

int TrainingJobListModel::rowOf(const QString &jobId) const
{
    const std::string id = toStdString(jobId);
    for (size_t i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].job_uuid == id)
            return int(i);
    return -1;
}

const api::TrainingJobInfo *TrainingJobListModel::job(int row) const
{
    return row >= 0 && row < int(m_jobs.size()) ? &m_jobs[size_t(row)] : nullptr;
}

const api::TrainingJobInfo *TrainingJobListModel::job(const QString &jobId) const
{
    return job(rowOf(jobId));
}

bool TrainingJobListModel::hasActiveJob() const
{
    for (const api::TrainingJobInfo &j : m_jobs)
        if (isActive(j.status))
            return true;
    return false;
}

} // namespace wb::ui
