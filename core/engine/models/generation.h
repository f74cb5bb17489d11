#pragma once

// Text generation on a CausalLm: batched prompts, greedy / temperature + top-k + top-p sampling,
// repetition, frequency and presence penalties, seeds, stop strings, max tokens, streaming and
// cancellation. Torch-free: sampling works on the float logits CausalLm::forward returns.
//
// Determinism: with a seed, the same model, prompts and parameters give the same tokens, whatever
// the batch composition (each sequence has its own generator, seeded with seed + index).
//
// Errors: api::Result (400 for bad parameters naming them, 500 for a failed forward pass).

#include "causal_lm.h"

#include "api/cancel.h"
#include "api/result.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

class Tokenizer;

struct SamplingConfig
{
    double temperature = 0.0;      //!< 0: greedy (argmax), top-k/top-p ignored
    double topP = 1.0;             //!< (0, 1]
    int topK = 0;                  //!< 0: off
    double repetitionPenalty = 1.0; //!< > 0; HF semantics (divide positive logits, multiply negative)
    double frequencyPenalty = 0.0; //!< OpenAI semantics, over generated tokens
    double presencePenalty = 0.0;
    std::optional<uint64_t> seed;  //!< unset: a random seed per call
};

struct GenerationRequest
{
    std::vector<std::vector<int>> prompts; //!< token ids, one list per sequence (batched)
    int maxNewTokens = 256;
    SamplingConfig sampling;
    std::vector<std::string> stop;  //!< stop strings: generation ends before them, not included
    std::vector<int> eosTokenIds;   //!< any of them ends the sequence (not included in the text)
};

enum class FinishReason { Stop, Length, Cancelled };
const char *finishReasonName(FinishReason r); //!< "stop", "length", "cancelled"

struct GeneratedSequence
{
    std::vector<int> tokens; //!< generated ids (without the prompt; eos not included)
    std::string text;        //!< decoded, cut before a stop string
    FinishReason finish = FinishReason::Length;
    int promptTokens = 0;
};

//! Called with text as it becomes final for sequence `index` (held back while it could still be
//! the start of a stop string, and while a UTF-8 character is incomplete). The pieces of one
//! sequence concatenate to its GeneratedSequence::text. Called on the generating thread.
using TextSink = std::function<void(int index, const std::string &piece)>;

api::Result<std::vector<GeneratedSequence>> generate(const CausalLm &model,
                                                     const Tokenizer &tokenizer,
                                                     const GenerationRequest &request,
                                                     const TextSink &onText = {},
                                                     const api::CancelToken &cancel = {});

} // namespace wb::engine
