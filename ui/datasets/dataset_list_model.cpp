#include "dataset_list_model.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "dataset_text.h"

#include "api/async.h"

#include <QLocale>

#include <algorithm>

namespace wb::ui {

DatasetListModel::DatasetListModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int DatasetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_datasets.size());
}

int DatasetListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DatasetListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_datasets.size()))
        return {};
    const api::Dataset &d = m_datasets[size_t(index.row())];
    const QString id = toQString(d.identifier);
    if (role == DatasetIdRole)
        return id;

    if (index.column() == RowsColumn) {
        const auto it = m_stats.constFind(id);
        const bool known = it != m_stats.constEnd() && it->stats;
        switch (role) {
        case Qt::DisplayRole:
            if (known)
                return QLocale().toString(qlonglong(it->stats->row_count));
            if (it != m_stats.constEnd() && !it->error.isEmpty())
                return tr("error");
            return QString(QChar(0x2026));
        case Qt::ToolTipRole:
            if (it != m_stats.constEnd() && !it->error.isEmpty())
                return it->error;
            if (known && it->stats->appended_row_count > 0)
                return tr("%1 appended rows").arg(it->stats->appended_row_count);
            return {};
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::UserRole: // sort key
            return known ? QVariant(qlonglong(it->stats->row_count)) : QVariant(-1);
        default:
            return {};
        }
    }

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn: return id;
        case PurposeColumn: return purposeName(d.purpose);
        case SourceColumn: return sourceSummary(d.source);
        case ProviderColumn: return toQString(d.provider_id);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == SourceColumn)
        return sourceDetail(d.source);
    return {};
}

QVariant DatasetListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Id");
    case PurposeColumn: return tr("Purpose");
    case SourceColumn: return tr("Source");
    case RowsColumn: return tr("Rows");
    case ProviderColumn: return tr("Provider");
    default: return {};
    }
}

void DatasetListModel::refresh()
{
    const int generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    api::onResult(m_api.listDatasets(), this, [this, generation](const api::Result<api::ListDatasetsResponse> &r) {
        if (generation != m_generation)
            return; // a newer refresh is on its way
        m_loading = false;
        Q_EMIT loadingChanged(false);
        if (!r) {
            Q_EMIT errorOccurred(errorMessage(tr("Could not load the list of datasets."), r.error()));
            return;
        }
        beginResetModel();
        m_datasets = r->data;
        std::sort(m_datasets.begin(), m_datasets.end(),
                  [](const api::Dataset &a, const api::Dataset &b) { return a.identifier < b.identifier; });
        // Keep known counts while the new ones load: the list should not flicker to "…".
        QHash<QString, StatsState> kept;
        for (const api::Dataset &d : m_datasets) {
            const QString id = toQString(d.identifier);
            if (m_stats.contains(id))
                kept.insert(id, m_stats.value(id));
        }
        m_stats = kept;
        endResetModel();
        Q_EMIT listLoaded();
        for (const api::Dataset &d : m_datasets)
            requestStats(toQString(d.identifier));
    });
}

void DatasetListModel::refreshStats(const QString &datasetId)
{
    if (rowOf(datasetId) >= 0)
        requestStats(datasetId);
}

void DatasetListModel::requestStats(const QString &datasetId)
{
    StatsState &state = m_stats[datasetId];
    state.loading = true;
    const int generation = m_generation;
    api::onResult(m_api.datasetStats(toStdString(datasetId)), this,
                  [this, generation, datasetId](const api::Result<api::DatasetStats> &r) {
                      if (generation != m_generation)
                          return;
                      const int row = rowOf(datasetId);
                      if (row < 0)
                          return;
                      StatsState &state = m_stats[datasetId];
                      state.loading = false;
                      if (r) {
                          state.stats = r.value();
                          state.error.clear();
                      } else {
                          // Shown in the cell's tooltip, not a dialog: one broken source must not
                          // pop up a box every time the list refreshes.
                          state.error = errorMessage(r.error());
                      }
                      const QModelIndex cell = index(row, RowsColumn);
                      Q_EMIT dataChanged(cell, cell);
                      Q_EMIT statsUpdated(datasetId);
                  });
}

int DatasetListModel::rowOf(const QString &datasetId) const
{
    const std::string id = toStdString(datasetId);
    for (size_t i = 0; i < m_datasets.size(); ++i)
        if (m_datasets[i].identifier == id)
            return int(i);
    return -1;
}

const api::Dataset *DatasetListModel::dataset(int row) const
{
    return row >= 0 && row < int(m_datasets.size()) ? &m_datasets[size_t(row)] : nullptr;
}

std::optional<api::DatasetStats> DatasetListModel::stats(const QString &datasetId) const
{
    const auto it = m_stats.constFind(datasetId);
    return it == m_stats.constEnd() ? std::nullopt : it->stats;
}

} // namespace wb::ui
