#pragma once

// RFC 4180 CSV (and TSV with a tab delimiter): the fast row scan that builds the index, and the
// field parser for a page of rows.
//
// Both agree on what a row is: a record ends at a '\n' outside quotes; a "\r\n" ending is the same
// row; blank lines (empty or a lone '\r') are skipped, as pandas does; a UTF-8 BOM is stripped.

#include "api/result.h"
#include "engine/datasets/row_index.h"

#include <QFile>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wb::engine {

//! Length of a UTF-8 byte-order mark at the start of `data` (0 or 3).
size_t utf8BomLength(const char *data, size_t size);

//! Index scanner: reports the start of every data row (the header record is skipped) and returns
//! the end offset. Only quote state is tracked, with memchr over large chunks, so it runs at
//! memory speed. As in parseCsvRecords (and pandas), a quote opens a quoted field only at the start
//! of a field; a stray quote inside unquoted text (`5" screen`) is a literal character. An
//! unterminated quote at the end of the file is a 400 naming the line it opened.
api::Result<uint64_t> scanCsvRows(QFile &source, uint64_t size, OffsetWriter &out,
                                  const std::string &displayName, char delimiter);

struct CsvRecord
{
    size_t offset = 0; //!< where the record starts within the parsed text (for error lines)
    std::vector<std::string> fields;
};

//! Parses every record of `text` (whole records only). Lenient like most readers: a quote inside an
//! unquoted field is kept, and characters after a closing quote are appended to the field.
std::vector<CsvRecord> parseCsvRecords(std::string_view text, char delimiter);

//! Column names from header cells: empty names become "Unnamed: <i>" and repeats get ".1", ".2"
//! (pandas' rules), because row objects need unique keys.
std::vector<std::string> columnNamesFromHeader(const std::vector<std::string> &cells);

} // namespace wb::engine
