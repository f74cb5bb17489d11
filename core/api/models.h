#pragma once

// Schemas of Models (stable spec, /v1/models): the resource form and the OpenAI-compatible list.
//
// Where a model runs is its `provider_id`; what the workbench knows about it is in `metadata`
// (the list repeats it in `custom_metadata`, with `model_type` and `provider_id`, as upstream does):
//   provider_id "local"   a Hugging Face model folder run in-process by libtorch.
//                         metadata: path, source ("folder" | "hf-cache" | "registered"),
//                         architecture, parameters, context_length, tokenizer, chat_template
//   provider_id "openai"  an OpenAI-compatible endpoint (llama.cpp server, vLLM, Ollama, a Llama
//                         Stack server, another workbench). provider_resource_id = the model's
//                         name there. metadata: base_url, api_key (write-only: answered as "***")

#include "json_io.h"

namespace wb::api {

enum class ModelType { Llm, Embedding, Rerank };
template<>
struct EnumNames<ModelType>
{
    static constexpr std::pair<ModelType, const char *> table[] = {
        {ModelType::Llm, "llm"},
        {ModelType::Embedding, "embedding"},
        {ModelType::Rerank, "rerank"},
    };
};
WB_JSON_ENUM(ModelType)

//! {identifier, provider_resource_id?, provider_id, type:"model", metadata, model_type}
struct Model
{
    std::string identifier;
    std::optional<std::string> provider_resource_id;
    std::string provider_id;
    JsonObject metadata;                 //!< null or absent: {}
    ModelType model_type = ModelType::Llm;

    bool operator==(const Model &o) const
    {
        return identifier == o.identifier && provider_resource_id == o.provider_resource_id
            && provider_id == o.provider_id && metadata == o.metadata
            && model_type == o.model_type;
    }
};

//! {id, object:"model", created, owned_by, custom_metadata?}
struct OpenAIModel
{
    std::string id;
    int64_t created = 0; //!< Unix seconds
    std::string owned_by;
    std::optional<JsonObject> custom_metadata;

    bool operator==(const OpenAIModel &o) const
    {
        return id == o.id && created == o.created && owned_by == o.owned_by
            && custom_metadata == o.custom_metadata;
    }
};

struct OpenAIListModelsResponse
{
    std::vector<OpenAIModel> data;
    bool operator==(const OpenAIListModelsResponse &o) const { return data == o.data; }
};

//! POST /v1/models: {model_id, provider_model_id?, provider_id?, metadata?, model_type?}.
//! No provider_id: "local" when metadata.path is set, "openai" when metadata.base_url is set.
struct RegisterModelRequest
{
    std::string model_id;
    std::optional<std::string> provider_model_id;
    std::optional<std::string> provider_id;
    JsonObject metadata;
    std::optional<ModelType> model_type;

    bool operator==(const RegisterModelRequest &o) const
    {
        return model_id == o.model_id && provider_model_id == o.provider_model_id
            && provider_id == o.provider_id && metadata == o.metadata
            && model_type == o.model_type;
    }
};

void fromJson(const Json &j, Model &out, const std::string &path);
void fromJson(const Json &j, RegisterModelRequest &out, const std::string &path);
void fromJson(const Json &j, OpenAIModel &out, const std::string &path);
void fromJson(const Json &j, OpenAIListModelsResponse &out, const std::string &path);

Json toJson(const Model &v);
Json toJson(const RegisterModelRequest &v);
Json toJson(const OpenAIModel &v);
Json toJson(const OpenAIListModelsResponse &v);

} // namespace wb::api
