#pragma once

// The RowSource for an XLSX file: converts the first sheet to JSONL in the index folder once per
// version of the file, then serves rows from that JSONL through a FileRowSource.

#include "engine/datasets/file_row_source.h"

namespace wb::engine {

class XlsxRowSource final : public RowSource
{
public:
    XlsxRowSource(QString path, QString indexDir, std::string displayName);

    api::Result<int64_t> rowCount() override;
    api::Result<std::vector<api::JsonObject>> readRows(int64_t start, int64_t count) override;
    std::vector<std::string> columns() override;
    std::string formatName() const override { return "xlsx"; }

    //! Where the converted sheet of this version of the file lives: keyed by path, size and mtime,
    //! so an edited workbook gets a fresh conversion and an unchanged one is never converted twice.
    static QString convertedPathFor(const QString &path, const SourceStamp &stamp, const QString &indexDir);

private:
    api::Result<std::shared_ptr<FileRowSource>> current();
    void removeOlderConversions(const QString &current) const;

    const QString m_path;
    const QString m_indexDir;
    const std::string m_displayName;

    std::mutex m_mutex; // guards the members below and serialises conversions
    SourceStamp m_stamp;
    std::shared_ptr<FileRowSource> m_jsonl;
};

} // namespace wb::engine
