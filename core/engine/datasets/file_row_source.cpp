#include "engine/datasets/file_row_source.h"

#include "engine/datasets/csv_parser.h"
#include "engine/datasets/file_jsonl_scanner.h"
#include "engine/datasets/json_array_scanner.h"

#include <algorithm>

namespace wb::engine {

FileRowSource::FileRowSource(QString path, FileFormat format, QString indexDir, std::string displayName)
    : m_path(std::move(path)), m_format(format), m_indexDir(std::move(indexDir))
    , m_displayName(std::move(displayName))
{
}

api::Result<std::shared_ptr<const FileRowSource::Snapshot>> FileRowSource::currentSnapshot()
{
    // One stat per call is the price of noticing an edited file; it is microseconds.
    const api::Result<SourceStamp> stamp = stampOf(m_path, m_displayName);
    if (!stamp)
        return stamp.error();
    std::lock_guard lock(m_mutex);
    if (m_snapshot && m_snapshot->index->stamp() == stamp.value())
        return m_snapshot;

    RowScanner scan;
    switch (m_format) {
    case FileFormat::Csv:
    case FileFormat::Tsv:
        scan = [this](QFile &f, uint64_t size, OffsetWriter &out) {
            return scanCsvRows(f, size, out, m_displayName, m_format == FileFormat::Tsv ? '\t' : ',');
        };
        break;
    case FileFormat::Jsonl:
        scan = [this](QFile &f, uint64_t size, OffsetWriter &out) {
            return scanJsonlRows(f, size, out, m_displayName);
        };
        break;
    case FileFormat::Json:
        scan = [this](QFile &f, uint64_t size, OffsetWriter &out) {
            return scanJsonArrayRows(f, size, out, m_displayName);
        };
        break;
    default:
        return api::Error::badRequest("Unsupported file type: " + m_displayName);
    }
    auto index = RowIndex::openOrBuild(m_path, m_indexDir, m_format, stamp.value(), scan, m_displayName);
    if (!index)
        return index.error();
    auto columns = loadColumns(index.value());
    if (!columns)
        return columns.error();
    m_snapshot = std::make_shared<const Snapshot>(Snapshot{index.value(), std::move(columns.value())});
    return m_snapshot;
}

api::Result<std::vector<std::string>>
FileRowSource::loadColumns(const std::shared_ptr<const RowIndex> &indexPtr) const
{
    const RowIndex &index = *indexPtr;
    if (m_format == FileFormat::Csv || m_format == FileFormat::Tsv) {
        // The header is everything before the first data row (or the whole file when it has none).
        const uint64_t headerEnd = index.rowCount() > 0 ? index.offset(0) : index.stamp().size;
        auto bytes = readRange(0, headerEnd);
        if (!bytes)
            return bytes.error();
        std::string_view text(bytes.value());
        text.remove_prefix(utf8BomLength(text.data(), text.size()));
        const auto records = parseCsvRecords(text, m_format == FileFormat::Tsv ? '\t' : ',');
        return records.empty() ? std::vector<std::string>{}
                               : columnNamesFromHeader(records.front().fields);
    }
    // Schemaless formats: the first row's keys are what a table view shows first.
    std::vector<std::string> columns;
    if (index.rowCount() == 0)
        return columns;
    auto bytes = readRange(index.offset(0), index.offset(1));
    if (!bytes)
        return bytes.error();
    auto rows = parsePage(Snapshot{indexPtr, {}}, 0, 1, bytes.value());
    if (!rows)
        return rows.error();
    for (auto it = rows.value().front().value.begin(); it != rows.value().front().value.end(); ++it)
        columns.push_back(it.key());
    return columns;
}

api::Result<int64_t> FileRowSource::rowCount()
{
    auto snapshot = currentSnapshot();
    if (!snapshot)
        return snapshot.error();
    return snapshot.value()->index->rowCount();
}

std::vector<std::string> FileRowSource::columns()
{
    std::lock_guard lock(m_mutex);
    return m_snapshot ? m_snapshot->columns : std::vector<std::string>{};
}

api::Result<std::vector<api::JsonObject>> FileRowSource::readRows(int64_t start, int64_t count)
{
    auto snapshot = currentSnapshot();
    if (!snapshot)
        return snapshot.error();
    const RowIndex &index = *snapshot.value()->index;
    const int64_t total = index.rowCount();
    start = std::clamp<int64_t>(start, 0, total);
    const int64_t end = start + std::min(std::max<int64_t>(count, 0), total - start);
    if (start == end)
        return std::vector<api::JsonObject>{};
    auto bytes = readRange(index.offset(start), index.offset(end));
    if (!bytes)
        return bytes.error();
    return parsePage(*snapshot.value(), start, end, bytes.value());
}

api::Result<std::string> FileRowSource::readRange(uint64_t from, uint64_t to) const
{
    // A QFile per call: concurrent pages never share a file position.
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (!file.exists())
            return api::Error::notFound(m_displayName + " not found");
        return api::Error::badRequest(m_displayName + " cannot be read: "
                                      + file.errorString().toStdString());
    }
    std::string bytes(size_t(to - from), '\0');
    if (!file.seek(qint64(from))
        || file.read(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return api::Error::badRequest(m_displayName + " cannot be read: "
                                      + file.errorString().toStdString());
    return bytes;
}

std::string FileRowSource::lineError(uint64_t offset, const std::string &what) const
{
    return m_displayName + ", line " + std::to_string(lineNumberAt(m_path, offset)) + ": " + what;
}

api::Result<std::vector<api::JsonObject>> FileRowSource::parsePage(const Snapshot &snapshot,
                                                                   int64_t start, int64_t end,
                                                                   const std::string &bytes) const
{
    const RowIndex &index = *snapshot.index;
    try {
        switch (m_format) {
        case FileFormat::Csv:
        case FileFormat::Tsv:
            return parseCsvPage(snapshot.columns, index.offset(start), bytes);
        case FileFormat::Jsonl:
            return parseJsonlPage(index.offset(start), bytes);
        case FileFormat::Json:
            return parseJsonPage(index, start, end, bytes);
        default:
            return api::Error::badRequest("Unsupported file type: " + m_displayName);
        }
    } catch (const std::exception &e) { // nlohmann (e.g. invalid UTF-8 on dump) never escapes
        return api::Error::badRequest(m_displayName + ": " + e.what());
    }
}

api::Result<std::vector<api::JsonObject>>
FileRowSource::parseCsvPage(const std::vector<std::string> &columns, uint64_t base,
                            const std::string &bytes) const
{
    const auto records = parseCsvRecords(bytes, m_format == FileFormat::Tsv ? '\t' : ',');
    std::vector<api::JsonObject> rows;
    rows.reserve(records.size());
    for (const auto &record : records) {
        if (record.fields.size() > columns.size())
            return api::Error::badRequest(lineError(
                base + record.offset, "row has " + std::to_string(record.fields.size())
                                          + " cells but the header has "
                                          + std::to_string(columns.size()) + " columns"));
        api::JsonObject row;
        for (size_t c = 0; c < columns.size(); ++c)
            row.value[columns[c]] = c < record.fields.size() ? record.fields[c] : std::string();
        rows.push_back(std::move(row));
    }
    return rows;
}

api::Result<std::vector<api::JsonObject>> FileRowSource::parseJsonlPage(uint64_t base,
                                                                       const std::string &bytes) const
{
    std::vector<api::JsonObject> rows;
    size_t pos = 0;
    while (pos < bytes.size()) {
        size_t eol = bytes.find('\n', pos);
        if (eol == std::string::npos)
            eol = bytes.size();
        const std::string_view line(bytes.data() + pos, eol - pos);
        const size_t lineStart = pos;
        pos = eol + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue; // blank lines are skipped, as the index scan does
        api::Json value = api::Json::parse(line.begin(), line.end(), nullptr, false);
        if (value.is_discarded())
            return api::Error::badRequest(lineError(base + lineStart, "invalid JSON"));
        if (!value.is_object())
            return api::Error::badRequest(lineError(base + lineStart, "expected a JSON object, got "
                                                                          + std::string(api::jsonTypeName(value))));
        rows.push_back(api::JsonObject{std::move(value)});
    }
    return rows;
}

api::Result<std::vector<api::JsonObject>> FileRowSource::parseJsonPage(const RowIndex &index,
                                                                      int64_t start, int64_t end,
                                                                      const std::string &bytes) const
{
    std::vector<api::JsonObject> rows;
    rows.reserve(size_t(end - start));
    const uint64_t base = index.offset(start);
    for (int64_t i = start; i < end; ++i) {
        const std::string_view range(bytes.data() + (index.offset(i) - base),
                                     index.offset(i + 1) - index.offset(i));
        const std::string_view text = trimJsonArrayElement(range);
        api::Json value = api::Json::parse(text.begin(), text.end(), nullptr, false);
        if (value.is_discarded() || !value.is_object())
            return api::Error::badRequest(lineError(index.offset(i), "array element "
                                                                          + std::to_string(i)
                                                                          + " is not a valid JSON object"));
        rows.push_back(api::JsonObject{std::move(value)});
    }
    return rows;
}

} // namespace wb::engine
