#include "eval_job_list_model.h"

#include "eval_text.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QBrush>
#include <QColor>

namespace wb::ui {

EvalJobListModel::EvalJobListModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int EvalJobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int EvalJobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvalJobListModel::displayText(const api::EvalJobInfo &job, int column) const
{
    switch (column) {
    case StatusColumn: {
        QString text = jobStatusText(job.status);
        if (job.status == api::JobStatus::InProgress && job.rows_total > 0)
            text += QStringLiteral(" %1%").arg(job.rows_done * 100 / job.rows_total);
        return text;
    }
    case ModelColumn: return toQString(job.benchmark_config.eval_candidate.model);
    case RowsColumn: return rowsText(job);
    case MetricColumn: return mainMetricText(job);
    case CreatedColumn: return timestampText(job.created_at);
    default: return {};
    }
}

QVariant EvalJobListModel::data(const QModelIndex &index, int role) const
{
    const api::EvalJobInfo *j = job(index.row());
    if (!index.isValid() || !j)
        return {};
    switch (role) {
    case JobIdRole:
        return toQString(j->job_id);
    case Qt::DisplayRole:
        return displayText(*j, index.column());
    case Qt::ToolTipRole:
        if (j->error)
            return tr("Job %1: %2").arg(toQString(j->job_id), toQString(*j->error));
        return tr("Job %1").arg(toQString(j->job_id));
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && j->status == api::JobStatus::Failed)
            return QBrush(QColor(0xb3, 0x26, 0x1e));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RowsColumn || index.column() == MetricColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant EvalJobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn: return tr("Status");
    case ModelColumn: return tr("Model");
    case RowsColumn: return tr("Rows");
    case MetricColumn: return tr("Main metric");
    case CreatedColumn: return tr("Created");
    default: return {};
    }
}

void EvalJobListModel::load(const QString &benchmarkId)
{
    const int generation = ++m_generation;
    if (benchmarkId != m_benchmarkId) {
        // Another benchmark's runs must not stay on screen while this one's load.
        beginResetModel();
        m_jobs.clear();
        m_benchmarkId = benchmarkId;
        endResetModel();
    }
    if (benchmarkId.isEmpty()) {
        if (m_loading) {
            m_loading = false;
            Q_EMIT loadingChanged(false);
        }
        Q_EMIT listLoaded();
        return;
    }
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    api::onResult(m_api.listEvalJobs(toStdString(benchmarkId)), this,
                  [this, generation](const api::Result<api::ListEvalJobsResponse> &r) {
        if (generation != m_generation)
            return;
        m_loading = false;
        Q_EMIT loadingChanged(false);
        if (!r) {
            Q_EMIT errorOccurred(errorMessage(tr("Could not load the runs of %1.").arg(m_benchmarkId), r.error()));
            return;
        }
        beginResetModel();
        m_jobs = r->data; // newest first, as the API answers
        endResetModel();
        Q_EMIT listLoaded();
    });
}

void EvalJobListModel::updateJob(const api::EvalJobInfo &job)
{
    if (toQString(job.benchmark_id) != m_benchmarkId)
        return;
    const int row = rowOf(toQString(job.job_id));
    if (row >= 0) {
        m_jobs[size_t(row)] = job;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_jobs.insert(m_jobs.begin(), job);
    endInsertRows();
}

int EvalJobListModel::rowOf(const QString &jobId) const
{
    const std::string id = toStdString(jobId);
    for (size_t i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].job_id == id)
            return int(i);
    return -1;
}

const api::EvalJobInfo *EvalJobListModel::job(int row) const
{
    return row >= 0 && row < int(m_jobs.size()) ? &m_jobs[size_t(row)] : nullptr;
}

const api::EvalJobInfo *EvalJobListModel::job(const QString &jobId) const
{
    return job(rowOf(jobId));
}

} // namespace wb::ui
