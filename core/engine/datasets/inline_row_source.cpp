#include "engine/datasets/row_source.h"

#include <algorithm>

namespace wb::engine {
namespace {

class InlineRowSource final : public RowSource
{
public:
    explicit InlineRowSource(std::vector<api::JsonObject> rows) : m_rows(std::move(rows))
    {
        // Columns in first-seen order over all rows, as a table view would show them.
        for (const auto &row : m_rows)
            collectColumns(row, m_columns);
    }

    api::Result<int64_t> rowCount() override { return int64_t(m_rows.size()); }

    api::Result<std::vector<api::JsonObject>> readRows(int64_t start, int64_t count) override
    {
        const auto total = int64_t(m_rows.size());
        start = std::clamp<int64_t>(start, 0, total);
        const int64_t end = std::min(total, start + std::max<int64_t>(count, 0));
        return std::vector<api::JsonObject>(m_rows.begin() + start, m_rows.begin() + end);
    }

    std::vector<std::string> columns() override { return m_columns; }
    std::string formatName() const override { return "rows"; }

private:
    const std::vector<api::JsonObject> m_rows; // immutable after construction: safe to share
    std::vector<std::string> m_columns;
};

} // namespace

void collectColumns(const api::JsonObject &row, std::vector<std::string> &columns)
{
    for (auto it = row.value.begin(); it != row.value.end(); ++it)
        if (std::find(columns.begin(), columns.end(), it.key()) == columns.end())
            columns.push_back(it.key());
}

std::unique_ptr<RowSource> makeInlineRowSource(std::vector<api::JsonObject> rows)
{
    return std::make_unique<InlineRowSource>(std::move(rows));
}

} // namespace wb::engine
