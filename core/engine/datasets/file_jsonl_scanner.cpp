#include "engine/datasets/file_jsonl_scanner.h"

#include "engine/datasets/csv_parser.h"

#include <cstring>
#include <vector>

namespace wb::engine {

api::Result<uint64_t> scanJsonlRows(QFile &source, uint64_t size, OffsetWriter &out,
                                    const std::string &displayName)
{
    std::vector<char> buffer(size_t(std::min<uint64_t>(8 << 20, std::max<uint64_t>(size, 1))));
    uint64_t base = 0;
    uint64_t lineStart = 0;
    int64_t line = 1;
    bool lineHasContent = false; // carried across chunks: a line may straddle two reads

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
            lineStart = uint64_t(p - b);
        }
        while (p < e) {
            if (!lineHasContent) {
                while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
                    ++p;
                if (p == e)
                    break;
                if (*p == '\n') { // blank line
                    ++p;
                    ++line;
                    lineStart = base + uint64_t(p - b);
                    continue;
                }
                if (*p != '{')
                    return api::Error::badRequest(displayName + ", line " + std::to_string(line)
                                                  + ": expected a JSON object");
                out.add(lineStart);
                lineHasContent = true;
            }
            const void *nl = std::memchr(p, '\n', size_t(e - p));
            if (!nl) {
                p = e;
                break;
            }
            p = static_cast<const char *>(nl) + 1;
            ++line;
            lineStart = base + uint64_t(p - b);
            lineHasContent = false;
        }
        base += uint64_t(got);
        if (out.failed())
            return api::Error::internal("cannot write the row index");
    }
    return size;
}

} // namespace wb::engine
