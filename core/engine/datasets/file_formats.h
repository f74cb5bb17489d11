#pragma once

// Dataset files on disk: format detection and the file-backed RowSource.
//
// Big files are never loaded whole: the first access scans the file once and writes a row index
// (byte offset of every row) under `indexDir`; the index is memory-mapped and pages are read by
// seeking. The index is rebuilt when the file's size or modification time changes. XLSX cannot be
// seeked, so its first sheet is converted once to a JSONL file in `indexDir` and read from there.
//
// Values: CSV/TSV cells stay strings (as upstream, pandas would keep JSON columns as strings); the
// first line is the header. JSONL: one JSON object per line, blank lines skipped. JSON: a top-level
// array of objects. Errors name the file and the 1-based line (or the array element).

#include "engine/datasets/row_source.h"

#include <memory>
#include <string>

namespace wb::engine {

enum class FileFormat { Unknown, Csv, Tsv, Jsonl, Json, Xlsx };

//! By extension of a path or URL (query and fragment ignored, case-insensitive):
//! .csv .tsv/.tab .jsonl/.ndjson .json .xlsx
FileFormat formatFromName(const std::string &nameOrUrl);
//! By MIME type (parameters ignored): text/csv, text/tab-separated-values, application/jsonl,
//! application/x-ndjson, application/json, the XLSX type; any other text/* → CSV (as upstream).
FileFormat formatFromMime(const std::string &mimeType);
const char *formatName(FileFormat format);

//! Opens `path` as `format`. Cheap: the index is built on the first rowCount()/readRows().
//! `displayName` is what errors call the file (the URI the user gave, not a cache path).
api::Result<std::unique_ptr<RowSource>> openFileRowSource(const std::string &path, FileFormat format,
                                                          const std::string &indexDir,
                                                          const std::string &displayName);

} // namespace wb::engine
