#include "engine/inference/inference_service.h"

#include <exception>

namespace wb::engine {

namespace {

//! Runs `f`, turning anything thrown (libtorch, std::bad_alloc) into a 500.
template<typename T, typename F>
api::Result<T> guarded(F f)
{
    try {
        return f();
    } catch (const std::exception &e) {
        return api::Error::internal(std::string("unexpected failure: ") + e.what());
    } catch (...) {
        return api::Error::internal("unexpected failure");
    }
}

} // namespace

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

} // namespace wb::engine
