#pragma once

// The IFEval instruction registry as llama-stack runs it (INSTRUCTION_DICT of
// providers/inline/scoring/basic/utils/ifeval_utils.py: the google-research checks, "strict" mode
// only, with llama-stack's multilingual sentence/word counting and quotation marks). The ids
// upstream leaves commented out (keywords:key_sentences, detectable_content:rephrase_paragraph,
// detectable_format:rephrase, multi-turn:constrained_start) are unknown here too.
//
// A check answers whether a response (the stripped generated answer) follows the instruction. It
// is built once per row from the instruction's kwargs and is pure: no state, any thread.

#include "api/json_io.h"
#include "api/result.h"

#include <QString>

#include <functional>
#include <string>
#include <vector>

namespace wb::engine::ifeval {

using Check = std::function<bool(const QString &response)>;

//! The check of instruction `id` given its kwargs (a JSON object without null values).
//! 400 "unknown instruction 'x'" for an id outside the registry; 400 naming the argument for
//! kwargs the instruction cannot take (missing, mistyped, out of range, unknown).
api::Result<Check> makeCheck(const std::string &id, const api::Json &kwargs);

//! Every instruction id of the registry, in upstream's order.
const std::vector<std::string> &instructionIds();

} // namespace wb::engine::ifeval
