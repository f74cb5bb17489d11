// Rerank over HTTP, both ways round:
//  - remote rerank models (provider "openai", model_type "rerank"): the front engine calls a
//    Cohere-style and a TEI-style backend on loopback (rerank_backends.h, which really score by
//    word overlap) and a second workbench (a real Engine behind the real ApiServer, its bm25);
//    then the failures: a backend's error, no connection, malformed answers, no answer in the
//    timeout, cancelling;
//  - the workbench's own POST /v1alpha/inference/rerank: the exact answer shape, the errors in the
//    spec's Error shape, and RemoteClient::rerank giving what the engine gives.

#include "result_macros.h"
#include "api/async.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "engine/rerank/remote_rerank.h"
#include "openai/blocking_http.h"
#include "remote/remote_client.h"
#include "rerank_backends.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace wb;
using api::await;
using api::Json;

namespace {

constexpr const char *kKey = "sk-rerank-test";

api::RerankRequest request(const std::string &model, std::optional<int> maxNumResults = std::nullopt)
{
    api::RerankRequest r;
    r.model = model;
    r.query = std::string("What is the capital of France?");
    r.items = {std::string("Berlin is the capital of Germany."), std::string("Paris is the capital of France."),
               std::string("Bananas grow in bunches."), api::TextContentPart{"France exports cheese."}};
    r.max_num_results = maxNumResults;
    return r;
}

const std::vector<std::string> kItemTexts = {"Berlin is the capital of Germany.", "Paris is the capital of France.",
                                             "Bananas grow in bunches.", "France exports cheese."};

//! Descending scores, each index once and in range.
void checkRanking(const api::RerankResponse &r, size_t items)
{
    std::set<int64_t> seen;
    for (size_t i = 0; i < r.data.size(); ++i) {
        QVERIFY(r.data[i].index >= 0 && size_t(r.data[i].index) < items);
        QVERIFY(seen.insert(r.data[i].index).second);
        if (i > 0)
            QVERIFY2(r.data[i - 1].relevance_score >= r.data[i].relevance_score, "descending scores");
    }
}

api::RegisterModelRequest remoteModel(const std::string &id, const std::string &baseUrl, const std::string &api,
                                      const std::string &remoteName)
{
    api::RegisterModelRequest r;
    r.model_id = id;
    r.provider_id = "openai";
    r.provider_model_id = remoteName;
    r.model_type = api::ModelType::Rerank;
    r.metadata.value = {{"base_url", baseUrl}, {"api_key", kKey}, {"rerank_api", api}};
    return r;
}

//! Waits for the future while the test thread keeps its own loop turning (QFuture::waitFor...
//! would do as well; this bounds the wait so a hang fails the test instead of the CTest timeout).
template<typename T>
bool finishesWithin(QFuture<T> &future, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < ms)
        QThread::msleep(10);
    return future.isFinished();
}

openai::HttpAnswer post(const QUrl &base, const Json &body)
{
    openai::HttpRequest r;
    r.verb = "POST";
    r.url = base;
    r.url.setPath(QStringLiteral("/v1alpha/inference/rerank"));
    r.body = QByteArray::fromStdString(body.dump());
    r.timeoutMs = 20000;
    return openai::runHttp(r);
}

//! The spec's Error: {status, title, detail}, status equal to the HTTP status.
void checkErrorBody(const openai::HttpAnswer &a, int status, const std::string &needle)
{
    QCOMPARE(a.status, status);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    const Json j = Json::parse(a.body.toStdString(), nullptr, false);
    QVERIFY2(j.is_object(), a.body.constData());
    QCOMPARE(j.value("status", 0), status);
    QVERIFY(j.value("title", std::string()).size() > 0);
    const std::string detail = j.value("detail", std::string());
    QVERIFY2(detail.find(needle) != std::string::npos, a.body.constData());
}

} // namespace

class TstRerankHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::RerankBackends m_backends;
    std::unique_ptr<engine::Engine> m_back;  //!< the second workbench, behind m_backServer
    std::unique_ptr<test::ApiServerThread> m_backServer;
    std::unique_ptr<engine::Engine> m_front; //!< the one with the remote rerank models
    std::shared_ptr<api::StackApi> m_api;    //!< m_front as principal ""

    api::Result<api::RerankResponse> rerank(const api::RerankRequest &r, api::CancelToken cancel = {})
    {
        return await(m_api->rerank(r, cancel));
    }
    void registerOn(api::StackApi &api, const api::RegisterModelRequest &r)
    {
        QVERIFY_RESULT(await(api.registerModel(r)));
    }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void cohereSendsModelKeyAndDocumentsAndKeepsScores();
    void cohereTopNFollowsMaxNumResults();
    void teiSendsTextsAndIsSortedHere();
    void llamaStackBackendAnswersLikeItsOwnEngine();
    void backendErrorIs502WithItsStatusAndMessage();
    void connectionRefusedIs502();
    void malformedAnswersAre502NamingTheProblem();
    void dataArrayIsAccepted();
    void noAnswerInTheTimeoutIs504();
    void cancelAbortsTheCall();

    void serverAnswersExactlyDataIndexScore();
    void serverRejectsBadRequestsWithSpecErrors();
    void remoteClientGivesWhatTheEngineGives();
};

void TstRerankHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // No models but the built-in and registered ones: an empty Hugging Face cache of our own.
    qputenv("HF_HOME", m_dir.filePath(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");
    QVERIFY(m_backends.start());

    engine::EngineConfig back;
    back.dataDir = m_dir.filePath(QStringLiteral("back"));
    back.threads = 2;
    m_back = std::make_unique<engine::Engine>(back);
    QVERIFY_RESULT(m_back->open());
    std::shared_ptr<api::StackApi> backApi = m_back->forPrincipal("");
    server::ServerOptions options;
    options.port = 0;
    m_backServer = std::make_unique<test::ApiServerThread>(
        [backApi](const std::string &) { return backApi; }, options);
    QVERIFY2(m_backServer->ok(), qPrintable(m_backServer->error()));

    engine::EngineConfig front;
    front.dataDir = m_dir.filePath(QStringLiteral("front"));
    front.threads = 2;
    m_front = std::make_unique<engine::Engine>(front);
    QVERIFY_RESULT(m_front->open());
    m_api = m_front->forPrincipal("");

    registerOn(*m_api, remoteModel("cohere-rr", m_backends.cohereBase(), "cohere", "rerank-english-v3.0"));
    registerOn(*m_api, remoteModel("tei-rr", m_backends.teiBase(), "tei", "BAAI/bge-reranker-base"));
    // The Llama Stack base is the server's root; the "/v1" a user copies along is dropped.
    registerOn(*m_api, remoteModel("stack-bm25", m_backServer->baseUrl().toString().toStdString() + "/v1",
                                   "llama-stack", "bm25"));
    // The same Cohere-style backend on the second workbench, for its server tests.
    registerOn(*backApi, remoteModel("cohere-rr", m_backends.cohereBase(), "cohere", "rerank-english-v3.0"));
    api::RegisterModelRequest llm;
    llm.model_id = "some-llm";
    llm.provider_id = "openai";
    llm.metadata.value = {{"base_url", "http://127.0.0.1:9/v1"}};
    registerOn(*backApi, llm);
}

void TstRerankHttp::cleanupTestCase()
{
    m_api.reset();
    m_front.reset();
    m_backServer.reset();
    m_back.reset();
}

void TstRerankHttp::cohereSendsModelKeyAndDocumentsAndKeepsScores()
{
    const auto r = rerank(request("cohere-rr"));
    QVERIFY_RESULT(r);
    checkRanking(r.value(), 4);
    // Word overlap − 0.5, as the backend computed it: unchanged, the negative logit included.
    const std::vector<api::RerankData> expected = {{1, 4.5}, {0, 3.5}, {3, 0.5}, {2, -0.5}};
    QCOMPARE(r->data, expected);

    const test::ReceivedCall call = m_backends.lastCall();
    QCOMPARE(call.authorization, QByteArray("Bearer ") + kKey);
    QCOMPARE(call.body.value("model", std::string()), std::string("rerank-english-v3.0"));
    QCOMPARE(call.body.value("query", std::string()), std::string("What is the capital of France?"));
    QCOMPARE(call.body["documents"].get<std::vector<std::string>>(), kItemTexts); // the text part as text
    QVERIFY2(!call.body.contains("top_n"), call.body.dump().c_str());
    QCOMPARE(m_backends.server().lastRequest().path, QStringLiteral("/v1/rerank"));
}

void TstRerankHttp::cohereTopNFollowsMaxNumResults()
{
    const auto two = rerank(request("cohere-rr", 2));
    QVERIFY_RESULT(two);
    const std::vector<api::RerankData> top2 = {{1, 4.5}, {0, 3.5}};
    QCOMPARE(two->data, top2);
    QCOMPARE(m_backends.lastCall().body.value("top_n", 0), 2);

    // More than the items: all of them, and the backend is asked for no more than there are.
    const auto ten = rerank(request("cohere-rr", 10));
    QVERIFY_RESULT(ten);
    QCOMPARE(ten->data.size(), size_t(4));
    QCOMPARE(m_backends.lastCall().body.value("top_n", 0), 4);

    const auto one = rerank(request("cohere-rr", 1));
    QVERIFY_RESULT(one);
    QCOMPARE(one->data, std::vector<api::RerankData>({{1, 4.5}}));
}

void TstRerankHttp::teiSendsTextsAndIsSortedHere()
{
    const auto r = rerank(request("tei-rr"));
    QVERIFY_RESULT(r);
    checkRanking(r.value(), 4);
    // overlap / (overlap + 1); the backend answered in input order.
    const std::vector<api::RerankData> expected = {{1, 5.0 / 6.0}, {0, 4.0 / 5.0}, {3, 0.5}, {2, 0.0}};
    QCOMPARE(r->data, expected);

    const test::ReceivedCall call = m_backends.lastCall();
    QCOMPARE(call.authorization, QByteArray("Bearer ") + kKey);
    QCOMPARE(call.body["texts"].get<std::vector<std::string>>(), kItemTexts);
    QCOMPARE(call.body.value("query", std::string()), std::string("What is the capital of France?"));
    QCOMPARE(call.body.value("raw_scores", true), false);
    QVERIFY2(!call.body.contains("model") && !call.body.contains("top_n"), call.body.dump().c_str());
    QCOMPARE(m_backends.server().lastRequest().path, QStringLiteral("/tei/rerank"));

    // TEI has no top_n: the cut is ours, after sorting.
    const auto two = rerank(request("tei-rr", 2));
    QVERIFY_RESULT(two);
    QCOMPARE(two->data, std::vector<api::RerankData>(expected.begin(), expected.begin() + 2));
}

void TstRerankHttp::llamaStackBackendAnswersLikeItsOwnEngine()
{
    std::shared_ptr<api::StackApi> back = m_back->forPrincipal("");
    for (std::optional<int> n : {std::optional<int>(), std::optional<int>(2), std::optional<int>(9)}) {
        api::RerankRequest there = request("bm25", n);
        const auto direct = await(back->rerank(there));
        QVERIFY_RESULT(direct);
        const auto viaHttp = rerank(request("stack-bm25", n));
        QVERIFY_RESULT(viaHttp);
        QCOMPARE(viaHttp->data, direct->data);
        checkRanking(viaHttp.value(), 4);
        QCOMPARE(viaHttp->data.size(), size_t(n ? std::min(*n, 4) : 4));
        QCOMPARE(viaHttp->data.front().index, int64_t(1)); // "Paris is the capital of France."
    }
}

void TstRerankHttp::backendErrorIs502WithItsStatusAndMessage()
{
    m_backends.server().route(QStringLiteral("/oom/rerank"), [](const QHttpServerRequest &) {
        return test::RerankBackends::json({{"error", {{"message", "CUDA out of memory"}, {"type", "server_error"}}}},
                                          QHttpServerResponse::StatusCode::InternalServerError);
    });
    m_backends.server().route(QStringLiteral("/denied/rerank"), [](const QHttpServerRequest &) {
        return test::RerankBackends::json({{"message", "invalid api token"}},
                                          QHttpServerResponse::StatusCode::Unauthorized);
    });
    registerOn(*m_api, remoteModel("oom-rr", m_backends.server().url(QStringLiteral("/oom")), "cohere", "m"));
    registerOn(*m_api, remoteModel("denied-rr", m_backends.server().url(QStringLiteral("/denied")), "tei", "m"));

    const auto oom = rerank(request("oom-rr"));
    QVERIFY_ERROR(oom, 502, "CUDA out of memory");
    QVERIFY_ERROR(oom, 502, "HTTP 500");
    QVERIFY_ERROR(oom, 502, "/oom/rerank");
    const auto denied = rerank(request("denied-rr"));
    QVERIFY_ERROR(denied, 502, "invalid api token");
    QVERIFY_ERROR(denied, 502, "HTTP 401");
}

void TstRerankHttp::connectionRefusedIs502()
{
    const quint16 port = test::LocalHttpServer::unusedPort();
    registerOn(*m_api, remoteModel("gone-rr", "http://127.0.0.1:" + std::to_string(port) + "/v1", "cohere", "m"));
    QVERIFY_ERROR(rerank(request("gone-rr")), 502, "cannot reach");
}

void TstRerankHttp::malformedAnswersAre502NamingTheProblem()
{
    struct Case
    {
        const char *name;
        QByteArray body;
        const char *api;
        const char *needle;
    };
    const std::vector<Case> cases = {
        {"range", R"({"results":[{"index":4,"relevance_score":1.0}]})", "cohere", "index 4, out of range for 4 items"},
        {"negative", R"({"results":[{"index":-1,"relevance_score":1.0}]})", "cohere", "index -1, out of range"},
        {"dup", R"({"results":[{"index":1,"relevance_score":1.0},{"index":1,"relevance_score":0.5}]})", "cohere",
         "index 1 a second time"},
        {"noscore", R"({"results":[{"index":0}]})", "cohere", "without a numeric score"},
        {"textscore", R"([{"index":0,"score":"high"}])", "tei", "without a numeric score"},
        {"noindex", R"([{"score":0.5}])", "tei", "without an integer index"},
        {"notjson", "<html>Bad Gateway</html>", "cohere", "not JSON: <html>"},
        {"shape", R"({"ranking":[]})", "cohere", "expected {\"results\""},
        {"teishape", R"({"scores":[0.5, 0.25]})", "tei", "expected [{\"index\", \"score\"}"},
    };
    for (const Case &c : cases) {
        const QString base = QStringLiteral("/bad-%1").arg(QLatin1String(c.name));
        const QByteArray body = c.body;
        m_backends.server().route(base + QStringLiteral("/rerank"), [body](const QHttpServerRequest &) {
            return QHttpServerResponse("application/json", body);
        });
        const std::string id = std::string("bad-") + c.name;
        registerOn(*m_api, remoteModel(id, m_backends.server().url(base), c.api, "m"));
        const auto r = rerank(request(id));
        QVERIFY2(!r, c.name);
        QVERIFY2(r.error().status == 502, r.error().toString().c_str());
        QVERIFY2(r.error().detail.find(c.needle) != std::string::npos, r.error().toString().c_str());
        QVERIFY2(r.error().detail.find(base.toStdString() + "/rerank") != std::string::npos,
                 r.error().toString().c_str()); // names the endpoint
    }
}

void TstRerankHttp::dataArrayIsAccepted()
{
    // Some Cohere-style servers answer {"data": [...]} (as a Llama Stack does).
    m_backends.server().route(QStringLiteral("/data/rerank"), [](const QHttpServerRequest &) {
        return test::RerankBackends::json(
            {{"data", {{{"index", 2}, {"relevance_score", -1.25}}, {{"index", 0}, {"relevance_score", 3.0}}}}});
    });
    registerOn(*m_api, remoteModel("data-rr", m_backends.server().url(QStringLiteral("/data")), "cohere", "m"));
    const auto r = rerank(request("data-rr"));
    QVERIFY_RESULT(r);
    // Only the items the backend ranked, sorted; the others stay out.
    QCOMPARE(r->data, std::vector<api::RerankData>({{0, 3.0}, {2, -1.25}}));
}

void TstRerankHttp::noAnswerInTheTimeoutIs504()
{
    // Accepts connections (the kernel does) and never answers. The model registration has no
    // timeout of its own (RerankService takes openai::Endpoint's default), so the call is made
    // directly with a short one.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    engine::RemoteRerankTarget target;
    target.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(silent.serverPort()));
    target.endpoint.timeoutMs = 300;
    target.model = "m";
    QElapsedTimer timer;
    timer.start();
    const auto r = engine::remoteRerank(target, "q", {"a", "b"}, std::nullopt, {});
    QVERIFY_ERROR(r, 504, "timed out after 300 ms");
    QVERIFY_ERROR(r, 504, "/v1/rerank");
    QVERIFY2(timer.elapsed() < 10000, "the timeout ends the call");
}

void TstRerankHttp::cancelAbortsTheCall()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    registerOn(*m_api, remoteModel("silent-rr", QStringLiteral("http://127.0.0.1:%1/v1").arg(silent.serverPort()).toStdString(),
                                   "cohere", "m"));
    api::CancelToken cancel;
    auto future = m_api->rerank(request("silent-rr"), cancel);
    QVERIFY2(silent.waitForNewConnection(10000), "the request reached the backend");
    QTcpSocket *socket = silent.nextPendingConnection();
    QVERIFY(socket);
    QVERIFY(!future.isFinished()); // waiting for the answer
    cancel.cancel();
    QVERIFY2(finishesWithin(future, 5000), "cancelling ends the call");
    const auto r = future.result();
    QVERIFY(!r);
    QCOMPARE(r.error().status, 499);
    // The call was aborted: the backend sees the connection close.
    if (socket->state() == QAbstractSocket::ConnectedState)
        QVERIFY(socket->waitForDisconnected(5000));
}

void TstRerankHttp::serverAnswersExactlyDataIndexScore()
{
    for (const char *model : {"cohere-rr", "bm25"}) {
        const auto a = post(m_backServer->baseUrl(), {{"model", model},
                                                      {"query", "What is the capital of France?"},
                                                      {"items", Json::array({"Berlin is the capital of Germany.",
                                                                 {{"type", "text"}, {"text", "Paris is the capital of France."}},
                                                                 "Bananas grow in bunches."})},
                                                      {"max_num_results", 2}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.contentType, QByteArray("application/json"));
        const Json j = Json::parse(a.body.toStdString(), nullptr, false);
        QVERIFY2(j.is_object() && j.size() == 1 && j.contains("data") && j["data"].is_array(), a.body.constData());
        QCOMPARE(j["data"].size(), size_t(2));
        for (const Json &d : j["data"]) {
            QVERIFY2(d.is_object() && d.size() == 2, a.body.constData());
            QVERIFY(d["index"].is_number_integer());
            QVERIFY(d["relevance_score"].is_number());
        }
        QCOMPARE(j["data"][0]["index"].get<int>(), 1);
    }
}

void TstRerankHttp::serverRejectsBadRequestsWithSpecErrors()
{
    const QUrl base = m_backServer->baseUrl();
    const Json image = {{"type", "image_url"}, {"image_url", {{"url", "https://example.com/a.png"}}}};
    checkErrorBody(post(base, {{"model", "bm25"}, {"query", image}, {"items", Json::array({"a"})}}), 400,
                   "images are not supported by the model");
    checkErrorBody(post(base, {{"model", "bm25"}, {"query", "q"}, {"items", Json::array({"a", image})}}), 400, "items[1]");
    checkErrorBody(post(base, {{"model", "bm25"}, {"query", "q"}, {"items", Json::array({"a"})}, {"max_num_results", 0}}), 400,
                   "max_num_results");
    checkErrorBody(post(base, {{"model", "bm25"}, {"query", "q"}}), 400, "items");
    checkErrorBody(post(base, {{"model", "no-such-reranker"}, {"query", "q"}, {"items", Json::array({"a"})}}), 404,
                   "no-such-reranker");
    checkErrorBody(post(base, {{"model", "some-llm"}, {"query", "q"}, {"items", Json::array({"a"})}}), 400,
                   "rerank needs a rerank model");
    // A backend failure travels as a 502 with the backend's message.
    registerOn(*m_back->forPrincipal(""),
               remoteModel("oom-rr", m_backends.server().url(QStringLiteral("/server-oom")), "cohere", "m"));
    m_backends.server().route(QStringLiteral("/server-oom/rerank"), [](const QHttpServerRequest &) {
        return test::RerankBackends::json({{"error", {{"message", "CUDA out of memory"}}}},
                                          QHttpServerResponse::StatusCode::InternalServerError);
    });
    checkErrorBody(post(base, {{"model", "oom-rr"}, {"query", "q"}, {"items", Json::array({"a"})}}), 502, "CUDA out of memory");
}

void TstRerankHttp::remoteClientGivesWhatTheEngineGives()
{
    remote::RemoteOptions options;
    options.baseUrl = m_backServer->baseUrl();
    options.timeoutMs = 20000;
    remote::RemoteClient client(options);
    std::shared_ptr<api::StackApi> back = m_back->forPrincipal("");
    for (const char *model : {"bm25", "cohere-rr"}) {
        for (std::optional<int> n : {std::optional<int>(), std::optional<int>(3)}) {
            const auto viaClient = await(client.rerank(request(model, n), {}));
            QVERIFY_RESULT(viaClient);
            const auto direct = await(back->rerank(request(model, n)));
            QVERIFY_RESULT(direct);
            QCOMPARE(viaClient->data, direct->data);
        }
    }
    QCOMPARE(await(client.rerank(request("no-such-reranker"), {})).error().status, 404);
    auto bad = request("bm25", 0);
    QCOMPARE(await(client.rerank(bad, {})).error().status, 400);
}

QTEST_GUILESS_MAIN(TstRerankHttp)
#include "tst_rerank_http.moc"
