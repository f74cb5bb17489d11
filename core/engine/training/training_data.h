#pragma once

// Dataset rows → token sequences for training, torch-free (engine/training/trainer.h consumes
// them). The rules (docs/training.md):
//
// Supervised fine-tuning, DataConfig::data_format:
// - "instruct": a prompt and an answer per row, from the first of these that the row has:
//   `chat_completion_input` (a JSON string or a list of messages; every message is kept, the
//   last user turn is the prompt) + `expected_answer`; `question`/`answer`; `input`/`output`;
//   `prompt`/`completion`; `input_query`/`expected_answer`. The conversation
//   [..messages, {assistant: answer}] is rendered with the model's chat template.
// - "dialog": a `messages` (or upstream's `dialog`) column: a list of messages, or a JSON string of
//   one, with at least one assistant turn. Every assistant turn is a target.
// Only assistant answers are trained on (labels of everything else are kIgnore), unless
// train_on_input. Sequences longer than `maxLength` are truncated (counted in the summary); a row
// that cannot be read is a 400 naming the dataset, the row index and the column.
//
// Preference optimisation: `prompt`, `chosen`, `rejected`, each a string or a list of messages
// (the prompt's messages are rendered with the chat template and a generation prompt; a chosen or
// rejected message list contributes its assistant contents, joined with "\n").
//
// Threading: pure functions.

#include "api/post_training.h"
#include "api/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wb::engine {

class Tokenizer;
class ChatTemplate;

//! Label of a position that is not trained on (as torch's ignore_index).
constexpr int kIgnore = -100;

//! One training sequence: labels[i] is the target for predicting tokens[i] from tokens[0..i-1],
//! i.e. labels are aligned with tokens (the model shifts), kIgnore where not trained.
struct SftExample
{
    std::vector<int> tokens;
    std::vector<int> labels;
};

struct PreferenceExample
{
    std::vector<int> prompt;   //!< rendered prompt, generation prompt included
    std::vector<int> chosen;   //!< answer tokens after the prompt, end-of-turn included
    std::vector<int> rejected;
};

struct DataSummary
{
    int64_t rows = 0;
    int64_t truncated = 0;     //!< sequences cut at maxLength
    int64_t skipped = 0;       //!< rows left out: truncation cut off everything they train on
    int64_t trainedTokens = 0; //!< labels that are not kIgnore
    int64_t tokens = 0;
};

struct EncodeOptions
{
    api::DatasetFormat format = api::DatasetFormat::Instruct;
    bool trainOnInput = false;
    int maxLength = 512; //!< the model's context, or less
    std::string datasetId; //!< for error messages
};

api::Result<std::vector<SftExample>> encodeSftRows(const std::vector<api::JsonObject> &rows,
                                                   const Tokenizer &tokenizer,
                                                   const ChatTemplate &chatTemplate,
                                                   const EncodeOptions &options,
                                                   DataSummary *summary = nullptr);

api::Result<std::vector<PreferenceExample>> encodePreferenceRows(const std::vector<api::JsonObject> &rows,
                                                                 const Tokenizer &tokenizer,
                                                                 const ChatTemplate &chatTemplate,
                                                                 const EncodeOptions &options,
                                                                 DataSummary *summary = nullptr);

//! A batch of B sequences padded to T: row-major (B, T). Padding has token `padId`, label kIgnore
//! and segment -1. `segments` numbers the documents within a row (0, 1, ... when packed, all 0
//! otherwise); attention never crosses a segment and positions restart at each segment.
struct SftBatch
{
    int B = 0;
    int T = 0;
    std::vector<int> tokens;    //!< (B, T)
    std::vector<int> labels;    //!< (B, T)
    std::vector<int> segments;  //!< (B, T)
    std::vector<int> positions; //!< (B, T) position ids
    int64_t trainedTokens() const; //!< labels that are not kIgnore
    int64_t realTokens() const;    //!< tokens that are not padding
};

struct BatchPlan
{
    int batchSize = 1;
    bool shuffle = false;
    uint64_t seed = 0;   //!< the order of epoch e is a function of (seed, e)
    bool packed = false; //!< concatenate examples into rows of maxLength tokens
    int maxLength = 512;
    int padId = 0;
    //! Upstream drops the last incomplete batch (drop_last=True); so do we, unless that leaves
    //! no batch at all.
    bool dropLast = true;
};

//! The batches of one epoch, in order. Deterministic in (examples, plan, epoch).
std::vector<SftBatch> makeSftBatches(const std::vector<SftExample> &examples, const BatchPlan &plan, int epoch);

//! The example order of one epoch (a seeded shuffle, or identity), for preference batches.
std::vector<size_t> epochOrder(size_t count, const BatchPlan &plan, int epoch);

} // namespace wb::engine
