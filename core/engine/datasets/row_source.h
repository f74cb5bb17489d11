#pragma once

// A RowSource reads the rows of one dataset source (a file, inline rows, a remote service) by
// position. The dataset service stacks appended rows (from the store) after it.
//
// Contract:
//   - Thread-safe: readRows/rowCount may be called from several engine threads at once.
//   - rowCount() may do the expensive first pass (e.g. build the on-disk row index) and caches it.
//   - readRows(start, count) returns rows [start, min(start+count, rowCount())); start may be
//     >= rowCount() (empty result). Rows are JSON objects whose keys keep the source's column order.
//   - Errors follow core/api/error.h: 400 for bad data (detail names file and line), 404 for a
//     missing file, 502 for an upstream failure. Nothing here changes stored state.

#include "api/datasets.h"
#include "api/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace wb::engine {

class RowSource
{
public:
    virtual ~RowSource() = default;

    virtual api::Result<int64_t> rowCount() = 0;
    virtual api::Result<std::vector<api::JsonObject>> readRows(int64_t start, int64_t count) = 0;
    //! Column names in source order (after rowCount() succeeded; may be empty for schemaless JSON).
    virtual std::vector<std::string> columns() = 0;
    //! "csv", "tsv", "jsonl", "json", "xlsx", "rows", "huggingface".
    virtual std::string formatName() const = 0;
};

//! Appends the keys of `row` that `columns` lacks, keeping first-seen order.
void collectColumns(const api::JsonObject &row, std::vector<std::string> &columns);

//! Inline rows of a RowsDataSource.
std::unique_ptr<RowSource> makeInlineRowSource(std::vector<api::JsonObject> rows);

} // namespace wb::engine
