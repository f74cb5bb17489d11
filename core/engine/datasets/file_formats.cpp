#include "engine/datasets/file_formats.h"

#include "util/text.h"

#include "engine/datasets/file_row_source.h"
#include "engine/datasets/xlsx_row_source.h"

#include <QFileInfo>

#include <algorithm>
#include <cctype>

namespace wb::engine {
namespace {

using util::lowerAscii;
using util::trimmedSpaces;

} // namespace

FileFormat formatFromName(const std::string &nameOrUrl)
{
    std::string name = nameOrUrl.substr(0, nameOrUrl.find_first_of("?#"));
    if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos)
        name.erase(0, slash + 1);
    const auto dot = name.rfind('.');
    if (dot == std::string::npos)
        return FileFormat::Unknown;
    const std::string ext = lowerAscii(name.substr(dot + 1));
    if (ext == "csv")
        return FileFormat::Csv;
    if (ext == "tsv" || ext == "tab")
        return FileFormat::Tsv;
    if (ext == "jsonl" || ext == "ndjson")
        return FileFormat::Jsonl;
    if (ext == "json")
        return FileFormat::Json;
    if (ext == "xlsx")
        return FileFormat::Xlsx;
    return FileFormat::Unknown;
}

FileFormat formatFromMime(const std::string &mimeType)
{
    const std::string mime = lowerAscii(trimmedSpaces(mimeType.substr(0, mimeType.find(';'))));
    if (mime == "text/csv")
        return FileFormat::Csv;
    if (mime == "text/tab-separated-values")
        return FileFormat::Tsv;
    if (mime == "application/jsonl" || mime == "application/x-ndjson"
        || mime == "application/x-jsonlines" || mime == "application/jsonlines")
        return FileFormat::Jsonl;
    if (mime == "application/json")
        return FileFormat::Json;
    if (mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return FileFormat::Xlsx;
    if (mime.rfind("text/", 0) == 0) // upstream reads any other text as CSV
        return FileFormat::Csv;
    return FileFormat::Unknown;
}

const char *formatName(FileFormat format)
{
    switch (format) {
    case FileFormat::Csv: return "csv";
    case FileFormat::Tsv: return "tsv";
    case FileFormat::Jsonl: return "jsonl";
    case FileFormat::Json: return "json";
    case FileFormat::Xlsx: return "xlsx";
    case FileFormat::Unknown: break;
    }
    return "unknown";
}

api::Result<std::unique_ptr<RowSource>> openFileRowSource(const std::string &path, FileFormat format,
                                                          const std::string &indexDir,
                                                          const std::string &displayName)
{
    if (format == FileFormat::Unknown)
        return api::Error::badRequest("Unsupported file type: " + displayName);
    const QString qpath = QString::fromStdString(path);
    // Fail early on a missing file so registration reports it; reads check again later.
    if (auto stamp = stampOf(qpath, displayName); !stamp)
        return stamp.error();
    if (!QFileInfo(qpath).isReadable())
        return api::Error::badRequest(displayName + " cannot be read: permission denied");
    const QString qindexDir = QString::fromStdString(indexDir);
    if (format == FileFormat::Xlsx)
        return std::unique_ptr<RowSource>(std::make_unique<XlsxRowSource>(qpath, qindexDir, displayName));
    return std::unique_ptr<RowSource>(std::make_unique<FileRowSource>(qpath, format, qindexDir, displayName));
}

} // namespace wb::engine
