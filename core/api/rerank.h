#pragma once

// Schemas of rerank (experimental spec, POST /v1alpha/inference/rerank).

#include "json_io.h"

#include <variant>

namespace wb::api {

//! OpenAIImageURL: {url, detail?}
struct OpenAIImageURL
{
    std::string url;
    std::optional<std::string> detail;
    bool operator==(const OpenAIImageURL &o) const { return url == o.url && detail == o.detail; }
};

//! OpenAIChatCompletionContentPartTextParam: {type:"text", text}
struct TextContentPart
{
    std::string text;
    bool operator==(const TextContentPart &o) const { return text == o.text; }
};

//! OpenAIChatCompletionContentPartImageParam: {type:"image_url", image_url}
struct ImageUrlContentPart
{
    OpenAIImageURL image_url;
    bool operator==(const ImageUrlContentPart &o) const { return image_url == o.image_url; }
};

//! A query or an item: a string, a text part or an image_url part. The spec's oneOf has no
//! discriminator, so a part without `type` is recognised by its `text` / `image_url` key.
using RerankInput = std::variant<std::string, TextContentPart, ImageUrlContentPart>;

//! The text of a string or text part; nullopt for an image (upstream answers 400 for those).
std::optional<std::string> rerankText(const RerankInput &input);

struct RerankRequest
{
    std::string model;
    RerankInput query;
    std::vector<RerankInput> items;
    std::optional<int> max_num_results; //!< truncates the ranking; more than the items: all

    bool operator==(const RerankRequest &o) const
    {
        return model == o.model && query == o.query && items == o.items
            && max_num_results == o.max_num_results;
    }
};

//! `index` into the request's items; higher `relevance_score` = more relevant (may be a raw,
//! negative logit).
struct RerankData
{
    int64_t index = 0;
    double relevance_score = 0.0;
    bool operator==(const RerankData &o) const
    {
        return index == o.index && relevance_score == o.relevance_score;
    }
};

struct RerankResponse
{
    std::vector<RerankData> data; //!< by descending relevance
    bool operator==(const RerankResponse &o) const { return data == o.data; }
};

void fromJson(const Json &j, OpenAIImageURL &out, const std::string &path);
void fromJson(const Json &j, TextContentPart &out, const std::string &path);
void fromJson(const Json &j, ImageUrlContentPart &out, const std::string &path);
void fromJson(const Json &j, RerankInput &out, const std::string &path);
void fromJson(const Json &j, RerankRequest &out, const std::string &path);
void fromJson(const Json &j, RerankData &out, const std::string &path);
void fromJson(const Json &j, RerankResponse &out, const std::string &path);

Json toJson(const OpenAIImageURL &v);
Json toJson(const TextContentPart &v);
Json toJson(const ImageUrlContentPart &v);
Json toJson(const RerankInput &v);
Json toJson(const RerankRequest &v);
Json toJson(const RerankData &v);
Json toJson(const RerankResponse &v);

} // namespace wb::api
