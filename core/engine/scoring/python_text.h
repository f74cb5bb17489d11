#pragma once

// Python's str() of a JSON value, for the places where upstream turns a score or an answer into
// text and we must produce the same characters: categorical_count keys ("1.0", "0.5", "3",
// "None", "True") and the answers of rows whose columns are not strings.
//
//   float   → repr-style shortest round trip: 1.0 → "1.0", 1e16 → "1e+16", 1e-05 → "1e-05"
//   integer → "3";   bool → "True" / "False";   null → "None";   string → itself
//   array / object → their compact JSON text (Python would print its own list/dict syntax; no
//                    upstream result depends on that, so we keep the JSON form)

#include "api/json_io.h"

#include <string>

namespace wb::engine {

std::string pythonFloatRepr(double value);
std::string pythonStr(const api::Json &value);

//! The text of a row's answer column: a string as it is, anything else as its compact JSON text
//! (a JSONL row's number 42 → "42", so `expected_answer: 42` equals `generated_answer: "42"`).
std::string answerText(const api::Json &value);

} // namespace wb::engine
