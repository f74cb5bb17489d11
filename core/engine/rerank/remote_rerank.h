#pragma once

// Rerank on another server, for models registered with provider_id "openai" and model_type
// "rerank" (metadata.rerank_api says which protocol; docs/rerank.md):
//
//   cohere       POST {base_url}/rerank {model, query, documents:[str], top_n?}
//                → {results:[{index, relevance_score}]}   (Cohere and Jina; vLLM, llama.cpp's
//                server, GPUStack, Infinity). base_url is up to the version: ".../v1".
//   tei          POST {base_url}/rerank {query, texts:[str], raw_scores:false}
//                → [{index, score}]                        (Hugging Face text-embeddings-inference)
//   llama-stack  POST {base_url}/v1alpha/inference/rerank {model, query, items, max_num_results?}
//                → {data:[{index, relevance_score}]}       (a Llama Stack server, another
//                workbench). base_url is the server's root; a trailing "/v1" is dropped.
//
// The scores are the backend's own, unchanged (they may be raw logits, negative). The answer is
// checked: an index out of range or repeated, a missing score or a body of another shape is a
// 502 naming the endpoint. Read leniently where servers differ: the entries may come as a
// top-level array, `results` or `data`, the score as `relevance_score` or `score`, extra fields
// (document, id, usage) are ignored. top_n / max_num_results above the item count is sent as the
// item count.
// A failed call is a 502 with the backend's status and message ("... answered HTTP 500: CUDA
// out of memory"), also for a backend's 4xx: the request reached us fine, the backend failed it
// (as upstream answers for a failing provider). No connection: 502; no answer in the endpoint's
// timeout, 504; the token aborts the call (Error::cancelled()). Blocks the calling thread (a
// worker thread).

#include "api/cancel.h"
#include "api/rerank.h"
#include "openai/openai_client.h"

#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

enum class RemoteRerankApi { Cohere, Tei, LlamaStack };

//! "cohere", "tei", "llama-stack"; nullopt for anything else.
std::optional<RemoteRerankApi> parseRemoteRerankApi(const std::string &name);

struct RemoteRerankTarget
{
    openai::Endpoint endpoint;
    std::string model; //!< the model's name there (provider_resource_id)
    RemoteRerankApi api = RemoteRerankApi::Cohere;
};

//! (index, score) of the items the backend ranked, in the backend's order (not re-sorted);
//! `topN` is passed on when set.
api::Result<std::vector<api::RerankData>> remoteRerank(const RemoteRerankTarget &target,
                                                       const std::string &query,
                                                       const std::vector<std::string> &items,
                                                       std::optional<int> topN,
                                                       const api::CancelToken &cancel);

} // namespace wb::engine
