#pragma once

// Real rerank backends on loopback for the remote rerank tests: a Cohere/Jina-style
// POST {base}/rerank and a text-embeddings-inference-style POST {base}/rerank, each scoring the
// documents it is sent by word overlap with the query (its own computation, so a wrong item, a
// lost index or a changed score shows), checking the body the way those servers do, and keeping
// every body and Authorization header it received for the test to inspect.
//
// Scores: Cohere-style, overlap − 0.5 (a raw logit: negative for an item without a query word);
// TEI-style, overlap / (overlap + 1) (a probability), or overlap − 0.5 with raw_scores: true.

#include "api/json_io.h"
#include "local_http_server.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace wb::test {

//! Distinct lower-case ASCII words of `text` ("C++" keeps its pluses).
inline std::set<std::string> overlapWords(const std::string &text)
{
    std::set<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty())
            words.insert(word);
        word.clear();
    };
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '+')
            word += char(std::tolower(static_cast<unsigned char>(c)));
        else
            flush();
    }
    flush();
    return words;
}

//! How many distinct words of `query` the document has.
inline int wordOverlap(const std::string &query, const std::string &document)
{
    const std::set<std::string> q = overlapWords(query);
    int n = 0;
    for (const std::string &w : overlapWords(document))
        n += q.count(w) ? 1 : 0;
    return n;
}

struct ReceivedCall
{
    api::Json body;
    QByteArray authorization;
};

class RerankBackends
{
public:
    //! Cohere-style at {base}/v1/rerank, TEI-style at {base}/tei/rerank.
    RerankBackends()
    {
        m_server.route(QStringLiteral("/v1/rerank"),
                       [this](const QHttpServerRequest &r) { return cohere(r); });
        m_server.route(QStringLiteral("/tei/rerank"), [this](const QHttpServerRequest &r) { return tei(r); });
    }

    bool start() { return m_server.start(); }
    LocalHttpServer &server() { return m_server; }
    std::string cohereBase() const { return m_server.url(QStringLiteral("/v1")); }
    std::string teiBase() const { return m_server.url(QStringLiteral("/tei")); }

    std::vector<ReceivedCall> calls() const
    {
        std::lock_guard lock(m_mutex);
        return m_calls;
    }
    ReceivedCall lastCall() const
    {
        std::lock_guard lock(m_mutex);
        return m_calls.empty() ? ReceivedCall{} : m_calls.back();
    }

    static QHttpServerResponse json(const api::Json &j, QHttpServerResponse::StatusCode status
                                                        = QHttpServerResponse::StatusCode::Ok)
    {
        return QHttpServerResponse("application/json", QByteArray::fromStdString(j.dump()), status);
    }

private:
    //! The body as JSON, recorded with the request's key; discarded when it is not JSON.
    api::Json receive(const QHttpServerRequest &r)
    {
        const QByteArray raw = r.body();
        api::Json body = api::Json::parse(raw.begin(), raw.end(), nullptr, false);
        QByteArray authorization;
        for (const auto &[key, value] : r.headers())
            if (key.compare("Authorization", Qt::CaseInsensitive) == 0)
                authorization = value;
        std::lock_guard lock(m_mutex);
        m_calls.push_back({body, authorization});
        return body;
    }

    static bool stringList(const api::Json &j)
    {
        return j.is_array() && std::all_of(j.begin(), j.end(), [](const api::Json &s) { return s.is_string(); });
    }

    //! As Cohere v2 / Jina / vLLM: {model, query, documents, top_n?} → results sorted by
    //! relevance, cut to top_n. Errors in Cohere's own shape, {"message": ...}.
    QHttpServerResponse cohere(const QHttpServerRequest &r)
    {
        const api::Json body = receive(r);
        if (!body.is_object() || !body.value("model", api::Json()).is_string()
            || !body.value("query", api::Json()).is_string() || !stringList(body.value("documents", api::Json())))
            return json({{"message", "invalid request: model, query and documents are required"}},
                        QHttpServerResponse::StatusCode::UnprocessableEntity);
        const std::string query = body["query"];
        const std::vector<std::string> docs = body["documents"];
        std::vector<double> scores;
        for (const std::string &d : docs)
            scores.push_back(wordOverlap(query, d) - 0.5);
        std::vector<size_t> order(docs.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
        if (body.contains("top_n")) {
            if (!body["top_n"].is_number_integer() || body["top_n"].get<int64_t>() < 1)
                return json({{"message", "top_n must be a positive integer"}},
                            QHttpServerResponse::StatusCode::UnprocessableEntity);
            order.resize(std::min(order.size(), size_t(body["top_n"].get<int64_t>())));
        }
        api::Json results = api::Json::array();
        for (size_t i : order)
            results.push_back({{"index", i}, {"relevance_score", scores[i]}});
        return json({{"id", "rerank-1"}, {"results", results}, {"meta", {{"billed_units", {{"search_units", 1}}}}}});
    }

    //! As text-embeddings-inference: {query, texts, raw_scores?} → [{index, score}]. Answered in
    //! input order (llama.cpp's TEI-style answer was, before it sorted), so the caller must sort.
    QHttpServerResponse tei(const QHttpServerRequest &r)
    {
        const api::Json body = receive(r);
        if (!body.is_object() || !body.value("query", api::Json()).is_string()
            || !stringList(body.value("texts", api::Json())))
            return json({{"error", "Input validation error: query and texts are required"},
                         {"error_type", "Validation"}},
                        QHttpServerResponse::StatusCode::UnprocessableEntity);
        const std::string query = body["query"];
        const bool raw = body.value("raw_scores", false);
        api::Json out = api::Json::array();
        const std::vector<std::string> texts = body["texts"];
        for (size_t i = 0; i < texts.size(); ++i) {
            const int overlap = wordOverlap(query, texts[i]);
            out.push_back({{"index", i}, {"score", raw ? overlap - 0.5 : overlap / (overlap + 1.0)}});
        }
        return json(out);
    }

    LocalHttpServer m_server;
    mutable std::mutex m_mutex;
    std::vector<ReceivedCall> m_calls;
};

} // namespace wb::test
