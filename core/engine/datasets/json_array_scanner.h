#pragma once

// JSON array index scan: the byte offset of every element of a top-level array of objects, found
// by tracking string/escape state and bracket depth, without building any JSON value.

#include "api/result.h"
#include "engine/datasets/row_index.h"

#include <QFile>

#include <cstdint>
#include <string>
#include <string_view>

namespace wb::engine {

//! Reports the start of every element and returns the offset of the closing ']' (the end of the
//! last element's range). A document that is not an array, or an element that is not an object,
//! is a 400 naming the line and the 0-based element index. Errors inside an element's object are
//! found when its page is parsed.
api::Result<uint64_t> scanJsonArrayRows(QFile &source, uint64_t size, OffsetWriter &out,
                                        const std::string &displayName);

//! An element's text from its index range: drops the ',' and whitespace that follow it.
std::string_view trimJsonArrayElement(std::string_view range);

} // namespace wb::engine
