#include "engine/rerank/rerank_models.h"

#include "engine/rerank/bm25.h"
#include "engine/rerank/remote_rerank.h"

namespace wb::engine::rerank_models {

namespace {

constexpr const char *kLocal = "local";

constexpr const char *kBm25Score =
    "BM25 of the item for the query, divided by the request's highest: 1 = the best match of this "
    "request, 0 = no query term; not comparable across requests";
constexpr const char *kLlmScore =
    "P(yes) / (P(yes) + P(no)) of the base model's next token after a relevance prompt, in [0, 1]; "
    "0.5 = undecided";
constexpr const char *kEmbeddingScore =
    "(1 + cosine) / 2 of the pooled last hidden states of query and item, in [0, 1]";
constexpr const char *kRemoteScore = "the remote reranker's own score, unchanged (may be a raw logit)";

api::Model rerankModel(std::string id, api::Json metadata)
{
    api::Model m;
    m.provider_resource_id = id;
    m.identifier = std::move(id);
    m.provider_id = kLocal;
    m.model_type = api::ModelType::Rerank;
    m.metadata.value = std::move(metadata);
    return m;
}

bool startsWith(const std::string &s, const char *prefix)
{
    return s.rfind(prefix, 0) == 0;
}

api::Result<double> number(const api::Json &meta, const char *key, double fallback, double lo, double hi,
                           const char *range)
{
    const auto it = meta.find(key);
    if (it == meta.end() || it->is_null())
        return fallback;
    if (!it->is_number())
        return api::Error::badRequest(std::string("metadata.") + key + ": expected a number");
    const double v = it->get<double>();
    if (!(v >= lo && v <= hi))
        return api::Error::badRequest(std::string("metadata.") + key + ": expected " + range
                                      + ", got " + it->dump());
    return v;
}

api::Result<std::string> string(const api::Json &meta, const char *key, const std::string &fallback)
{
    const auto it = meta.find(key);
    if (it == meta.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        return api::Error::badRequest(std::string("metadata.") + key + ": expected a string");
    return it->get<std::string>();
}

} // namespace

std::vector<api::Model> builtin()
{
    return {rerankModel(kBm25Id, api::Json{{"reranker", "bm25"},
                                           {"language", "english"},
                                           {"k1", 1.2},
                                           {"b", 0.75},
                                           {"score", kBm25Score}})};
}

std::vector<api::Model> derivedFrom(const api::Model &base)
{
    const api::Json &meta = base.metadata.value;
    if (base.provider_id != kLocal || base.model_type != api::ModelType::Llm || meta.contains("error"))
        return {};
    return {rerankModel(kLlmPrefix + base.identifier,
                        api::Json{{"reranker", "llm"}, {"base_model", base.identifier}, {"score", kLlmScore}}),
            rerankModel(kEmbeddingPrefix + base.identifier,
                        api::Json{{"reranker", "embedding"},
                                  {"base_model", base.identifier},
                                  {"pooling", "mean"},
                                  {"score", kEmbeddingScore}})};
}

std::optional<std::string> derivedBase(const std::string &id)
{
    for (const char *prefix : {kLlmPrefix, kEmbeddingPrefix})
        if (startsWith(id, prefix) && id.size() > std::char_traits<char>::length(prefix))
            return id.substr(std::char_traits<char>::length(prefix));
    return std::nullopt;
}

bool isReserved(const std::string &id)
{
    for (const api::Model &m : builtin())
        if (m.identifier == id)
            return true;
    return startsWith(id, kLlmPrefix) || startsWith(id, kEmbeddingPrefix);
}

api::Result<api::Json> validateRegistration(const std::string &provider, const api::Json &metadata)
{
    api::Json out = metadata.is_object() ? metadata : api::Json::object();
    if (provider != kLocal) { // openai: the endpoint itself is checked by the registry
        auto apiName = string(out, "rerank_api", "cohere");
        if (!apiName)
            return apiName.error();
        if (!parseRemoteRerankApi(apiName.value()))
            return api::Error::badRequest("metadata.rerank_api: expected 'cohere', 'tei' or "
                                          "'llama-stack', got '" + apiName.value() + "'");
        out["rerank_api"] = apiName.value();
        if (!out.contains("score"))
            out["score"] = kRemoteScore;
        return out;
    }
    // An in-process reranker has no folder or endpoint of its own; a path here would be stored
    // unchecked and read by whatever takes a model's path.
    for (const char *key : {"path", "base_url"})
        if (out.contains(key))
            return api::Error::badRequest(std::string("metadata.") + key
                                          + ": an in-process reranker has none; name its base model in "
                                            "metadata.base_model");
    auto kind = string(out, "reranker", "");
    if (!kind)
        return kind.error();
    if (kind.value() == "bm25") {
        auto language = string(out, "language", "english");
        if (!language)
            return language.error();
        if (!bm25LanguageSupported(language.value())) {
            std::string known;
            for (const std::string &l : bm25Languages())
                known += (known.empty() ? "" : ", ") + l;
            return api::Error::badRequest("metadata.language: no stemmer for '" + language.value()
                                          + "'; known: " + known);
        }
        auto k1 = number(out, "k1", 1.2, 0.0, 100.0, "a number from 0 to 100");
        if (!k1)
            return k1.error();
        auto b = number(out, "b", 0.75, 0.0, 1.0, "a number from 0 to 1");
        if (!b)
            return b.error();
        out["language"] = language.value();
        out["k1"] = k1.value();
        out["b"] = b.value();
        out["score"] = kBm25Score;
        return out;
    }
    if (kind.value() == "llm" || kind.value() == "embedding") {
        auto base = string(out, "base_model", "");
        if (!base)
            return base.error();
        if (base->empty())
            return api::Error::badRequest("metadata.base_model: the id of a local llm is required");
        if (kind.value() == "llm") {
            auto instruction = string(out, "instruction", "");
            if (!instruction)
                return instruction.error();
            out["score"] = kLlmScore;
        } else {
            auto pooling = string(out, "pooling", "mean");
            if (!pooling)
                return pooling.error();
            if (pooling.value() != "mean" && pooling.value() != "last")
                return api::Error::badRequest("metadata.pooling: expected 'mean' or 'last', got '"
                                              + pooling.value() + "'");
            out["pooling"] = pooling.value();
            out["score"] = kEmbeddingScore;
        }
        return out;
    }
    return api::Error::badRequest("metadata.reranker: expected 'bm25', 'llm' or 'embedding'"
                                  + (kind->empty() ? std::string() : ", got '" + kind.value() + "'"));
}

} // namespace wb::engine::rerank_models
