#include "rerank.h"

namespace wb::api {

void fromJson(const Json &j, OpenAIImageURL &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("url", out.url);
    r.optional("detail", out.detail);
}

Json toJson(const OpenAIImageURL &v)
{
    Json o = Json::object();
    o["url"] = v.url;
    putOptional(o, "detail", v.detail);
    return o;
}

void fromJson(const Json &j, TextContentPart &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "text");
    r.required("text", out.text);
}

Json toJson(const TextContentPart &v)
{
    return Json{{"type", "text"}, {"text", v.text}};
}

void fromJson(const Json &j, ImageUrlContentPart &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "image_url");
    r.required("image_url", out.image_url);
}

Json toJson(const ImageUrlContentPart &v)
{
    return Json{{"type", "image_url"}, {"image_url", toJson(v.image_url)}};
}

void fromJson(const Json &j, RerankInput &out, const std::string &path)
{
    if (j.is_string()) {
        out = j.get<std::string>();
        return;
    }
    if (!j.is_object())
        throw JsonError(path, std::string("expected a string, a text part or an image_url part, got ")
                                  + jsonTypeName(j));
    ObjectReader r(j, path);
    // Without `type`, pydantic's plain union still matches a part by its fields.
    std::string type;
    r.optional("type", type);
    if (type.empty())
        type = r.has("text") ? "text" : r.has("image_url") ? "image_url" : "";
    if (type == "text") {
        TextContentPart part;
        fromJson(j, part, path);
        out = std::move(part);
    } else if (type == "image_url") {
        ImageUrlContentPart part;
        fromJson(j, part, path);
        out = std::move(part);
    } else if (r.has("type")) {
        throw JsonError(joinPath(path, "type"), "'" + type + "' is not one of 'text', 'image_url'");
    } else {
        throw JsonError(path, "expected a string, a text part or an image_url part");
    }
}

Json toJson(const RerankInput &v)
{
    return std::visit([](const auto &x) { return toJson(x); }, v);
}

std::optional<std::string> rerankText(const RerankInput &input)
{
    if (const auto *s = std::get_if<std::string>(&input))
        return *s;
    if (const auto *t = std::get_if<TextContentPart>(&input))
        return t->text;
    return std::nullopt;
}

void fromJson(const Json &j, RerankRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("model", out.model);
    r.required("query", out.query);
    r.required("items", out.items);
    r.optional("max_num_results", out.max_num_results);
}

Json toJson(const RerankRequest &v)
{
    Json o = Json::object();
    o["model"] = v.model;
    o["query"] = toJson(v.query);
    o["items"] = toJson(v.items);
    putOptional(o, "max_num_results", v.max_num_results);
    return o;
}

void fromJson(const Json &j, RerankData &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("index", out.index);
    r.required("relevance_score", out.relevance_score);
}

Json toJson(const RerankData &v)
{
    return Json{{"index", v.index}, {"relevance_score", v.relevance_score}};
}

void fromJson(const Json &j, RerankResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const RerankResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

} // namespace wb::api
