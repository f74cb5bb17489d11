#pragma once

// Schemas of Models (stable spec, /v1/models): the resource form and the OpenAI-compatible list.

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

void fromJson(const Json &j, Model &out, const std::string &path);
void fromJson(const Json &j, OpenAIModel &out, const std::string &path);
void fromJson(const Json &j, OpenAIListModelsResponse &out, const std::string &path);

Json toJson(const Model &v);
Json toJson(const OpenAIModel &v);
Json toJson(const OpenAIListModelsResponse &v);

} // namespace wb::api
