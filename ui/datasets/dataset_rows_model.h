#pragma once

// The rows of one dataset as a sparse, paged table, so a million-row dataset scrolls without being
// loaded:
//
//   1. datasetStats() gives the row count and columns; rowCount() is the full total at once, so the
//      scroll bar has its real size and can be dragged anywhere.
//   2. data() for a row whose page (PageSize rows) is not here shows "…" and asks iterrows() for
//      that page only; an in-flight page is never asked for twice.
//   3. At most MaxPages pages are kept, least recently used evicted (they are asked for again if
//      the user scrolls back).
//
// When the stats fail (a source that cannot be indexed), the model falls back to canFetchMore /
// fetchMore: it starts empty and appends a page whenever the view reaches the bottom, while
// iterrows() says has_more.

#include "api/stack_api.h"

#include <QAbstractTableModel>

#include <list>
#include <optional>
#include <set>
#include <unordered_map>

namespace wb::ui {

class DatasetRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 100;
    static constexpr int MaxPages = 64;
    //! The whole row as compact JSON text, for copy and tests.
    static constexpr int RowJsonRole = Qt::UserRole + 1;

    DatasetRowsModel(api::StackApi &api, QObject *parent);

    //! Shows another dataset; an empty id clears the model.
    void setDataset(const QString &datasetId);
    QString datasetId() const { return m_datasetId; }
    //! Drops every page and reads the stats again (the data changed, e.g. rows were appended).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    //! The row if its page is here; otherwise asks for the page and returns nullopt.
    std::optional<api::Json> rowJson(int row) const;
    //! Column names: the stats' columns, then new keys seen in pages.
    const std::vector<std::string> &columns() const { return m_columns; }
    //! The stats from the last load (nullopt while loading or when they failed).
    const std::optional<api::DatasetStats> &stats() const { return m_stats; }
    bool isPaged() const { return m_mode == Mode::Paged; }
    int cachedPageCount() const { return int(m_pages.size()); }

Q_SIGNALS:
    //! Stats arrived (or failed and the model fell back to fetchMore); rowCount/columns are set.
    void statsLoaded();
    //! A readable message for the view to show (the model never opens dialogs).
    void errorOccurred(const QString &message);

private:
    enum class Mode { Idle, LoadingStats, Paged, Incremental };

    struct Page
    {
        std::vector<api::Json> rows;
        std::list<int64_t>::iterator lruPosition;
    };

    void requestStats();
    void requestPage(int64_t page) const;
    void onPage(int64_t page, int generation, const api::Result<api::PaginatedResponse> &result);
    void storePage(int64_t page, std::vector<api::Json> rows);
    void addColumnsFrom(const std::vector<api::Json> &rows);
    const api::Json *cachedRow(int row) const;

    api::StackApi &m_api;
    QString m_datasetId;
    Mode m_mode = Mode::Idle;
    int m_generation = 0; //!< bumped on every reset; late answers for an older one are dropped
    int64_t m_rowCount = 0;
    bool m_hasMore = false; //!< Incremental mode: iterrows said there is more
    std::optional<api::DatasetStats> m_stats;
    std::vector<std::string> m_columns;

    // Page cache. Mutable because data() (const) is what discovers which pages are needed.
    mutable std::unordered_map<int64_t, Page> m_pages;
    mutable std::list<int64_t> m_lru; //!< front: most recently used
    mutable std::set<int64_t> m_inFlight;
    mutable std::unordered_map<int64_t, QString> m_failedPages;
};

} // namespace wb::ui
