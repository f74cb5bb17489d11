#pragma once

// XLSX (Office Open XML spreadsheet) reading: the first worksheet becomes a JSON Lines file, so the
// seekable JSONL reader can serve it. A zip cannot be seeked by row, and converting once is cheaper
// than unzipping the sheet on every page.

#include "api/result.h"

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace wb::engine {

//! Writes the first worksheet of `xlsxPath` to `jsonlPath` (atomically), one object per data row.
//! The first row is the header. Cells: shared and inline strings → strings, numbers → integers when
//! integral else doubles, booleans → true/false, error cells → their text, missing cells → null.
//! Rows with no cells are skipped. A broken archive or sheet → 400 naming `displayName`.
api::Status convertXlsxToJsonl(const QString &xlsxPath, const QString &jsonlPath,
                               const std::string &displayName);

//! Writes a zip archive with the given (name, content) entries, deflated. For building XLSX files
//! in tests and exports without exposing QuaZip to every target.
api::Status writeZipArchive(const QString &path,
                            const std::vector<std::pair<QString, QByteArray>> &entries);

} // namespace wb::engine
