#include "common.h"

namespace wb::api {

std::string readDiscriminator(const ObjectReader &r, const char *key)
{
    std::string type;
    r.required(key, type);
    return type;
}

void throwUnknownVariant(const std::string &path, const char *key, const std::string &value,
                         std::initializer_list<const char *> allowed)
{
    std::string names;
    for (const char *name : allowed) {
        names += names.empty() ? "" : ", ";
        names += std::string("'") + name + "'";
    }
    throw JsonError(joinPath(path, key), "'" + value + "' is not one of " + names);
}

void fromJson(const Json &j, Job &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_id", out.job_id);
    r.required("status", out.status);
}

Json toJson(const Job &v)
{
    return Json{{"job_id", v.job_id}, {"status", toJson(v.status)}};
}

// --- sampling ------------------------------------------------------------------------------------

void fromJson(const Json &j, GreedySamplingStrategy &, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "greedy");
}

void fromJson(const Json &j, TopPSamplingStrategy &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "top_p");
    r.optional("temperature", out.temperature);
    r.optional("top_p", out.top_p);
    if (out.temperature && !(*out.temperature > 0.0))
        throw JsonError(joinPath(path, "temperature"), "must be greater than 0");
}

void fromJson(const Json &j, TopKSamplingStrategy &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "top_k");
    r.required("top_k", out.top_k);
    if (out.top_k < 1)
        throw JsonError(joinPath(path, "top_k"), "must be at least 1");
}

void fromJson(const Json &j, SamplingStrategy &out, const std::string &path)
{
    ObjectReader r(j, path);
    const std::string type = readDiscriminator(r);
    if (type == "greedy") {
        out = GreedySamplingStrategy{};
    } else if (type == "top_p") {
        TopPSamplingStrategy s;
        fromJson(j, s, path);
        out = s;
    } else if (type == "top_k") {
        TopKSamplingStrategy s;
        fromJson(j, s, path);
        out = s;
    } else {
        throwUnknownVariant(path, "type", type, {"greedy", "top_p", "top_k"});
    }
}

void fromJson(const Json &j, SamplingParams &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("strategy", out.strategy);
    r.optional("max_tokens", out.max_tokens);
    r.optional("repetition_penalty", out.repetition_penalty);
    r.optional("stop", out.stop);
}

Json toJson(const GreedySamplingStrategy &)
{
    return Json{{"type", "greedy"}};
}

Json toJson(const TopPSamplingStrategy &v)
{
    Json o{{"type", "top_p"}};
    putOptional(o, "temperature", v.temperature);
    o["top_p"] = v.top_p;
    return o;
}

Json toJson(const TopKSamplingStrategy &v)
{
    return Json{{"type", "top_k"}, {"top_k", v.top_k}};
}

Json toJson(const SamplingStrategy &v)
{
    return std::visit([](const auto &s) { return toJson(s); }, v);
}

Json toJson(const SamplingParams &v)
{
    Json o = Json::object();
    o["strategy"] = toJson(v.strategy);
    putOptional(o, "max_tokens", v.max_tokens);
    o["repetition_penalty"] = v.repetition_penalty;
    putOptional(o, "stop", v.stop);
    return o;
}

// --- content -------------------------------------------------------------------------------------

void fromJson(const Json &j, URL &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("uri", out.uri);
}

Json toJson(const URL &v)
{
    return Json{{"uri", v.uri}};
}

void fromJson(const Json &j, ImageContentItem &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "image");
    const Json *image = r.find("image");
    if (!image || image->is_null())
        throw JsonError(joinPath(path, "image"), "field required");
    ObjectReader ir(*image, joinPath(path, "image"));
    ir.optional("url", out.url);
    ir.optional("data", out.data);
}

Json toJson(const ImageContentItem &v)
{
    Json image = Json::object();
    putOptional(image, "url", v.url);
    putOptional(image, "data", v.data);
    return Json{{"type", "image"}, {"image", image}};
}

void fromJson(const Json &j, TextContentItem &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "text");
    r.required("text", out.text);
}

Json toJson(const TextContentItem &v)
{
    return Json{{"type", "text"}, {"text", v.text}};
}

void fromJson(const Json &j, InterleavedContentItem &out, const std::string &path)
{
    ObjectReader r(j, path);
    const std::string type = readDiscriminator(r);
    if (type == "image") {
        ImageContentItem item;
        fromJson(j, item, path);
        out = std::move(item);
    } else if (type == "text") {
        TextContentItem item;
        fromJson(j, item, path);
        out = std::move(item);
    } else {
        throwUnknownVariant(path, "type", type, {"image", "text"});
    }
}

Json toJson(const InterleavedContentItem &v)
{
    return std::visit([](const auto &item) { return toJson(item); }, v);
}

void fromJson(const Json &j, InterleavedContent &out, const std::string &path)
{
    if (j.is_string()) {
        out = j.get<std::string>();
    } else if (j.is_object()) {
        InterleavedContentItem item;
        fromJson(j, item, path);
        out = std::move(item);
    } else if (j.is_array()) {
        std::vector<InterleavedContentItem> items;
        fromJson(j, items, path);
        out = std::move(items);
    } else {
        throw JsonError(path, std::string("expected a string, a content item or an array of "
                                          "content items, got ")
                                  + jsonTypeName(j));
    }
}

Json toJson(const InterleavedContent &v)
{
    return std::visit([](const auto &c) { return toJson(c); }, v);
}

void fromJson(const Json &j, SystemMessage &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("role", "system");
    r.required("content", out.content);
}

Json toJson(const SystemMessage &v)
{
    return Json{{"role", "system"}, {"content", toJson(v.content)}};
}

std::string contentText(const InterleavedContent &content)
{
    auto itemText = [](const InterleavedContentItem &item) {
        const auto *text = std::get_if<TextContentItem>(&item);
        return text ? text->text : std::string();
    };
    if (const auto *s = std::get_if<std::string>(&content))
        return *s;
    if (const auto *item = std::get_if<InterleavedContentItem>(&content))
        return itemText(*item);
    std::string out;
    for (const auto &item : std::get<std::vector<InterleavedContentItem>>(content))
        out += itemText(item);
    return out;
}

} // namespace wb::api
