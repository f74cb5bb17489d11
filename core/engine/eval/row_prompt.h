#pragma once

// How eval turns a dataset row into a prompt, and a generated answer into the row scoring sees.
// The rules (docs/eval.md, "Prompts and answers"):
//
//   chat_completion_input  a JSON string or an array of {role, content} → chat: the candidate's
//                          system message, then the row's system messages, then its other
//                          messages (user AND assistant, in order: few-shot turns are kept;
//                          upstream drops assistant turns)
//   completion_input       a JSON string holding a string, or a plain string → text completion
//   messages               an array (or a JSON string of one) → chat, as chat_completion_input
//   input_query, question, prompt, input, problem (the first present)
//                          → chat: the candidate's system message and one user message
//   none of them           400 "input_rows[i]: no prompt column (...)"
//
// The scoring input is the row with generated_answer set (overwriting a column of that name),
// plus, when the row lacks them, expected_answer from answer / output / completion / target and
// input_query from the question column (or the last user message, or the completion prompt).

#include "api/common.h"
#include "api/inference.h"
#include "api/result.h"

#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

struct RowPrompt
{
    enum class Kind { Chat, Completion };
    Kind kind = Kind::Chat;
    std::vector<api::ChatMessage> messages; //!< Chat
    std::string prompt;                     //!< Completion
};

//! The prompt of row `index` (named in errors as input_rows[index]).
api::Result<RowPrompt> rowPrompt(const api::JsonObject &row,
                                 const std::optional<api::SystemMessage> &systemMessage, size_t index);

//! The row the scoring functions see (see above).
api::JsonObject scoringInput(const api::JsonObject &row, const RowPrompt *prompt,
                             const std::string &generatedAnswer);

} // namespace wb::engine
