#pragma once

// The registered benchmarks as a table: id, dataset, scoring functions. Loads through the API;
// errors go out as readable messages for the view to show.

#include "api/stack_api.h"

#include <QAbstractTableModel>

#include <vector>

namespace wb::ui {

class BenchmarkListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, DatasetColumn, FunctionsColumn, ColumnCount };
    static constexpr int BenchmarkIdRole = Qt::UserRole + 1;

    BenchmarkListModel(api::StackApi &api, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Reloads the list; listLoaded() or errorOccurred() follows.
    void refresh();
    bool isLoading() const { return m_loading; }
    int rowOf(const QString &benchmarkId) const; //!< -1 when absent
    const api::Benchmark *benchmark(int row) const;
    const api::Benchmark *benchmark(const QString &benchmarkId) const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void listLoaded();
    void errorOccurred(const QString &message);

private:
    api::StackApi &m_api;
    std::vector<api::Benchmark> m_benchmarks;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace wb::ui
