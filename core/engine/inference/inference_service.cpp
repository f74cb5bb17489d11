#include "engine/inference/inference_service.h"

#include "engine/guarded.h"

#include <exception>
#include <future>

namespace wb::engine {

InferenceService::InferenceService(ModelRegistry &registry, LocalModelCache &cache)
    : m_registry(registry), m_cache(cache)
{}

api::Result<InferenceService::Target> InferenceService::target(const std::string &principal,
                                                               const std::string &modelId)
{
    if (modelId.empty())
        return api::Error::badRequest("model: field required");
    auto resolved = m_registry.resolve(principal, modelId);
    if (!resolved)
        return resolved.error();
    const api::Model &model = resolved.value();
    if (model.model_type != api::ModelType::Llm)
        return api::Error::badRequest("Model '" + modelId + "' is an "
                                      + api::toJson(model.model_type).get<std::string>()
                                      + " model; chat and text completions need an llm");
    const api::Json &meta = model.metadata.value;
    if (const auto error = meta.find("error"); error != meta.end() && error->is_string())
        return api::Error::badRequest("Model '" + modelId + "' cannot run: " + error->get<std::string>());

    Target t;
    t.id = modelId;
    if (model.provider_id == ModelRegistry::kLocalProvider) {
        t.local = true;
        t.folder = QString::fromStdString(meta.value("path", ""));
    } else {
        t.local = false;
        t.endpoint.baseUrl = QUrl(QString::fromStdString(meta.value("base_url", "")));
        if (const auto key = meta.find("api_key"); key != meta.end() && key->is_string())
            t.endpoint.apiKey = key->get<std::string>();
        t.remoteName = model.provider_resource_id.value_or(modelId);
    }
    return t;
}

api::Result<api::ChatCompletion> InferenceService::chat(const Target &target,
                                                        const api::ChatCompletionRequest &request,
                                                        const api::ChatChunkSink &onChunk,
                                                        const api::CancelToken &cancel)
{
    return guarded<api::ChatCompletion>([&]() -> api::Result<api::ChatCompletion> {
        if (target.local) {
            auto model = m_cache.get(target.folder);
            if (!model)
                return model.error();
            return model.value()->chat(target.id, request, onChunk, cancel);
        }
        api::ChatCompletionRequest remote = request;
        remote.model = target.remoteName;
        api::ChatChunkSink sink;
        if (onChunk)
            sink = [&](const api::ChatCompletionChunk &chunk) {
                api::ChatCompletionChunk renamed = chunk;
                renamed.model = target.id;
                onChunk(renamed);
            };
        auto answer = openai::chatCompletion(target.endpoint, remote, sink, cancel);
        if (answer)
            answer.value().model = target.id;
        return answer;
    });
}

api::Result<api::Completion> InferenceService::complete(const Target &target,
                                                        const api::CompletionRequest &request,
                                                        const api::CompletionChunkSink &onChunk,
                                                        const api::CancelToken &cancel)
{
    return guarded<api::Completion>([&]() -> api::Result<api::Completion> {
        if (target.local) {
            auto model = m_cache.get(target.folder);
            if (!model)
                return model.error();
            return model.value()->complete(target.id, request, onChunk, cancel);
        }
        api::CompletionRequest remote = request;
        remote.model = target.remoteName;
        api::CompletionChunkSink sink;
        if (onChunk)
            sink = [&](const api::Completion &chunk) {
                api::Completion renamed = chunk;
                renamed.model = target.id;
                onChunk(renamed);
            };
        auto answer = openai::completion(target.endpoint, remote, sink, cancel);
        if (answer)
            answer.value().model = target.id;
        return answer;
    });
}

namespace {

//! Runs `one(i)` for every index on threads of their own, all at once (endpoint requests mostly
//! wait on the network), and collects the results in order.
template<typename F>
std::vector<api::Result<std::string>> concurrently(size_t n, F one)
{
    std::vector<std::future<api::Result<std::string>>> pending;
    pending.reserve(n);
    for (size_t i = 0; i < n; ++i)
        pending.push_back(std::async(std::launch::async, [&one, i] { return one(i); }));
    std::vector<api::Result<std::string>> out;
    out.reserve(n);
    for (auto &p : pending)
        out.push_back(p.get());
    return out;
}

} // namespace

std::vector<api::Result<std::string>> InferenceService::chatBatch(
    const Target &target, const std::vector<std::vector<api::ChatMessage>> &conversations,
    const api::CompletionSampling &sampling, const api::CancelToken &cancel)
{
    if (target.local) {
        auto all = guarded<std::vector<api::Result<std::string>>>(
            [&]() -> api::Result<std::vector<api::Result<std::string>>> {
                auto model = m_cache.get(target.folder);
                if (!model)
                    return model.error();
                return model.value()->chatBatch(conversations, sampling, cancel);
            });
        if (all)
            return std::move(all).value();
        return std::vector<api::Result<std::string>>(conversations.size(), all.error());
    }
    return concurrently(conversations.size(), [&](size_t i) -> api::Result<std::string> {
        api::ChatCompletionRequest request;
        request.model = target.id;
        request.messages = conversations[i];
        request.sampling = sampling;
        auto answer = chat(target, request, {}, cancel);
        if (!answer)
            return answer.error();
        if (answer->choices.empty())
            return api::Error::badGateway("the model '" + target.id + "' returned no choice");
        return answer->choices.front().message.content;
    });
}

std::vector<api::Result<std::string>> InferenceService::completeBatch(const Target &target,
                                                                      const std::vector<std::string> &prompts,
                                                                      const api::CompletionSampling &sampling,
                                                                      const api::CancelToken &cancel)
{
    if (target.local) {
        auto all = guarded<std::vector<api::Result<std::string>>>(
            [&]() -> api::Result<std::vector<api::Result<std::string>>> {
                auto model = m_cache.get(target.folder);
                if (!model)
                    return model.error();
                return model.value()->completeBatch(prompts, sampling, cancel);
            });
        if (all)
            return std::move(all).value();
        return std::vector<api::Result<std::string>>(prompts.size(), all.error());
    }
    return concurrently(prompts.size(), [&](size_t i) -> api::Result<std::string> {
        api::CompletionRequest request;
        request.model = target.id;
        request.prompts = {prompts[i]};
        request.sampling = sampling;
        auto answer = complete(target, request, {}, cancel);
        if (!answer)
            return answer.error();
        if (answer->choices.empty())
            return api::Error::badGateway("the model '" + target.id + "' returned no choice");
        return answer->choices.front().text;
    });
}

} // namespace wb::engine
