#pragma once

// The RowSource over a seekable text file (CSV, TSV, JSONL, JSON array) backed by a RowIndex.

#include "engine/datasets/file_formats.h"
#include "engine/datasets/row_index.h"

#include <QString>

#include <memory>
#include <mutex>

namespace wb::engine {

class FileRowSource final : public RowSource
{
public:
    FileRowSource(QString path, FileFormat format, QString indexDir, std::string displayName);

    api::Result<int64_t> rowCount() override;
    api::Result<std::vector<api::JsonObject>> readRows(int64_t start, int64_t count) override;
    std::vector<std::string> columns() override;
    std::string formatName() const override { return engine::formatName(m_format); }

private:
    //! An index with the columns read from that version of the file, swapped as one unit.
    struct Snapshot
    {
        std::shared_ptr<const RowIndex> index;
        std::vector<std::string> columns;
    };

    //! The index matching the file as it is now: built on first use, rebuilt when the file's size
    //! or mtime changed. Readers keep their shared_ptr, so a rebuild never pulls a mapping from
    //! under a concurrent page read.
    api::Result<std::shared_ptr<const Snapshot>> currentSnapshot();
    api::Result<std::vector<std::string>> loadColumns(const std::shared_ptr<const RowIndex> &index) const;
    api::Result<std::vector<api::JsonObject>> parsePage(const Snapshot &snapshot, int64_t start,
                                                        int64_t end, const std::string &bytes) const;
    api::Result<std::vector<api::JsonObject>> parseCsvPage(const std::vector<std::string> &columns,
                                                           uint64_t base, const std::string &bytes) const;
    api::Result<std::vector<api::JsonObject>> parseJsonlPage(uint64_t base, const std::string &bytes) const;
    api::Result<std::vector<api::JsonObject>> parseJsonPage(const RowIndex &index, int64_t start,
                                                            int64_t end, const std::string &bytes) const;
    std::string lineError(uint64_t offset, const std::string &what) const;
    api::Result<std::string> readRange(uint64_t from, uint64_t to) const;

    const QString m_path;
    const FileFormat m_format;
    const QString m_indexDir;
    const std::string m_displayName;

    std::mutex m_mutex; // guards m_snapshot and serialises index builds
    std::shared_ptr<const Snapshot> m_snapshot;
};

} // namespace wb::engine
