#include "engine/rerank/remote_rerank.h"

// The three wire formats (remote_rerank.h) share one exchange: POST a JSON body, map the
// transport and HTTP failures the way openai_client does (blocking_http.h, error_body.h), then
// read the answer strictly, because the service re-sorts by index and a wrong index would rank
// another item than the one the backend scored.

#include "openai/blocking_http.h"
#include "openai/error_body.h"

#include <QString>

#include <cmath>
#include <set>

namespace wb::engine {

using api::Json;

namespace {

constexpr int kSnippetChars = 200; //!< how much of an unreadable answer the error shows

const char *protocolName(RemoteRerankApi api)
{
    switch (api) {
    case RemoteRerankApi::Cohere:
        return "cohere";
    case RemoteRerankApi::Tei:
        return "tei";
    case RemoteRerankApi::LlamaStack:
        return "llama-stack";
    }
    return "?";
}

//! {base_url}{path}; for llama-stack the base is the server's root, so a "/v1" the user copied
//! from an OpenAI-style URL is dropped.
QUrl rerankUrl(const RemoteRerankTarget &target)
{
    QUrl url = target.endpoint.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (target.api == RemoteRerankApi::LlamaStack) {
        if (base.endsWith(QLatin1String("/v1")))
            base.chop(3);
        url.setPath(base + QLatin1String("/v1alpha/inference/rerank"));
    } else {
        url.setPath(base + QLatin1String("/rerank"));
    }
    return url;
}

Json requestBody(const RemoteRerankTarget &target, const std::string &query,
                 const std::vector<std::string> &items, std::optional<int> topN)
{
    // A top_n above the item count is clamped: Cohere-style servers differ in whether they
    // accept it, and the answer is the same.
    std::optional<int> n;
    if (topN)
        n = std::min<int64_t>(*topN, int64_t(items.size()));
    switch (target.api) {
    case RemoteRerankApi::Cohere: {
        Json body{{"model", target.model}, {"query", query}, {"documents", items}};
        if (n)
            body["top_n"] = *n;
        return body;
    }
    case RemoteRerankApi::Tei:
        // TEI serves one model and has no top_n: the service cuts the ranking itself.
        return Json{{"query", query}, {"texts", items}, {"raw_scores", false}};
    case RemoteRerankApi::LlamaStack: {
        Json body{{"model", target.model}, {"query", query}, {"items", items}};
        if (n)
            body["max_num_results"] = *n;
        return body;
    }
    }
    return Json::object();
}

//! The ranked entries of an answer: a top-level array (TEI), else `results` (Cohere, Jina, vLLM,
//! llama.cpp) or `data` (Llama Stack; some Cohere-style servers too). nullptr when neither.
const Json *rankedList(const Json &answer, RemoteRerankApi api)
{
    if (answer.is_array())
        return &answer;
    if (!answer.is_object())
        return nullptr;
    const char *first = api == RemoteRerankApi::LlamaStack ? "data" : "results";
    const char *second = api == RemoteRerankApi::LlamaStack ? "results" : "data";
    for (const char *key : {first, second})
        if (const auto it = answer.find(key); it != answer.end() && it->is_array())
            return &*it;
    return nullptr;
}

//! The score of one entry: `relevance_score`, or TEI's `score` (accepted from any protocol, as
//! llama.cpp answers `score` when asked the TEI way).
const Json *scoreOf(const Json &entry, RemoteRerankApi api)
{
    const char *first = api == RemoteRerankApi::Tei ? "score" : "relevance_score";
    const char *second = api == RemoteRerankApi::Tei ? "relevance_score" : "score";
    for (const char *key : {first, second})
        if (const auto it = entry.find(key); it != entry.end())
            return &*it;
    return nullptr;
}

} // namespace

std::optional<RemoteRerankApi> parseRemoteRerankApi(const std::string &name)
{
    if (name == "cohere")
        return RemoteRerankApi::Cohere;
    if (name == "tei")
        return RemoteRerankApi::Tei;
    if (name == "llama-stack")
        return RemoteRerankApi::LlamaStack;
    return std::nullopt;
}

api::Result<std::vector<api::RerankData>> remoteRerank(const RemoteRerankTarget &target,
                                                       const std::string &query,
                                                       const std::vector<std::string> &items,
                                                       std::optional<int> topN,
                                                       const api::CancelToken &cancel)
{
    if (cancel.isCancelled())
        return api::Error::cancelled();
    if (items.empty())
        return std::vector<api::RerankData>{}; // nothing to rank; some servers reject an empty list

    openai::HttpRequest http;
    http.verb = "POST";
    http.url = rerankUrl(target);
    http.body = QByteArray::fromStdString(
        requestBody(target, query, items, topN).dump(-1, ' ', false, Json::error_handler_t::replace));
    http.bearer = target.endpoint.apiKey;
    http.caFile = target.endpoint.caFile;
    http.timeoutMs = target.endpoint.timeoutMs;
    http.cancel = cancel;

    const std::string where = http.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toStdString();
    const std::string who = "the reranker at " + where + " (" + protocolName(target.api) + ")";

    const openai::HttpAnswer answer = openai::runHttp(http);
    if (answer.cancelled || cancel.isCancelled())
        return api::Error::cancelled();
    if (answer.transportError)
        return *answer.transportError; // 502 no connection / TLS, 504 timeout, 400 a bad URL
    if (answer.status < 200 || answer.status > 299) {
        // Always a 502, as upstream does for a failing provider: the request reached us fine,
        // the backend failed it. Its own status and message are kept so the user sees why.
        const api::Error backend = openai::errorFromHttp(answer.status, answer.body);
        return api::Error::badGateway(who + " answered HTTP " + std::to_string(answer.status) + ": "
                                      + backend.detail);
    }

    const Json body = Json::parse(answer.body.begin(), answer.body.end(), nullptr, false);
    if (body.is_discarded())
        return api::Error::badGateway(who + " sent an answer that is not JSON: "
                                      + QString::fromUtf8(answer.body.left(kSnippetChars)).toStdString());
    const Json *list = rankedList(body, target.api);
    if (!list)
        return api::Error::badGateway(
            who + " sent an answer of another shape: expected "
            + (target.api == RemoteRerankApi::Tei ? std::string("[{\"index\", \"score\"}, ...]")
               : target.api == RemoteRerankApi::LlamaStack
                   ? std::string("{\"data\": [{\"index\", \"relevance_score\"}, ...]}")
                   : std::string("{\"results\": [{\"index\", \"relevance_score\"}, ...]}"))
            + ", got: " + body.dump().substr(0, kSnippetChars));

    std::vector<api::RerankData> out;
    out.reserve(list->size());
    std::set<int64_t> seen;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json &entry = (*list)[i];
        const std::string at = who + " answered entry " + std::to_string(i);
        if (!entry.is_object())
            return api::Error::badGateway(at + " that is not an object: " + entry.dump().substr(0, kSnippetChars));
        const auto index = entry.find("index");
        if (index == entry.end() || !index->is_number_integer())
            return api::Error::badGateway(at + " without an integer index");
        const int64_t idx = index->get<int64_t>();
        if (idx < 0 || idx >= int64_t(items.size()))
            return api::Error::badGateway(at + " with index " + std::to_string(idx)
                                          + ", out of range for " + std::to_string(items.size()) + " items");
        if (!seen.insert(idx).second)
            return api::Error::badGateway(at + " with index " + std::to_string(idx) + " a second time");
        const Json *score = scoreOf(entry, target.api);
        if (!score || !score->is_number())
            return api::Error::badGateway(at + " (index " + std::to_string(idx) + ") without a numeric score");
        if (!std::isfinite(score->get<double>())) // 1e999 parses as inf, and JSON has no inf
            return api::Error::badGateway(at + " (index " + std::to_string(idx) + ") with a score out of range: "
                                          + score->dump());
        out.push_back(api::RerankData{idx, score->get<double>()});
    }
    return out;
}

} // namespace wb::engine
