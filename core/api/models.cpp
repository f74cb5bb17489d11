#include "models.h"

namespace wb::api {

void fromJson(const Json &j, Model &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "model");
    r.required("identifier", out.identifier);
    r.optional("provider_resource_id", out.provider_resource_id);
    r.required("provider_id", out.provider_id);
    r.optional("metadata", out.metadata);
    r.optional("model_type", out.model_type);
}

Json toJson(const Model &v)
{
    Json o = Json::object();
    o["identifier"] = v.identifier;
    putOptional(o, "provider_resource_id", v.provider_resource_id);
    o["provider_id"] = v.provider_id;
    o["type"] = "model";
    o["metadata"] = v.metadata.value;
    o["model_type"] = toJson(v.model_type);
    return o;
}

void fromJson(const Json &j, RegisterModelRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("model_id", out.model_id);
    r.optional("provider_model_id", out.provider_model_id);
    r.optional("provider_id", out.provider_id);
    r.optional("metadata", out.metadata);
    r.optional("model_type", out.model_type);
}

Json toJson(const RegisterModelRequest &v)
{
    Json o = Json::object();
    o["model_id"] = v.model_id;
    putOptional(o, "provider_model_id", v.provider_model_id);
    putOptional(o, "provider_id", v.provider_id);
    o["metadata"] = v.metadata.value;
    putOptional(o, "model_type", v.model_type);
    return o;
}

void fromJson(const Json &j, OpenAIModel &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("id", out.id);
    r.constant("object", "model");
    r.required("created", out.created);
    r.required("owned_by", out.owned_by);
    r.optional("custom_metadata", out.custom_metadata);
}

Json toJson(const OpenAIModel &v)
{
    Json o = Json::object();
    o["id"] = v.id;
    o["object"] = "model";
    o["created"] = v.created;
    o["owned_by"] = v.owned_by;
    putOptional(o, "custom_metadata", v.custom_metadata);
    return o;
}

void fromJson(const Json &j, OpenAIListModelsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const OpenAIListModelsResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

} // namespace wb::api
