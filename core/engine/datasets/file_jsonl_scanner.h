#pragma once

// JSON Lines index scan: one row per non-blank line.

#include "api/result.h"
#include "engine/datasets/row_index.h"

#include <QFile>

#include <cstdint>
#include <string>

namespace wb::engine {

//! Reports the start of every non-blank line and returns the end offset. A line whose first
//! non-blank character is not '{' is a 400 "<displayName>, line N: ..." right away (cheap to see
//! while scanning); a line that starts like an object but is invalid JSON is reported when its page
//! is read, as validating every line would mean parsing the whole file up front.
api::Result<uint64_t> scanJsonlRows(QFile &source, uint64_t size, OffsetWriter &out,
                                    const std::string &displayName);

} // namespace wb::engine
