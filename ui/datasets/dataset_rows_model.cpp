#include "dataset_rows_model.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <algorithm>
#include <limits>

namespace wb::ui {

namespace {
const QChar kLoading(0x2026); // "…"
const QChar kFailed(0x26A0);  // "⚠"
} // namespace

DatasetRowsModel::DatasetRowsModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

void DatasetRowsModel::setDataset(const QString &datasetId)
{
    beginResetModel();
    ++m_generation;
    m_datasetId = datasetId;
    m_mode = datasetId.isEmpty() ? Mode::Idle : Mode::LoadingStats;
    m_rowCount = 0;
    m_hasMore = false;
    m_stats.reset();
    m_columns.clear();
    m_pages.clear();
    m_lru.clear();
    m_inFlight.clear();
    m_failedPages.clear();
    endResetModel();
    if (!datasetId.isEmpty())
        requestStats();
}

void DatasetRowsModel::reload()
{
    setDataset(m_datasetId);
}

void DatasetRowsModel::requestStats()
{
    const int generation = m_generation;
    api::onResult(m_api.datasetStats(toStdString(m_datasetId)), this,
                  [this, generation](const api::Result<api::DatasetStats> &r) {
                      if (generation != m_generation)
                          return;
                      beginResetModel();
                      if (r) {
                          m_mode = Mode::Paged;
                          m_stats = r.value();
                          m_columns = r->columns;
                          m_rowCount = std::max<int64_t>(0, r->row_count);
                      } else {
                          m_mode = Mode::Incremental;
                          m_hasMore = true;
                      }
                      endResetModel();
                      if (!r)
                          Q_EMIT errorOccurred(errorMessage(
                              tr("Could not read the size of the dataset; rows are loaded as you scroll."),
                              r.error()));
                      Q_EMIT statsLoaded();
                      // Without columns the view asks for no cell, so nothing would ever load the
                      // first page that tells us the columns (schemaless JSON); ask for it here.
                      if (m_mode == Mode::Incremental)
                          fetchMore({});
                      else if (m_columns.empty() && m_rowCount > 0)
                          requestPage(0);
                  });
}

int DatasetRowsModel::rowCount(const QModelIndex &parent) const
{
    // A QAbstractItemModel row is an int; a source beyond 2^31 rows shows its first 2^31.
    return parent.isValid() ? 0 : int(std::min<int64_t>(m_rowCount, std::numeric_limits<int>::max()));
}

int DatasetRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

const api::Json *DatasetRowsModel::cachedRow(int row) const
{
    const int64_t page = row / PageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end())
        return nullptr;
    // Most recently used goes to the front; splice keeps the stored iterator valid.
    m_lru.splice(m_lru.begin(), m_lru, it->second.lruPosition);
    const size_t offset = size_t(row - page * PageSize);
    return offset < it->second.rows.size() ? &it->second.rows[offset] : nullptr;
}

std::optional<api::Json> DatasetRowsModel::rowJson(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    if (const api::Json *json = cachedRow(row))
        return *json;
    requestPage(row / PageSize);
    return std::nullopt;
}

QVariant DatasetRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != RowJsonRole)
        return {};

    const api::Json *row = cachedRow(index.row());
    if (!row) {
        const int64_t page = index.row() / PageSize;
        const auto failed = m_failedPages.find(page);
        if (failed != m_failedPages.end())
            return role == Qt::DisplayRole ? QVariant(QString(kFailed)) : QVariant(failed->second);
        requestPage(page);
        return role == Qt::DisplayRole ? QVariant(QString(kLoading)) : QVariant();
    }
    if (role == RowJsonRole)
        return compactJson(*row);

    const auto cell = row->find(m_columns[size_t(index.column())]);
    if (cell == row->end())
        return {};
    if (role == Qt::ToolTipRole) {
        // Long values are cut in the cell; the tooltip shows more (the detail pane shows all).
        const QString text = cell->is_string() ? toQString(cell->get<std::string>()) : compactJson(*cell);
        return text.size() > 60 ? QVariant(text.left(1000)) : QVariant();
    }
    return cellText(*cell);
}

QVariant DatasetRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return section < int(m_columns.size()) ? QVariant(toQString(m_columns[size_t(section)])) : QVariant();
    return QString::number(section); // 0-based, as iterrows' start_index
}

bool DatasetRowsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_mode == Mode::Incremental && m_hasMore
        && m_inFlight.count(m_rowCount / PageSize) == 0;
}

void DatasetRowsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(m_rowCount / PageSize);
}

void DatasetRowsModel::requestPage(int64_t page) const
{
    if (m_datasetId.isEmpty() || m_inFlight.count(page) || m_failedPages.count(page))
        return;
    if (m_mode == Mode::Paged && page * PageSize >= m_rowCount && !(page == 0 && m_columns.empty()))
        return;
    if (m_mode != Mode::Paged && m_mode != Mode::Incremental)
        return;
    m_inFlight.insert(page);
    // data() is const but discovering needed pages is its job; the answer mutates the cache.
    auto *self = const_cast<DatasetRowsModel *>(this);
    const int generation = m_generation;
    api::onResult(m_api.iterrows(toStdString(m_datasetId), page * PageSize, PageSize), self,
                  [self, page, generation](const api::Result<api::PaginatedResponse> &r) {
                      self->onPage(page, generation, r);
                  });
}

void DatasetRowsModel::onPage(int64_t page, int generation, const api::Result<api::PaginatedResponse> &result)
{
    if (generation != m_generation)
        return;
    m_inFlight.erase(page);
    const int first = int(page * PageSize);

    if (!result) {
        const QString message = errorMessage(tr("Could not read rows %1–%2.").arg(first).arg(first + PageSize - 1),
                                             result.error());
        m_failedPages[page] = message;
        if (first < rowCount())
            Q_EMIT dataChanged(index(first, 0), index(std::min(first + PageSize, rowCount()) - 1,
                                                      std::max(0, columnCount() - 1)));
        if (m_mode == Mode::Incremental)
            m_hasMore = false; // do not retry in a loop as the view keeps asking at the bottom
        Q_EMIT errorOccurred(message);
        return;
    }

    std::vector<api::Json> rows;
    rows.reserve(result->data.size());
    for (const api::JsonObject &o : result->data)
        rows.push_back(o.value);
    addColumnsFrom(rows);
    const int count = int(rows.size());
    storePage(page, std::move(rows));

    if (m_mode == Mode::Incremental && first == m_rowCount) {
        m_hasMore = result->has_more && count == PageSize;
        if (count > 0) {
            beginInsertRows({}, first, first + count - 1);
            m_rowCount += count;
            endInsertRows();
        }
        return;
    }
    const int last = std::min(first + count, rowCount()) - 1;
    if (last >= first && columnCount() > 0)
        Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void DatasetRowsModel::storePage(int64_t page, std::vector<api::Json> rows)
{
    const auto existing = m_pages.find(page);
    if (existing != m_pages.end()) { // a re-read (e.g. a short page asked for again)
        m_lru.erase(existing->second.lruPosition);
        m_pages.erase(existing);
    }
    m_lru.push_front(page);
    m_pages[page] = Page{std::move(rows), m_lru.begin()};
    while (int(m_pages.size()) > MaxPages) {
        const int64_t oldest = m_lru.back();
        m_lru.pop_back();
        m_pages.erase(oldest);
    }
}

void DatasetRowsModel::addColumnsFrom(const std::vector<api::Json> &rows)
{
    std::vector<std::string> added;
    for (const api::Json &row : rows) {
        if (!row.is_object())
            continue;
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (std::find(m_columns.begin(), m_columns.end(), it.key()) == m_columns.end()
                && std::find(added.begin(), added.end(), it.key()) == added.end())
                added.push_back(it.key());
        }
    }
    if (added.empty())
        return;
    const int first = int(m_columns.size());
    beginInsertColumns({}, first, first + int(added.size()) - 1);
    m_columns.insert(m_columns.end(), added.begin(), added.end());
    endInsertColumns();
}

} // namespace wb::ui
