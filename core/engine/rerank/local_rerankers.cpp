#include "engine/rerank/local_rerankers.h"

// PLACEHOLDER: implemented by the local rerankers work package.

namespace wb::engine {

api::Result<std::vector<double>> llmRerankScores(const LocalModel &, const std::string &,
                                                 const std::vector<std::string> &,
                                                 const LlmRerankOptions &, const api::CancelToken &)
{
    return api::Error::make(501, "the LLM reranker is not implemented yet");
}

api::Result<std::vector<double>> embeddingRerankScores(const LocalModel &, const std::string &,
                                                       const std::vector<std::string> &,
                                                       const EmbeddingRerankOptions &,
                                                       const api::CancelToken &)
{
    return api::Error::make(501, "the embedding reranker is not implemented yet");
}

} // namespace wb::engine
