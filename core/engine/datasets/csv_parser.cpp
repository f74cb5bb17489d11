#include "engine/datasets/csv_parser.h"

#include <cstring>
#include <set>

namespace wb::engine {
namespace {

constexpr qint64 kChunkSize = 8 << 20; // large reads: the scan is memchr-bound, not syscall-bound

inline const char *findOrEnd(const char *p, const char *e, char c)
{
    const void *hit = std::memchr(p, c, size_t(e - p));
    return hit ? static_cast<const char *>(hit) : e;
}

} // namespace

size_t utf8BomLength(const char *data, size_t size)
{
    return size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

api::Result<uint64_t> scanCsvRows(QFile &source, uint64_t size, OffsetWriter &out,
                                  const std::string &displayName, char delimiter)
{
    std::vector<char> buffer(size_t(std::min<uint64_t>(kChunkSize, std::max<uint64_t>(size, 1))));
    bool inQuotes = false;
    uint64_t closingQuoteEnd = UINT64_MAX; // offset just after the last closing quote
    bool headerSeen = false;
    uint64_t recordStart = 0;
    char lastByteOfPreviousChunk = 0;
    uint64_t base = 0;

    // A record [recordStart, end) is blank when it is empty or a lone '\r' (a blank CRLF line).
    auto endRecord = [&](uint64_t end, char byteBeforeEnd) {
        const uint64_t len = end - recordStart;
        const bool blank = len == 0 || (len == 1 && byteBeforeEnd == '\r');
        if (blank)
            return;
        if (headerSeen)
            out.add(recordStart);
        headerSeen = true;
    };

    while (base < size) {
        const qint64 want = qint64(std::min<uint64_t>(buffer.size(), size - base));
        const qint64 got = source.read(buffer.data(), want);
        if (got <= 0)
            return api::Error::badRequest(displayName + " cannot be read: "
                                          + source.errorString().toStdString());
        const char *b = buffer.data();
        const char *e = b + got;
        const char *p = b;
        if (base == 0) {
            p += utf8BomLength(b, size_t(got));
            recordStart = uint64_t(p - b);
        }
        // Cached next '\n' and next '"': each byte is looked at by memchr at most once per
        // character class, however many quotes a line has.
        const char *nl = findOrEnd(p, e, '\n');
        const char *qt = findOrEnd(p, e, '"');
        while (p < e) {
            if (qt < p)
                qt = findOrEnd(p, e, '"');
            if (inQuotes) {
                if (qt == e) {
                    p = e;
                    break;
                }
                inQuotes = false; // a "" escape closes and reopens: the state comes out right
                p = qt + 1;
                closingQuoteEnd = base + uint64_t(p - b);
                continue;
            }
            if (nl < p)
                nl = findOrEnd(p, e, '\n');
            if (qt < nl) {
                // Opens a quoted field only at a field start; right after a closing quote it is
                // the second half of a "" escape. Anywhere else it is a literal character.
                const uint64_t at = base + uint64_t(qt - b);
                const char before = qt > b ? qt[-1] : lastByteOfPreviousChunk;
                if (at == recordStart || at == closingQuoteEnd || before == delimiter)
                    inQuotes = true;
                p = qt + 1;
                continue;
            }
            if (nl == e) {
                p = e;
                break;
            }
            const char before = nl > b ? nl[-1] : lastByteOfPreviousChunk;
            endRecord(base + uint64_t(nl - b), before);
            p = nl + 1;
            recordStart = base + uint64_t(p - b);
        }
        lastByteOfPreviousChunk = e[-1];
        base += uint64_t(got);
        if (out.failed())
            return api::Error::internal("cannot write the row index");
    }
    if (inQuotes)
        return api::Error::badRequest(displayName + ", line "
                                      + std::to_string(lineNumberAt(source.fileName(), recordStart))
                                      + ": unterminated quoted field");
    if (recordStart < size)
        endRecord(size, lastByteOfPreviousChunk);
    return size;
}

std::vector<CsvRecord> parseCsvRecords(std::string_view text, char delimiter)
{
    std::vector<CsvRecord> records;
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        // Blank lines are not records (the index scan skips them the same way).
        if (text[i] == '\n') {
            ++i;
            continue;
        }
        if (text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')) {
            i += 2;
            continue;
        }
        CsvRecord record;
        record.offset = i;
        bool endOfRecord = false;
        while (!endOfRecord) {
            std::string field;
            if (i < n && text[i] == '"') {
                ++i;
                while (i < n) {
                    const size_t q = text.find('"', i);
                    if (q == std::string_view::npos) { // unterminated: the scan rejects this
                        field.append(text.substr(i));
                        i = n;
                        break;
                    }
                    field.append(text.substr(i, q - i));
                    i = q + 1;
                    if (i < n && text[i] == '"') {
                        field.push_back('"');
                        ++i;
                        continue;
                    }
                    break;
                }
            }
            // Unquoted text, or whatever follows a closing quote, up to the delimiter or newline.
            while (i < n && text[i] != delimiter && text[i] != '\n')
                field.push_back(text[i++]);
            if (i >= n || text[i] == '\n') {
                if (!field.empty() && field.back() == '\r')
                    field.pop_back();
                endOfRecord = true;
            }
            ++i; // past the delimiter or the newline
            record.fields.push_back(std::move(field));
        }
        records.push_back(std::move(record));
    }
    return records;
}

std::vector<std::string> columnNamesFromHeader(const std::vector<std::string> &cells)
{
    std::vector<std::string> names;
    std::set<std::string> used;
    names.reserve(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
        std::string name = cells[i].empty() ? "Unnamed: " + std::to_string(i) : cells[i];
        if (used.count(name)) {
            int k = 1;
            while (used.count(name + "." + std::to_string(k)))
                ++k;
            name += "." + std::to_string(k);
        }
        used.insert(name);
        names.push_back(std::move(name));
    }
    return names;
}

} // namespace wb::engine
