#pragma once

// The rerankers that run a local causal model (a LocalModel from the cache), in-process:
//
//   llm        pointwise: each item is put to the model as one user message (kRelevancePrompt)
//              rendered by the model's chat template with the generation prompt; the score is the
//              probability of "yes" against "no" at the next token, P(yes) / (P(yes) + P(no)),
//              summing the first tokens of "yes"/" yes"/"Yes"/" Yes" (and the same for no).
//              In [0, 1]; 0.5 = the model cannot tell.
//   embedding  the query and each item are run through the model; their last hidden states
//              (after the final norm) are pooled (mean over tokens, or the last token) and the
//              score is (1 + cosine) / 2, in [0, 1].
//
// Items are run in batches (one batched forward pass each); the token is checked between
// batches: cancelled → Error::cancelled(). A text longer than the model's context is cut (the
// item's end is dropped, never the question). Errors: api::Result (400 for a model whose
// vocabulary has no token for "yes"/"no"; 500 for a failed forward pass).

#include "api/cancel.h"
#include "api/result.h"
#include "engine/models/local_model.h"

#include <string>
#include <vector>

namespace wb::engine {

//! The user message of the LLM reranker: {query}, {document} and {instruction} are replaced (once
//! each). The bundled starter model is trained on this exact form (docs/starter-model.md).
constexpr const char *kRelevancePrompt = "Query: {query}\nDocument: {document}\n{instruction}";
constexpr const char *kDefaultRelevanceInstruction =
    "Is the document relevant to the query? Answer yes or no.";

struct LlmRerankOptions
{
    //! Replaces kDefaultRelevanceInstruction when not empty.
    std::string instruction;
    int batchSize = 8;
};

struct EmbeddingRerankOptions
{
    std::string pooling = "mean"; //!< "mean" | "last"
    int batchSize = 8;
};

//! One score per item, in item order.
api::Result<std::vector<double>> llmRerankScores(const LocalModel &model, const std::string &query,
                                                 const std::vector<std::string> &items,
                                                 const LlmRerankOptions &options,
                                                 const api::CancelToken &cancel);
api::Result<std::vector<double>> embeddingRerankScores(const LocalModel &model, const std::string &query,
                                                       const std::vector<std::string> &items,
                                                       const EmbeddingRerankOptions &options,
                                                       const api::CancelToken &cancel);

} // namespace wb::engine
