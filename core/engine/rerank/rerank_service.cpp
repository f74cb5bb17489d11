#include "engine/rerank/rerank_service.h"

#include "engine/guarded.h"

#include <QUrl>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb::engine {

namespace {

std::string metaString(const api::Json &meta, const char *key, const std::string &fallback = {})
{
    const auto it = meta.find(key);
    return it != meta.end() && it->is_string() ? it->get<std::string>() : fallback;
}

double metaNumber(const api::Json &meta, const char *key, double fallback)
{
    const auto it = meta.find(key);
    return it != meta.end() && it->is_number() ? it->get<double>() : fallback;
}

} // namespace

RerankService::RerankService(ModelRegistry &registry, LocalModelCache &cache)
    : m_registry(registry), m_cache(cache)
{}

api::Result<RerankService::Target> RerankService::target(const std::string &principal,
                                                         const std::string &modelId)
{
    if (modelId.empty())
        return api::Error::badRequest("model: field required");
    auto resolved = m_registry.resolve(principal, modelId);
    if (!resolved)
        return resolved.error();
    const api::Model &model = resolved.value();
    if (model.model_type != api::ModelType::Rerank)
        return api::Error::badRequest("Model '" + modelId + "' is an "
                                      + api::toJson(model.model_type).get<std::string>()
                                      + " model; rerank needs a rerank model such as bm25 or "
                                        "llm-rerank/<a local llm> (see the models list)");
    const api::Json &meta = model.metadata.value;
    Target t;
    t.id = modelId;
    if (model.provider_id == ModelRegistry::kOpenAiProvider) {
        t.kind = Target::Kind::Remote;
        t.remote.endpoint.baseUrl = QUrl(QString::fromStdString(metaString(meta, "base_url")));
        t.remote.endpoint.apiKey = metaString(meta, "api_key");
        t.remote.model = model.provider_resource_id.value_or(modelId);
        const auto api = parseRemoteRerankApi(metaString(meta, "rerank_api", "cohere"));
        if (!api)
            return api::Error::internal("Model '" + modelId + "' has an unknown rerank_api");
        t.remote.api = *api;
        return t;
    }
    const std::string kind = metaString(meta, "reranker");
    if (kind.empty()) // a cross-encoder folder (…ForSequenceClassification) found on disk
        return api::Error::badRequest(
            "Model '" + modelId + "' is a sequence-classification (cross-encoder) folder, which this "
            "engine does not run; serve it with text-embeddings-inference or vLLM and register that "
            "endpoint as a remote reranker, or use bm25 or llm-rerank/<a local llm>");
    if (const auto error = meta.find("error"); error != meta.end() && error->is_string())
        return api::Error::badRequest("Model '" + modelId + "' cannot run: " + error->get<std::string>());
    if (kind == "bm25") {
        t.kind = Target::Kind::Bm25;
        t.bm25.language = metaString(meta, "language", t.bm25.language);
        t.bm25.k1 = metaNumber(meta, "k1", t.bm25.k1);
        t.bm25.b = metaNumber(meta, "b", t.bm25.b);
        return t;
    }
    if (kind != "llm" && kind != "embedding")
        return api::Error::internal("Model '" + modelId + "' has an unknown reranker '" + kind + "'");
    t.kind = kind == "llm" ? Target::Kind::Llm : Target::Kind::Embedding;
    t.llm.instruction = metaString(meta, "instruction");
    t.embedding.pooling = metaString(meta, "pooling", "mean");

    const std::string baseId = metaString(meta, "base_model");
    auto base = m_registry.resolve(principal, baseId);
    if (!base) {
        if (base.error().status == 404)
            return api::Error::badRequest("Model '" + modelId + "' reranks with base model '" + baseId
                                          + "', which is not there any more");
        return base.error();
    }
    const api::Json &baseMeta = base->metadata.value;
    if (base->provider_id != ModelRegistry::kLocalProvider || base->model_type != api::ModelType::Llm)
        return api::Error::badRequest("Model '" + modelId + "' needs a local llm as its base model; '"
                                      + baseId + "' is not one");
    if (const auto error = baseMeta.find("error"); error != baseMeta.end() && error->is_string())
        return api::Error::badRequest("Model '" + modelId + "' cannot run: its base model '" + baseId
                                      + "' cannot run: " + error->get<std::string>());
    t.folder = QString::fromStdString(metaString(baseMeta, "path"));
    return t;
}

api::Status RerankService::checkRequest(const api::RerankRequest &request)
{
    // Upstream answers 400 for image parts (no provider supports media); so do we, up front.
    if (!rerankText(request.query))
        return api::Error::badRequest("query: images are not supported by the model; give a string "
                                      "or a text part");
    for (size_t i = 0; i < request.items.size(); ++i)
        if (!rerankText(request.items[i]))
            return api::Error::badRequest("items[" + std::to_string(i)
                                          + "]: images are not supported by the model; give a "
                                            "string or a text part");
    if (request.items.size() > kMaxItems)
        return api::Error::badRequest("items: at most " + std::to_string(kMaxItems)
                                      + " items per request, got " + std::to_string(request.items.size()));
    if (request.max_num_results && *request.max_num_results < 1)
        return api::Error::badRequest("max_num_results: must be at least 1, got "
                                      + std::to_string(*request.max_num_results));
    return {};
}

api::RerankResponse RerankService::ranking(const std::vector<double> &scores,
                                           std::optional<int> maxNumResults)
{
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    // NaN (a broken remote score) sorts last rather than breaking the order.
    auto key = [&](size_t i) { return std::isnan(scores[i]) ? -HUGE_VAL : scores[i]; };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) > key(b); });
    if (maxNumResults && size_t(*maxNumResults) < order.size())
        order.resize(size_t(*maxNumResults));
    api::RerankResponse out;
    out.data.reserve(order.size());
    for (size_t i : order)
        out.data.push_back(api::RerankData{int64_t(i), scores[i]});
    return out;
}

api::Result<api::RerankResponse> RerankService::rerank(const Target &target,
                                                       const api::RerankRequest &request,
                                                       const api::CancelToken &cancel)
{
    return guarded<api::RerankResponse>([&]() -> api::Result<api::RerankResponse> {
        if (auto ok = checkRequest(request); !ok)
            return ok.error();
        if (request.items.empty())
            return api::RerankResponse{};
        const std::string query = *rerankText(request.query);
        std::vector<std::string> items;
        items.reserve(request.items.size());
        for (const api::RerankInput &item : request.items)
            items.push_back(*rerankText(item));

        switch (target.kind) {
        case Target::Kind::Bm25:
            return ranking(bm25Scores(query, items, target.bm25), request.max_num_results);
        case Target::Kind::Llm:
        case Target::Kind::Embedding: {
            auto model = m_cache.get(target.folder);
            if (!model)
                return model.error();
            auto scores = target.kind == Target::Kind::Llm
                              ? llmRerankScores(*model.value(), query, items, target.llm, cancel)
                              : embeddingRerankScores(*model.value(), query, items, target.embedding, cancel);
            if (!scores)
                return scores.error();
            return ranking(scores.value(), request.max_num_results);
        }
        case Target::Kind::Remote: {
            auto ranked = remoteRerank(target.remote, query, items, request.max_num_results, cancel);
            if (!ranked)
                return ranked.error();
            // The backend's ranking, re-sorted (the spec promises descending scores) and cut; items
            // it left out (its own top_n) stay out.
            std::vector<double> scores(items.size(), -HUGE_VAL);
            std::vector<bool> present(items.size(), false);
            for (const api::RerankData &d : ranked.value()) {
                if (d.index < 0 || size_t(d.index) >= items.size()) // remoteRerank checks; be sure
                    return api::Error::badGateway("the reranker answered an index out of range: "
                                                  + std::to_string(d.index));
                scores[size_t(d.index)] = d.relevance_score;
                present[size_t(d.index)] = true;
            }
            api::RerankResponse all = ranking(scores, std::nullopt);
            api::RerankResponse out;
            for (const api::RerankData &d : all.data)
                if (present[size_t(d.index)]
                    && (!request.max_num_results || out.data.size() < size_t(*request.max_num_results)))
                    out.data.push_back(d);
            return out;
        }
        }
        return api::Error::internal("unknown reranker");
    });
}

} // namespace wb::engine
