#pragma once

// The on-disk row index of a dataset file: the byte offset where every row starts, plus the end
// offset, so a page of rows is one seek and one read however big the file is.
//
// File layout (native endianness; the index is a cache on this machine, never shipped):
//   IndexHeader (48 bytes) | uint64 offset[rowCount] | uint64 endOffset
// The index is memory-mapped, so looking up an offset costs no heap and the process memory does
// not grow with the file. It is keyed by a hash of the absolute source path and format, and is
// valid only while the source's size and modification time (ns) match the header.

#include "api/result.h"
#include "engine/datasets/file_formats.h"

#include <QFile>
#include <QSaveFile>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace wb::engine {

//! What a source file looked like when its index was built.
struct SourceStamp
{
    uint64_t size = 0;
    int64_t mtimeNs = 0;
    bool operator==(const SourceStamp &o) const { return size == o.size && mtimeNs == o.mtimeNs; }
    bool operator!=(const SourceStamp &o) const { return !(*this == o); }
};

//! Size and mtime of `path`; 404 "<displayName> not found" when missing, 400 when not a file.
api::Result<SourceStamp> stampOf(const QString &path, const std::string &displayName);

//! Streams row offsets into the index file being built; buffered so a scanner can call add() per
//! row without a syscall per row.
class OffsetWriter
{
public:
    explicit OffsetWriter(QSaveFile &file) : m_file(file) { m_buffer.reserve(kBufferEntries); }
    void add(uint64_t offset)
    {
        m_buffer.push_back(offset);
        ++m_count;
        if (m_buffer.size() == kBufferEntries)
            flush();
    }
    bool flush();
    uint64_t count() const { return m_count; }
    bool failed() const { return m_failed; }

private:
    static constexpr size_t kBufferEntries = 64 * 1024;
    QSaveFile &m_file;
    std::vector<uint64_t> m_buffer;
    uint64_t m_count = 0;
    bool m_failed = false;
};

//! Scans `source` (opened, positioned at 0) up to `size` bytes; calls out.add() with the start of
//! every row and finally returns the end offset (where the last row stops).
using RowScanner = std::function<api::Result<uint64_t>(QFile &source, uint64_t size, OffsetWriter &out)>;

class RowIndex
{
public:
    ~RowIndex();

    //! Maps the existing index for `sourcePath` if it matches `stamp` and `format`, otherwise scans
    //! the source with `scan` and writes a new one (atomically, so concurrent readers of an older
    //! mapping or another process never see a half-written file).
    static api::Result<std::shared_ptr<const RowIndex>>
    openOrBuild(const QString &sourcePath, const QString &indexDir, FileFormat format,
                const SourceStamp &stamp, const RowScanner &scan, const std::string &displayName);

    //! Where the index for `sourcePath` lives (for tests and cleanup).
    static QString indexPathFor(const QString &sourcePath, const QString &indexDir, FileFormat format);

    int64_t rowCount() const { return m_rowCount; }
    //! Start of row i for i in [0, rowCount); i == rowCount gives the end offset.
    uint64_t offset(int64_t i) const { return m_offsets[i]; }
    const SourceStamp &stamp() const { return m_stamp; }
    QString path() const { return m_file.fileName(); }

private:
    RowIndex() = default;
    bool map(const SourceStamp &stamp, FileFormat format);

    QFile m_file;
    const uint64_t *m_offsets = nullptr;
    int64_t m_rowCount = 0;
    SourceStamp m_stamp;
};

//! 1-based line number of byte `offset` in `path` (counts '\n' before it). Only for error messages:
//! it reads the file up to `offset`.
int64_t lineNumberAt(const QString &path, uint64_t offset);

} // namespace wb::engine
