#pragma once

// POST /v1alpha/inference/rerank, synchronously: finds the rerank model a request names
// (rerank_models.h), checks the request, scores every item with that model and answers the
// spec's ranking. Split in two like InferenceService so the engine runs each step on the right
// threads: target() is a quick registry lookup, rerank() the long part (a forward pass per batch
// of items, or a blocking HTTP call).
//
// The ranking: by descending score, ties in input order, each index once, cut to
// max_num_results. Checks, before any work: an image part (query or item) → 400 "images are not
// supported by the model"; max_num_results below 1 or more than kMaxItems items → 400; no items →
// an empty ranking.
// Exceptions stop here and become a 500.

#include "api/cancel.h"
#include "api/rerank.h"
#include "engine/inference/local_model_cache.h"
#include "engine/models/registry.h"
#include "engine/rerank/bm25.h"
#include "engine/rerank/local_rerankers.h"
#include "engine/rerank/remote_rerank.h"

#include <QString>

namespace wb::engine {

class RerankService
{
public:
    //! More items than this in one request is a 400: the scores of every item are computed and
    //! sorted at once, and an LLM reranker runs one prompt per item.
    static constexpr size_t kMaxItems = 10000;

    RerankService(ModelRegistry &registry, LocalModelCache &cache);

    //! How a rerank model runs.
    struct Target
    {
        enum class Kind { Bm25, Llm, Embedding, Remote };
        std::string id; //!< as the caller named it
        Kind kind = Kind::Bm25;
        Bm25Params bm25;
        QString folder; //!< Llm, Embedding: the base model's folder
        LlmRerankOptions llm;
        EmbeddingRerankOptions embedding;
        RemoteRerankTarget remote;

        bool usesLocalModel() const { return kind == Kind::Llm || kind == Kind::Embedding; }
    };

    //! 400 for no model, a model that is not a rerank model, or a base model that cannot run;
    //! 404 for an unknown (or invisible) id.
    api::Result<Target> target(const std::string &principal, const std::string &modelId);

    api::Result<api::RerankResponse> rerank(const Target &target, const api::RerankRequest &request,
                                            const api::CancelToken &cancel);

    //! The request's checks (images, max_num_results), shared with the engine's early answer.
    static api::Status checkRequest(const api::RerankRequest &request);
    //! The ranking of `scores` (one per item) as the spec answers it.
    static api::RerankResponse ranking(const std::vector<double> &scores, std::optional<int> maxNumResults);

private:
    ModelRegistry &m_registry;
    LocalModelCache &m_cache;
};

} // namespace wb::engine
