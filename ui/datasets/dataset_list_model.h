#pragma once

// The registered datasets as a table: id, purpose, source (short form), rows, provider. The list
// comes from listDatasets(); each dataset's row count is filled in afterwards, one datasetStats()
// call per dataset, so a slow source (a big file building its index) never holds up the list.

#include "api/stack_api.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>

namespace wb::ui {

class DatasetListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, PurposeColumn, SourceColumn, RowsColumn, ProviderColumn, ColumnCount };
    static constexpr int DatasetIdRole = Qt::UserRole + 1;

    DatasetListModel(api::StackApi &api, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Reloads the list (and then every row count).
    void refresh();
    //! Asks for one dataset's stats again (after rows were appended).
    void refreshStats(const QString &datasetId);

    bool isLoading() const { return m_loading; }
    int rowOf(const QString &datasetId) const; //!< -1 when absent
    const api::Dataset *dataset(int row) const;
    //! The last stats for a dataset, if they arrived.
    std::optional<api::DatasetStats> stats(const QString &datasetId) const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    //! The list was replaced (after refresh()).
    void listLoaded();
    void statsUpdated(const QString &datasetId);
    //! A readable message (see errorMessage()); the view decides how to show it.
    void errorOccurred(const QString &message);

private:
    struct StatsState
    {
        std::optional<api::DatasetStats> stats;
        QString error;
        bool loading = false;
    };

    void requestStats(const QString &datasetId);

    api::StackApi &m_api;
    std::vector<api::Dataset> m_datasets;
    QHash<QString, StatsState> m_stats;
    bool m_loading = false;
    //! Bumped by refresh(); answers to older requests are dropped, so a slow stats call from before
    //! a refresh cannot overwrite a fresher value.
    int m_generation = 0;
};

} // namespace wb::ui
