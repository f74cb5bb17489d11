#pragma once

// Which rerank models exist and how they are described (ModelRegistry lists them; RerankService
// runs them). All in-process rerankers have provider_id "local", model_type "rerank" and say in
// metadata.reranker what they are, and in metadata.score what their score means:
//
//   bm25                      built in: BM25 (english stemming, k1 1.2, b 0.75), bm25.h.
//   llm-rerank/<model>        for every local llm that can run: the pointwise LLM reranker on it
//                             (local_rerankers.h); metadata.base_model = <model>.
//   embedding-rerank/<model>  the same with the embedding reranker.
//
// Registered rerank models (POST /v1/models with model_type "rerank") choose their settings:
//   provider "local":  metadata.reranker "bm25" (language, k1, b), or "llm" / "embedding" with
//                      metadata.base_model (a local llm's id) and, for llm, instruction; for
//                      embedding, pooling ("mean" | "last").
//   provider "openai": metadata.base_url (+ api_key) and rerank_api "cohere" (the default),
//                      "tei" or "llama-stack" (remote_rerank.h); provider_model_id is the name
//                      there. Their scores are the backend's.

#include "api/models.h"
#include "api/result.h"

#include <optional>
#include <string>
#include <vector>

namespace wb::engine::rerank_models {

constexpr const char *kBm25Id = "bm25";
constexpr const char *kLlmPrefix = "llm-rerank/";
constexpr const char *kEmbeddingPrefix = "embedding-rerank/";

//! The built-in models that need no base model (bm25).
std::vector<api::Model> builtin();

//! The derived rerankers of a local llm `base` (llm-rerank/, embedding-rerank/); none when it is
//! not a local llm that can run.
std::vector<api::Model> derivedFrom(const api::Model &base);

//! For `llm-rerank/x` or `embedding-rerank/x`: x (which may itself contain '/').
std::optional<std::string> derivedBase(const std::string &id);

//! The ids registrations may not take: the built-ins' and the derived rerankers' prefixes.
bool isReserved(const std::string &id);

//! The stored metadata of a registration with model_type rerank and `provider` (local or openai),
//! defaults filled in; 400 naming the field otherwise.
api::Result<api::Json> validateRegistration(const std::string &provider, const api::Json &metadata);

} // namespace wb::engine::rerank_models
