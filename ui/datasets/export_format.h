#pragma once

// Row → line formatting for exports. Pure functions, so the worker threads can call them.

#include "api/json_io.h"

#include <string>
#include <vector>

namespace wb::ui {

enum class ExportFormat { Csv, Jsonl };

//! RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
std::string csvField(const std::string &value);
//! One record ending in CRLF (RFC 4180). Strings as-is, null/missing empty, others compact JSON.
std::string csvRecord(const api::Json &row, const std::vector<std::string> &columns);
std::string csvHeader(const std::vector<std::string> &columns);
//! One JSON object and "\n"; keys in the row's order.
std::string jsonlRecord(const api::Json &row);

} // namespace wb::ui
