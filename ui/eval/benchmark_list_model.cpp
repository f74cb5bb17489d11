#include "benchmark_list_model.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <algorithm>

namespace wb::ui {

BenchmarkListModel::BenchmarkListModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int BenchmarkListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_benchmarks.size());
}

int BenchmarkListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BenchmarkListModel::data(const QModelIndex &index, int role) const
{
    const api::Benchmark *b = benchmark(index.row());
    if (!index.isValid() || !b)
        return {};
    if (role == BenchmarkIdRole)
        return toQString(b->identifier);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn: {
        if (role == Qt::ToolTipRole && b->metadata.value.contains("description")
            && b->metadata.value["description"].is_string())
            return toQString(b->metadata.value["description"].get<std::string>());
        return toQString(b->identifier);
    }
    case DatasetColumn: return toQString(b->dataset_id);
    case FunctionsColumn: {
        QStringList fns;
        for (const std::string &fn : b->scoring_functions)
            fns << toQString(fn);
        return fns.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral(", "));
    }
    default: return {};
    }
}

QVariant BenchmarkListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Benchmark");
    case DatasetColumn: return tr("Dataset");
    case FunctionsColumn: return tr("Scoring functions");
    default: return {};
    }
}

void BenchmarkListModel::refresh()
{
    const int generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    api::onResult(m_api.listBenchmarks(), this, [this, generation](const api::Result<api::ListBenchmarksResponse> &r) {
        if (generation != m_generation)
            return; // a newer refresh is on its way
        m_loading = false;
        Q_EMIT loadingChanged(false);
        if (!r) {
            Q_EMIT errorOccurred(errorMessage(tr("Could not load the benchmarks."), r.error()));
            return;
        }
        beginResetModel();
        m_benchmarks = r->data;
        std::sort(m_benchmarks.begin(), m_benchmarks.end(),
                  [](const api::Benchmark &a, const api::Benchmark &b) { return a.identifier < b.identifier; });
        endResetModel();
        Q_EMIT listLoaded();
    });
}

int BenchmarkListModel::rowOf(const QString &benchmarkId) const
{
    const std::string id = toStdString(benchmarkId);
    for (size_t i = 0; i < m_benchmarks.size(); ++i)
        if (m_benchmarks[i].identifier == id)
            return int(i);
    return -1;
}

const api::Benchmark *BenchmarkListModel::benchmark(int row) const
{
    return row >= 0 && row < int(m_benchmarks.size()) ? &m_benchmarks[size_t(row)] : nullptr;
}

const api::Benchmark *BenchmarkListModel::benchmark(const QString &benchmarkId) const
{
    return benchmark(rowOf(benchmarkId));
}

} // namespace wb::ui
