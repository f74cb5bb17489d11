#pragma once

// Chat and text completions, synchronously, for the model a request names: a local folder runs
// in-process (LocalModel, from the cache), an OpenAI-compatible endpoint is called with the
// model's name there (provider_resource_id) and its key. Answers and chunks always name the model
// by the id the caller used, whatever the endpoint calls it.
//
// Split in two steps so the engine can run each on the right threads: target() is a quick
// registry lookup; chat()/complete() is the long part (a generation, or a blocking HTTP call).
// Exceptions (libtorch) stop here and become a 500.

#include "api/cancel.h"
#include "api/inference.h"
#include "api/stack_api.h"
#include "engine/inference/local_model_cache.h"
#include "engine/models/registry.h"
#include "openai/openai_client.h"

namespace wb::engine {

class InferenceService
{
public:
    InferenceService(ModelRegistry &registry, LocalModelCache &cache);

    //! Where a model runs.
    struct Target
    {
        std::string id;           //!< as the caller named it
        bool local = true;
        QString folder;           //!< local
        openai::Endpoint endpoint; //!< remote
        std::string remoteName;   //!< remote: provider_resource_id
    };
    //! 400 for no model or one that cannot generate (not an llm, or a folder that cannot run);
    //! 404 for an unknown (or invisible) id.
    api::Result<Target> target(const std::string &principal, const std::string &modelId);

    api::Result<api::ChatCompletion> chat(const Target &target,
                                          const api::ChatCompletionRequest &request,
                                          const api::ChatChunkSink &onChunk,
                                          const api::CancelToken &cancel);
    api::Result<api::Completion> complete(const Target &target,
                                          const api::CompletionRequest &request,
                                          const api::CompletionChunkSink &onChunk,
                                          const api::CancelToken &cancel);

    //! One answer text per conversation / prompt, all with the same sampling (eval's rows). A
    //! local model generates them in one batched generate() (LocalModel::chatBatch); an endpoint
    //! gets them as concurrent requests, all in flight at once. Each entry has its own result, so
    //! one prompt too long for the context fails only its row. Cancelled: the entries end early;
    //! the caller checks its token.
    std::vector<api::Result<std::string>> chatBatch(const Target &target,
                                                    const std::vector<std::vector<api::ChatMessage>> &conversations,
                                                    const api::CompletionSampling &sampling,
                                                    const api::CancelToken &cancel);
    std::vector<api::Result<std::string>> completeBatch(const Target &target,
                                                        const std::vector<std::string> &prompts,
                                                        const api::CompletionSampling &sampling,
                                                        const api::CancelToken &cancel);

private:
    ModelRegistry &m_registry;
    LocalModelCache &m_cache;
};

} // namespace wb::engine
