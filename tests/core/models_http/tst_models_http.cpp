// Models and inference over HTTP, end to end with a model that really runs: RemoteClient (and a
// raw socket, for the wire details) → ApiServer → the engine with a tiny random Llama found in a
// Hugging Face cache folder ("org/tiny", an id with '/').
//
// The answers are greedy, so the same request gives the same text whichever way it travels: in
// process, as JSON over HTTP, or streamed as server-sent events.

#include "result_macros.h"
#include "api/async.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "observed_api.h"
#include "raw_http.h"
#include "remote/remote_client.h"
#include "tiny_model.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <mutex>
#include <set>

using namespace wb;
using api::await;
using api::Json;

namespace {

const char *kModel = "org/tiny";

api::ChatCompletionRequest chatRequest(int maxTokens = 24)
{
    api::ChatCompletionRequest r;
    r.model = kModel;
    r.messages.push_back({"user", "Hello there", std::nullopt});
    r.sampling.max_tokens = maxTokens;
    r.sampling.temperature = 0.0;
    return r;
}

api::CompletionRequest completionRequest(int maxTokens = 16)
{
    api::CompletionRequest r;
    r.model = kModel;
    r.prompts = {"Once upon a time"};
    r.sampling.max_tokens = maxTokens;
    r.sampling.temperature = 0.0;
    return r;
}

QByteArray body(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

} // namespace

class TstModelsHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::shared_ptr<test::ObservedApi> m_api;
    std::unique_ptr<test::ApiServerThread> m_server;
    std::unique_ptr<remote::RemoteClient> m_client;
    std::unique_ptr<test::RawHttp> m_raw;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listAndGet();
    void unknownModel();
    void registerAndUnregister();
    void registrationPolicy();
    void chatJsonAndStream();
    void chatServerSentEvents();
    void completions();
    void badRequests();
    void disconnectCancelsTheGeneration();
    void remoteCancel();
};

void TstModelsHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Only the models of this test: a Hugging Face cache of our own, no WB_MODEL_PATH.
    qputenv("HF_HOME", path(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");
    const QString repo = path(QStringLiteral("hf/hub/models--org--tiny"));
    QVERIFY(QDir().mkpath(repo + QStringLiteral("/refs")));
    QFile ref(repo + QStringLiteral("/refs/main"));
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write("0123abcd");
    ref.close();
    QVERIFY_RESULT(test::writeTinyModel(repo + QStringLiteral("/snapshots/0123abcd"), 7));
    QVERIFY_RESULT(test::writeTinyModel(path(QStringLiteral("allowed/spare")), 11));
    QVERIFY_RESULT(test::writeTinyModel(path(QStringLiteral("outside/other")), 3));

    engine::EngineConfig config;
    config.dataDir = path(QStringLiteral("data"));
    config.threads = 2;
    m_engine = std::make_unique<engine::Engine>(config);
    QVERIFY_RESULT(m_engine->open());
    m_api = std::make_shared<test::ObservedApi>(m_engine->forPrincipal(""));

    server::ServerOptions options;
    options.port = 0;
    options.allowFiles = {path(QStringLiteral("allowed"))};
    auto api = m_api;
    m_server = std::make_unique<test::ApiServerThread>(
        [api](const std::string &) { return std::static_pointer_cast<api::StackApi>(api); }, options);
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    remote::RemoteOptions remote;
    remote.baseUrl = m_server->baseUrl();
    remote.timeoutMs = 20000;
    m_client = std::make_unique<remote::RemoteClient>(remote);
    m_raw = std::make_unique<test::RawHttp>(quint16(m_server->baseUrl().port()));
}

void TstModelsHttp::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    m_api.reset();
    m_engine.reset();
}

void TstModelsHttp::listAndGet()
{
    const auto list = await(m_client->listModels());
    QVERIFY_RESULT(list);
    const api::OpenAIModel *tiny = nullptr;
    for (const auto &m : list->data)
        if (m.id == kModel)
            tiny = &m;
    QVERIFY2(tiny, "org/tiny is listed");
    QVERIFY(tiny->custom_metadata);
    QCOMPARE(tiny->custom_metadata->value.value("model_type", std::string()), std::string("llm"));

    const auto model = await(m_client->getModel(kModel));
    QVERIFY_RESULT(model);
    QCOMPARE(model->identifier, std::string(kModel));
    QCOMPARE(model->provider_id, std::string("local"));
    QCOMPARE(model->model_type, api::ModelType::Llm);

    // The id with its '/' percent-encoded names the same model.
    const auto raw = m_raw->get("/v1/models/org%2Ftiny");
    QCOMPARE(raw.status, 200);
    QCOMPARE(Json::parse(raw.body.toStdString())["identifier"].get<std::string>(), std::string(kModel));
}

void TstModelsHttp::unknownModel()
{
    QCOMPARE(await(m_client->getModel("org/nope")).error().status, 404);
    QCOMPARE(await(m_client->unregisterModel("org/nope")).error().status, 404);
    auto request = chatRequest();
    request.model = "org/nope";
    QCOMPARE(await(m_client->chatCompletion(request, {}, {})).error().status, 404);
    int chunks = 0;
    QCOMPARE(await(m_client->chatCompletion(request, [&](const api::ChatCompletionChunk &) { ++chunks; }, {}))
                 .error().status, 404);
    QCOMPARE(chunks, 0);
    auto text = completionRequest();
    text.model = "org/nope";
    QCOMPARE(await(m_client->completion(text, {}, {})).error().status, 404);

    // Streamed: the error comes before the first chunk, so it is an ordinary Error answer.
    const auto raw = m_raw->post("/v1/chat/completions",
                                 body({{"model", "org/nope"}, {"stream", true},
                                       {"messages", {{{"role", "user"}, {"content", "hi"}}}}}));
    QCOMPARE(raw.status, 404);
    QCOMPARE(raw.header("Content-Type"), QByteArray("application/json"));
    const Json error = Json::parse(raw.body.toStdString());
    QCOMPARE(error["status"].get<int>(), 404);
    QVERIFY2(error["detail"].get<std::string>().find("org/nope") != std::string::npos, raw.body.constData());
}

void TstModelsHttp::registerAndUnregister()
{
    api::RegisterModelRequest request;
    request.model_id = "my-tiny";
    request.metadata.value = {{"path", path(QStringLiteral("allowed/spare")).toStdString()}};
    const auto registered = await(m_client->registerModel(request));
    QVERIFY_RESULT(registered);
    QCOMPARE(registered->identifier, std::string("my-tiny"));
    QCOMPARE(registered->provider_id, std::string("local"));

    const auto list = await(m_client->listModels());
    QVERIFY_RESULT(list);
    QVERIFY(std::any_of(list->data.begin(), list->data.end(),
                        [](const api::OpenAIModel &m) { return m.id == "my-tiny"; }));
    QVERIFY_RESULT(await(m_client->getModel("my-tiny")));

    // It answers.
    auto chat = chatRequest(4);
    chat.model = "my-tiny";
    const auto answer = await(m_client->chatCompletion(chat, {}, {}));
    QVERIFY_RESULT(answer);
    QCOMPARE(answer->model, std::string("my-tiny"));

    QVERIFY_RESULT(await(m_client->unregisterModel("my-tiny")));
    QCOMPARE(await(m_client->getModel("my-tiny")).error().status, 404);
    QCOMPARE(await(m_client->unregisterModel("my-tiny")).error().status, 404);
}

void TstModelsHttp::registrationPolicy()
{
    // A folder outside --allow-files, an endpoint without --allow-remote-uris: 403 from the server
    // before the engine sees them.
    api::RegisterModelRequest outside;
    outside.model_id = "other";
    outside.metadata.value = {{"path", path(QStringLiteral("outside/other")).toStdString()}};
    const auto refused = await(m_client->registerModel(outside));
    QCOMPARE(refused.error().status, 403);
    QVERIFY2(refused.error().detail.find("--allow-files") != std::string::npos, refused.error().detail.c_str());
    outside.metadata.value = {{"path", path(QStringLiteral("allowed/../outside/other")).toStdString()}};
    QCOMPARE(await(m_client->registerModel(outside)).error().status, 403);

    api::RegisterModelRequest endpoint;
    endpoint.model_id = "remote";
    endpoint.metadata.value = {{"base_url", "http://127.0.0.1:1/v1"}};
    QCOMPARE(await(m_client->registerModel(endpoint)).error().status, 403);

    const auto bad = m_raw->post("/v1/models", body({{"model_id", "x"}, {"model_type", "vision"}}));
    QCOMPARE(bad.status, 400);
    QVERIFY2(bad.body.contains("model_type: 'vision' is not one of"), bad.body.constData());
}

void TstModelsHttp::chatJsonAndStream()
{
    const auto request = chatRequest();
    const auto inProcess = await(m_engine->chatCompletion(request, {}, {}));
    QVERIFY_RESULT(inProcess);
    const std::string text = inProcess->choices.at(0).message.content;
    QVERIFY2(!text.empty(), "the tiny model says something");

    // JSON over HTTP: the same answer.
    const auto whole = await(m_client->chatCompletion(request, {}, {}));
    QVERIFY_RESULT(whole);
    QCOMPARE(whole->choices.at(0).message.content, text);
    QCOMPARE(whole->choices.at(0).message.role, std::string("assistant"));
    QCOMPARE(whole->choices.at(0).finish_reason, inProcess->choices.at(0).finish_reason);
    QCOMPARE(whole->model, std::string(kModel));
    QVERIFY(whole->usage);
    QCOMPARE(whole->usage->completion_tokens, inProcess->usage->completion_tokens);

    // Streamed through the remote client: the chunks, in order, make the same text.
    std::mutex mutex;
    std::vector<api::ChatCompletionChunk> chunks;
    const auto streamed = await(m_client->chatCompletion(
        request,
        [&](const api::ChatCompletionChunk &c) {
            std::lock_guard lock(mutex);
            chunks.push_back(c);
        },
        {}));
    QVERIFY_RESULT(streamed);
    QCOMPARE(streamed->choices.at(0).message.content, text);
    QVERIFY(streamed->usage); // the client asked for it on the caller's behalf
    std::lock_guard lock(mutex);
    QVERIFY2(chunks.size() > 2, "one chunk per token or so");
    std::string joined;
    for (const auto &c : chunks) {
        QVERIFY(!c.usage); // the caller did not ask for usage
        for (const auto &choice : c.choices)
            joined += choice.content.value_or("");
    }
    QCOMPARE(joined, text);
    QCOMPARE(chunks.front().choices.at(0).role.value_or(""), std::string("assistant"));
    QCOMPARE(chunks.back().choices.at(0).finish_reason.value_or(""), whole->choices.at(0).finish_reason);
}

void TstModelsHttp::chatServerSentEvents()
{
    const auto expected = await(m_engine->chatCompletion(chatRequest(), {}, {}));
    QVERIFY_RESULT(expected);

    Json request = api::toJson(chatRequest());
    request["stream"] = true;
    request["stream_options"] = {{"include_usage", true}};
    const auto raw = m_raw->post("/v1/chat/completions", body(request));
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.header("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
    QCOMPARE(raw.header("Transfer-Encoding"), QByteArray("chunked"));
    QVERIFY(raw.complete);
    QVERIFY2(raw.body.endsWith("data: [DONE]\n\n"), raw.body.right(100).constData());

    const auto events = raw.events();
    QVERIFY(events.size() >= 3);
    QCOMPARE(events.back(), QByteArray("[DONE]"));
    std::string joined;
    std::set<std::string> ids;
    for (int i = 0; i + 1 < events.size(); ++i) {
        const Json j = Json::parse(events[i].toStdString());
        QCOMPARE(j["object"].get<std::string>(), std::string("chat.completion.chunk"));
        QCOMPARE(j["model"].get<std::string>(), std::string(kModel));
        const auto chunk = api::parse<api::ChatCompletionChunk>(j);
        QVERIFY_RESULT(chunk);
        ids.insert(chunk->id);
        for (const auto &choice : chunk->choices)
            joined += choice.content.value_or("");
        const bool last = i + 2 == events.size();
        // include_usage: the last chunk has no choices and carries the usage; no other has it.
        QCOMPARE(chunk->usage.has_value(), last);
        if (last) {
            QVERIFY(chunk->choices.empty());
            QCOMPARE(chunk->usage->completion_tokens, expected->usage->completion_tokens);
        } else {
            QCOMPARE(chunk->choices.size(), size_t(1));
            // Mid-stream finish_reason is null, as OpenAI sends it.
            QVERIFY(j["choices"][0].contains("finish_reason"));
        }
    }
    QCOMPARE(ids.size(), size_t(1));
    QCOMPARE(joined, expected->choices.at(0).message.content);

    // The connection stays usable after a stream (chunked, keep-alive): the server still answers.
    QCOMPARE(m_raw->get("/v1/health").status, 200);
}

void TstModelsHttp::completions()
{
    const auto request = completionRequest();
    const auto inProcess = await(m_engine->completion(request, {}, {}));
    QVERIFY_RESULT(inProcess);
    const std::string text = inProcess->choices.at(0).text;

    const auto whole = await(m_client->completion(request, {}, {}));
    QVERIFY_RESULT(whole);
    QCOMPARE(whole->choices.at(0).text, text);
    QCOMPARE(whole->choices.at(0).finish_reason, inProcess->choices.at(0).finish_reason);

    std::mutex mutex;
    std::string joined;
    int chunks = 0;
    const auto streamed = await(m_client->completion(
        request,
        [&](const api::Completion &c) {
            std::lock_guard lock(mutex);
            ++chunks;
            for (const auto &choice : c.choices)
                joined += choice.text;
        },
        {}));
    QVERIFY_RESULT(streamed);
    QCOMPARE(streamed->choices.at(0).text, text);
    QCOMPARE(joined, text);
    QVERIFY(chunks > 2);

    // The raw stream: text_completion chunks, then [DONE]; no usage anywhere (not in the schema).
    Json raw = api::toJson(request);
    raw["stream"] = true;
    const auto answer = m_raw->post("/v1/completions", body(raw));
    QCOMPARE(answer.status, 200);
    const auto events = answer.events();
    QCOMPARE(events.back(), QByteArray("[DONE]"));
    std::string rawJoined;
    for (int i = 0; i + 1 < events.size(); ++i) {
        const Json j = Json::parse(events[i].toStdString());
        QCOMPARE(j["object"].get<std::string>(), std::string("text_completion"));
        QVERIFY(!j.contains("usage"));
        for (const auto &c : j["choices"])
            rawJoined += c["text"].get<std::string>();
    }
    QCOMPARE(rawJoined, text);
}

void TstModelsHttp::badRequests()
{
    struct Case
    {
        const char *path;
        QByteArray body;
        int status;
        const char *detail;
    };
    const Json hi = {{{"role", "user"}, {"content", "hi"}}};
    const Case cases[] = {
        {"/v1/chat/completions", "{not json", 400, "request body is not valid JSON"},
        {"/v1/chat/completions", body({{"model", kModel}}), 400, "messages: field required"},
        {"/v1/chat/completions", body({{"model", kModel}, {"messages", hi}, {"n", 2}}), 400,
         "n: only 1 is supported"},
        {"/v1/chat/completions", body({{"model", kModel}, {"stream", true}, {"messages",
                                       {{{"role", "user"}, {"content", {{{"type", "image_url"},
                                         {"image_url", {{"url", "http://x/y.png"}}}}}}}}}}),
         400, "messages[0].content[0].type: 'image_url' content parts are not supported"},
        {"/v1/completions", body({{"model", kModel}, {"prompt", {1, 2, 3}}}), 400,
         "prompt: token-id prompts are not supported"},
        {"/v1/completions", body({{"model", kModel}, {"prompt", "x"}, {"suffix", "y"}}), 400,
         "suffix: not supported"},
    };
    for (const Case &c : cases) {
        const auto r = m_raw->post(c.path, c.body);
        QCOMPARE(r.status, c.status);
        const Json e = Json::parse(r.body.toStdString());
        QVERIFY2(e["detail"].get<std::string>().rfind(c.detail, 0) == 0, r.body.constData());
    }
    // A known path, the wrong method.
    const auto wrong = m_raw->get("/v1/chat/completions");
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.header("Allow"), QByteArray("POST"));
}

void TstModelsHttp::disconnectCancelsTheGeneration()
{
    // The generation is held after its first chunk until it is cancelled. The raw client reads
    // that chunk (so it was written while the generation was still running) and hangs up; the
    // server must then cancel, which releases the generation, which ends "cancelled" well before
    // its 400 tokens.
    const size_t before = m_api->ended().size();
    m_api->holdNextAfterFirstChunk();
    Json request = api::toJson(chatRequest(400));
    request["stream"] = true;
    const auto raw = m_raw->post("/v1/chat/completions", body(request), true);
    QCOMPARE(raw.status, 200);
    QVERIFY(!raw.complete);
    QCOMPARE(raw.events().size(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(m_api->ended().size(), before + 1, 15000);
    const auto ended = m_api->ended().back();
    QVERIFY(ended.cancelSeen);
    QCOMPARE(ended.finishReason, std::string("cancelled"));
    QVERIFY(ended.completionTokens < 400);
}

void TstModelsHttp::remoteCancel()
{
    // The remote client's CancelToken: the HTTP request is aborted, the server cancels the
    // generation, and the caller gets what arrived with finish_reason "cancelled".
    const size_t before = m_api->ended().size();
    m_api->holdNextAfterFirstChunk();
    api::CancelToken cancel;
    const auto r = await(m_client->chatCompletion(
        chatRequest(400), [cancel](const api::ChatCompletionChunk &) { cancel.cancel(); }, cancel));
    QVERIFY_RESULT(r);
    QCOMPARE(r->choices.at(0).finish_reason, std::string("cancelled"));

    QTRY_COMPARE_WITH_TIMEOUT(m_api->ended().size(), before + 1, 15000);
    QCOMPARE(m_api->ended().back().finishReason, std::string("cancelled"));
    QVERIFY(m_api->ended().back().cancelSeen);
}

QTEST_GUILESS_MAIN(TstModelsHttp)
#include "tst_models_http.moc"
