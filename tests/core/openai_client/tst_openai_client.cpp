// The OpenAI-compatible client (core/openai) against real loopback servers that answer the way
// llama.cpp, vLLM, Ollama and Llama Stack do: whole JSON answers, SSE streams written slowly and
// split anywhere, error bodies of every shape, silence, refused connections, cancellation.

#include "openai/openai_client.h"
#include "openai/sse_parser.h"

#include "local_http_server.h"
#include "scripted_server.h"

#include <QtTest>

using namespace wb;
using namespace wb::api;
using wb::test::ScriptedServer;

namespace {

Json J(const char *text)
{
    return Json::parse(text);
}

QByteArray bytes(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

openai::Endpoint endpointOf(const ScriptedServer &server, int timeoutMs = 10000)
{
    openai::Endpoint e;
    e.baseUrl = server.baseUrl();
    e.apiKey = "sk-secret";
    e.timeoutMs = timeoutMs;
    return e;
}

ChatCompletionRequest chatRequest(bool stream = false)
{
    ChatCompletionRequest r;
    r.model = "tiny";
    r.messages.push_back({"user", "Say hi", std::nullopt});
    r.sampling.max_tokens = 8;
    r.stream = stream;
    return r;
}

QByteArray chunkEvent(const char *content, const char *finish = nullptr, bool role = false)
{
    Json delta = Json::object();
    if (role)
        delta["role"] = "assistant";
    if (content)
        delta["content"] = content;
    Json j{{"id", "chatcmpl-7"}, {"object", "chat.completion.chunk"}, {"created", 1700000000},
           {"model", "tiny"},
           {"choices", Json::array({{{"index", 0}, {"delta", delta},
                                     {"finish_reason", finish ? Json(finish) : Json(nullptr)}}})}};
    return "data: " + bytes(j) + "\n\n";
}

QByteArray usageEvent()
{
    return "data: "
           + bytes(J(R"({"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,
               "model":"tiny","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}})"))
           + "\n\n";
}

//! The parser's events for `text` fed in pieces of `step` bytes (0: all at once).
std::vector<openai::SseEvent> parseInPieces(const QByteArray &text, int step)
{
    openai::SseParser parser;
    std::vector<openai::SseEvent> out;
    if (step <= 0) {
        out = parser.feed(text);
    } else {
        for (int i = 0; i < text.size(); i += step)
            for (auto &e : parser.feed(text.mid(i, step)))
                out.push_back(e);
    }
    for (auto &e : parser.finish())
        out.push_back(e);
    return out;
}

std::string contentOf(const Result<ChatCompletion> &r)
{
    return r ? r->choices.at(0).message.content : "error: " + r.error().toString();
}

} // namespace

class TstOpenAIClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sseParser();
    void sseParserSplitAnywhere();
    void chatWhole();
    void chatStreamedLive();
    void chatStreamWithUsageAsked();
    void doneEndsTheStream();
    void streamIgnoredByServer();
    void errorBodies_data();
    void errorBodies();
    void errorEventMidStream();
    void invalidStream();
    void streamEndsEarly();
    void connectionRefused();
    void timeoutWhole();
    void timeoutBetweenEvents();
    void cancelMidStream();
    void cancelWhileWaiting();
    void completions();
    void listModels();
};

void TstOpenAIClient::sseParser()
{
    using openai::SseEvent;
    const QByteArray text = "\xEF\xBB\xBF"          // BOM, skipped
                            ": keep-alive comment\n"  // comment
                            "data: one\n\n"
                            "data:two\r\n\r\n"        // no space after the colon, CRLF
                            "event: ping\nid: 7\ndata: a\ndata: b\n\n" // fields, multi-line data
                            "data: cr\r\r"            // CR alone
                            "retry: 10\n\n"           // no data: no event
                            "data\n\n"                // a field without a colon: empty data
                            "data: last";             // no blank line before the end
    const std::vector<SseEvent> want = {{"", "one", ""},  {"", "two", ""}, {"ping", "a\nb", "7"},
                                        {"", "cr", ""},   {"", "", ""},    {"", "last", ""}};
    const auto got = parseInPieces(text, 0);
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        QCOMPARE(got[i].event, want[i].event);
        QCOMPARE(got[i].data, want[i].data);
        QCOMPARE(got[i].id, want[i].id);
    }
}

void TstOpenAIClient::sseParserSplitAnywhere()
{
    // A realistic stream (CRLF, multi-line JSON data, comments, [DONE]) gives the same events
    // whatever the read boundaries: every piece size, including one byte at a time (which splits
    // every CRLF and every UTF-8 sequence).
    const QByteArray text = ": hello\r\n\r\n"
                            "data: {\"a\":\r\ndata: \"héllo 世界 🎉\"}\r\n\r\n"
                            "data: {\"b\": 2}\r\n\r\n"
                            "data: [DONE]\r\n\r\n";
    const auto whole = parseInPieces(text, 0);
    QCOMPARE(whole.size(), size_t(3));
    QCOMPARE(whole[0].data, QByteArray("{\"a\":\n\"héllo 世界 🎉\"}"));
    QCOMPARE(whole[2].data, QByteArray("[DONE]"));
    for (int step = 1; step < text.size(); ++step) {
        const auto pieces = parseInPieces(text, step);
        QVERIFY2(pieces == whole, qPrintable(QStringLiteral("step %1").arg(step)));
    }
}

void TstOpenAIClient::chatWhole()
{
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.respond(200, "application/json", bytes(J(R"({"id":"chatcmpl-1","object":"chat.completion",
            "created":1700000000,"model":"tiny","system_fingerprint":"x","choices":[{"index":0,
            "message":{"role":"assistant","content":"Hi there"},"logprobs":null,"finish_reason":"stop"}],
            "usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}})")));
    });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest());
    QVERIFY2(r, r ? "" : r.error().toString().c_str());
    QCOMPARE(r->id, std::string("chatcmpl-1"));
    QCOMPARE(r->choices.at(0).message.content, std::string("Hi there"));
    QCOMPARE(r->choices.at(0).finish_reason, std::string("stop"));
    QCOMPARE(r->usage->total_tokens, int64_t(6));

    const auto req = server.lastRequest();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(req.header("Authorization"), QByteArray("Bearer sk-secret"));
    QCOMPARE(req.header("Content-Type"), QByteArray("application/json"));
    const Json body = Json::parse(req.body.toStdString());
    QCOMPARE(body["model"].get<std::string>(), std::string("tiny"));
    QCOMPARE(body["stream"].get<bool>(), false);
    QCOMPARE(body["max_tokens"].get<int>(), 8);
    QCOMPARE(body["messages"][0]["content"].get<std::string>(), std::string("Say hi"));
}

void TstOpenAIClient::chatStreamedLive()
{
    // The server sends the second token only after the client's sink has seen the first: if
    // chunks were delivered at the end instead of as they arrive, the gate would time out.
    QSemaphore firstSeen;
    std::atomic_bool gateTimedOut{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream; charset=utf-8");
        x.write(": ping\n\n");
        x.write(chunkEvent("", nullptr, true));
        const QByteArray hel = chunkEvent("Hel");
        x.write(hel);
        if (!x.waitGate(firstSeen))
            gateTimedOut = true;
        // The rest split inside a CRLF, inside the JSON, and inside a UTF-8 sequence (é).
        const QByteArray rest = QByteArray(chunkEvent("lo ").replace("\n", "\r\n"))
                                + chunkEvent("wörld") + chunkEvent(nullptr, "stop") + usageEvent()
                                + "data: [DONE]\n\n";
        for (int i = 0; i < rest.size(); i += 7) {
            x.write(rest.mid(i, 7));
            x.pause(1);
        }
    });
    QVERIFY(server.ok());

    std::vector<ChatCompletionChunk> seen;
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(false),
                                          [&](const ChatCompletionChunk &c) {
                                              seen.push_back(c);
                                              if (c.choices.size() == 1 && c.choices[0].content
                                                  && *c.choices[0].content == "Hel")
                                                  firstSeen.release();
                                          });
    QVERIFY2(r, r ? "" : r.error().toString().c_str());
    QVERIFY(!gateTimedOut);
    QCOMPARE(contentOf(r), std::string("Hello wörld"));
    QCOMPARE(r->choices.at(0).message.role, std::string("assistant"));
    QCOMPARE(r->choices.at(0).finish_reason, std::string("stop"));
    QCOMPARE(r->id, std::string("chatcmpl-7"));
    // Usage was asked for on the caller's behalf: in the result, but no usage chunk in the sink.
    QVERIFY(r->usage);
    QCOMPARE(r->usage->completion_tokens, int64_t(3));
    QCOMPARE(seen.size(), size_t(5));
    for (const auto &c : seen)
        QVERIFY(!c.usage);
    QCOMPARE(*seen.at(2).choices.at(0).content, std::string("lo "));

    // A sink makes the request a stream, with usage, whatever the caller's request said.
    const Json body = Json::parse(server.lastRequest().body.toStdString());
    QCOMPARE(body["stream"].get<bool>(), true);
    QCOMPARE(body["stream_options"]["include_usage"].get<bool>(), true);
    QCOMPARE(server.lastRequest().header("Accept"), QByteArray("text/event-stream"));
}

void TstOpenAIClient::chatStreamWithUsageAsked()
{
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write(chunkEvent("ok", "length", true) + usageEvent() + "data: [DONE]\n\n");
    });
    QVERIFY(server.ok());
    auto request = chatRequest(true);
    request.include_usage = true;
    std::vector<ChatCompletionChunk> seen;
    const auto r = openai::chatCompletion(endpointOf(server), request,
                                          [&](const ChatCompletionChunk &c) { seen.push_back(c); });
    QVERIFY(r);
    QCOMPARE(r->choices.at(0).finish_reason, std::string("length"));
    QCOMPARE(seen.size(), size_t(2));
    QVERIFY(seen.back().choices.empty());
    QCOMPARE(seen.back().usage->total_tokens, int64_t(8));

    // Streamed without a sink: still one whole answer.
    const auto quiet = openai::chatCompletion(endpointOf(server), request);
    QCOMPARE(contentOf(quiet), std::string("ok"));
}

void TstOpenAIClient::doneEndsTheStream()
{
    // After [DONE] the server keeps the connection open (and sends garbage): the client returns
    // at [DONE] and closes the connection.
    std::atomic_bool closed{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write(chunkEvent("done", "stop", true) + "data: [DONE]\n\n" + "data: not json\n\n");
        closed = x.waitForClientClose(10000);
    });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(true));
    QCOMPARE(contentOf(r), std::string("done"));
    QTRY_VERIFY(closed);
}

void TstOpenAIClient::streamIgnoredByServer()
{
    // A server that ignores "stream": true and answers JSON: the sink gets the answer as one chunk.
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.respond(200, "application/json", bytes(J(R"({"id":"c","object":"chat.completion","created":1,
            "model":"tiny","choices":[{"index":0,"message":{"role":"assistant","content":"whole"},
            "finish_reason":"stop"}]})")));
    });
    QVERIFY(server.ok());
    std::vector<ChatCompletionChunk> seen;
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(),
                                          [&](const ChatCompletionChunk &c) { seen.push_back(c); });
    QCOMPARE(contentOf(r), std::string("whole"));
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(*seen[0].choices.at(0).content, std::string("whole"));
    QCOMPARE(*seen[0].choices.at(0).finish_reason, std::string("stop"));
}

void TstOpenAIClient::errorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("detail");

    const QByteArray json = "application/json";
    for (const bool stream : {false, true}) {
        const char *s = stream ? " (stream)" : "";
        QTest::addRow("openai%s", s)
            << 404 << json
            << QByteArray(R"({"error":{"message":"The model `x` does not exist","type":"invalid_request_error","code":"model_not_found"}})")
            << stream << "The model `x` does not exist";
        QTest::addRow("fastapi%s", s)
            << 400 << json << QByteArray(R"({"detail":"Invalid value for max_tokens"})") << stream
            << "Invalid value for max_tokens";
        QTest::addRow("fastapi validation%s", s)
            << 422 << json
            << QByteArray(R"({"detail":[{"loc":["body","messages",0,"content"],"msg":"Field required","type":"missing"}]})")
            << stream << "messages[0].content: Field required";
        QTest::addRow("spec Error%s", s)
            << 409 << json
            << QByteArray(R"({"status":409,"title":"Conflict","detail":"busy with another request"})")
            << stream << "busy with another request";
        QTest::addRow("text%s", s) << 503 << QByteArray("text/plain") << QByteArray("overloaded, retry later\n")
                                   << stream << "overloaded, retry later";
        QTest::addRow("empty%s", s) << 500 << json << QByteArray() << stream
                                    << "the server answered HTTP 500 with an empty body";
    }
}

void TstOpenAIClient::errorBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, stream);
    QFETCH(QString, detail);
    ScriptedServer server([&](ScriptedServer::Exchange &x) { x.respond(status, contentType, body); });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(stream));
    QVERIFY(!r);
    QCOMPARE(r.error().status, status);
    QCOMPARE(QString::fromStdString(r.error().detail), detail);
    QCOMPARE(r.error().title, Error::titleForStatus(status));
}

void TstOpenAIClient::errorEventMidStream()
{
    // OpenAI/vLLM style (status from `code`) and ours (status, title, detail, message).
    const QByteArray events[] = {
        R"(data: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}})",
        R"(data: {"error":{"status":404,"title":"Not Found","detail":"Model 'm' was removed","message":"Model 'm' was removed"}})",
        R"(data: {"error":{"message":"something odd"}})",
    };
    const int statuses[] = {500, 404, 502};
    const char *details[] = {"CUDA out of memory", "Model 'm' was removed", "something odd"};
    for (int i = 0; i < 3; ++i) {
        ScriptedServer server([&](ScriptedServer::Exchange &x) {
            x.writeHead(200, "text/event-stream");
            x.write(chunkEvent("partial", nullptr, true) + events[i] + "\n\n");
        });
        QVERIFY(server.ok());
        int chunks = 0;
        const auto r = openai::chatCompletion(endpointOf(server), chatRequest(true),
                                              [&](const ChatCompletionChunk &) { ++chunks; });
        QVERIFY(!r);
        QCOMPARE(r.error().status, statuses[i]);
        QCOMPARE(r.error().detail, std::string(details[i]));
        QCOMPARE(chunks, 1); // what came before the error was delivered
    }
}

void TstOpenAIClient::invalidStream()
{
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write("data: {\"id\": \n\n");
    });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(true));
    QVERIFY(!r);
    QCOMPARE(r.error().status, 502);
    QVERIFY2(r.error().detail.find("not JSON") != std::string::npos, r.error().detail.c_str());

    ScriptedServer wrongShape([](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write("data: {\"object\": \"chat.completion.chunk\", \"choices\": 3}\n\n");
    });
    const auto r2 = openai::chatCompletion(endpointOf(wrongShape), chatRequest(true));
    QVERIFY(!r2);
    QCOMPARE(r2.error().status, 502);
    QVERIFY2(r2.error().detail.find("choices: expected an array") != std::string::npos,
             r2.error().detail.c_str());
}

void TstOpenAIClient::streamEndsEarly()
{
    // The connection closes after a token, without a finish reason or [DONE]: a 502, not a
    // truncated answer passed off as complete.
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write(chunkEvent("half", nullptr, true));
    });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server), chatRequest(true));
    QVERIFY(!r);
    QCOMPARE(r.error().status, 502);
    QVERIFY2(r.error().detail.find("ended before the answer was complete") != std::string::npos,
             r.error().detail.c_str());

    // Ended by the connection after the finish reason, without [DONE]: complete.
    ScriptedServer noDone([](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write(chunkEvent("all", "stop", true));
    });
    QCOMPARE(contentOf(openai::chatCompletion(endpointOf(noDone), chatRequest(true))), std::string("all"));
}

void TstOpenAIClient::connectionRefused()
{
    openai::Endpoint e;
    e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(wb::test::LocalHttpServer::unusedPort()));
    for (const bool stream : {false, true}) {
        const auto r = openai::chatCompletion(e, chatRequest(stream));
        QVERIFY(!r);
        QCOMPARE(r.error().status, 502);
        QVERIFY2(r.error().detail.find("cannot reach") != std::string::npos, r.error().detail.c_str());
    }
    const auto models = openai::listModels(e);
    QVERIFY(!models);
    QCOMPARE(models.error().status, 502);

    e.baseUrl = QUrl(QStringLiteral("ftp://127.0.0.1/v1"));
    QCOMPARE(openai::chatCompletion(e, chatRequest()).error().status, 400);
}

void TstOpenAIClient::timeoutWhole()
{
    std::atomic_bool closed{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) { closed = x.waitForClientClose(10000); });
    QVERIFY(server.ok());
    const auto r = openai::chatCompletion(endpointOf(server, 300), chatRequest());
    QVERIFY(!r);
    QCOMPARE(r.error().status, 504);
    QVERIFY2(r.error().detail.find("timed out after 300 ms") != std::string::npos, r.error().detail.c_str());
    QTRY_VERIFY(closed); // the client gave up the connection
}

void TstOpenAIClient::timeoutBetweenEvents()
{
    // Events keep a stream alive however long it takes; silence longer than the timeout is a 504.
    std::atomic_bool closed{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        for (int i = 0; i < 4; ++i) {
            x.write(chunkEvent("tick ", nullptr, i == 0));
            x.pause(100);
        }
        closed = x.waitForClientClose(10000);
    });
    QVERIFY(server.ok());
    int chunks = 0;
    const auto r = openai::chatCompletion(endpointOf(server, 1000), chatRequest(true),
                                          [&](const ChatCompletionChunk &) { ++chunks; });
    QVERIFY(!r);
    QCOMPARE(r.error().status, 504);
    QVERIFY2(r.error().detail.find("without data") != std::string::npos, r.error().detail.c_str());
    QCOMPARE(chunks, 4);
    QTRY_VERIFY(closed);
}

void TstOpenAIClient::cancelMidStream()
{
    // The sink cancels after the second token; the server, which would otherwise go on for ever,
    // sees the connection close. The answer is what arrived, finish_reason "cancelled".
    std::atomic_bool closed{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) {
        x.writeHead(200, "text/event-stream");
        x.write(chunkEvent("", nullptr, true));
        for (int i = 0; i < 1000 && !closed; ++i) {
            x.write(chunkEvent(i == 0 ? "one" : " more"));
            closed = x.waitForClientClose(20);
        }
    });
    QVERIFY(server.ok());
    CancelToken cancel;
    int contentChunks = 0;
    const auto r = openai::chatCompletion(
        endpointOf(server), chatRequest(true),
        [&](const ChatCompletionChunk &c) {
            if (c.choices.at(0).content && !c.choices.at(0).content->empty() && ++contentChunks == 2)
                cancel.cancel();
        },
        cancel);
    QVERIFY2(r, r ? "" : r.error().toString().c_str());
    QCOMPARE(r->choices.at(0).finish_reason, std::string("cancelled"));
    // Chunks may still arrive in the same read as the second one; they are part of the answer.
    QVERIFY2(QString::fromStdString(contentOf(r)).startsWith(QLatin1String("one more")),
             contentOf(r).c_str());
    QTRY_VERIFY(closed);
}

void TstOpenAIClient::cancelWhileWaiting()
{
    // Cancelled before any answer (a timer on this thread fires inside the client's event loop).
    std::atomic_bool closed{false};
    ScriptedServer server([&](ScriptedServer::Exchange &x) { closed = x.waitForClientClose(10000); });
    QVERIFY(server.ok());
    for (const bool stream : {false, true}) {
        closed = false;
        CancelToken cancel;
        QTimer::singleShot(100, [cancel] { cancel.cancel(); });
        const auto r = openai::chatCompletion(endpointOf(server), chatRequest(stream), {}, cancel);
        QVERIFY2(r, r ? "" : r.error().toString().c_str());
        QCOMPARE(r->choices.size(), size_t(1));
        QCOMPARE(r->choices.at(0).finish_reason, std::string("cancelled"));
        QCOMPARE(r->choices.at(0).message.content, std::string());
        QCOMPARE(r->model, std::string("tiny"));
        QTRY_VERIFY(closed);
    }
    // Already cancelled: no request at all.
    const int before = server.requests().size();
    CancelToken cancelled;
    cancelled.cancel();
    QVERIFY(openai::chatCompletion(endpointOf(server), chatRequest(), {}, cancelled));
    QCOMPARE(server.requests().size(), before);
}

void TstOpenAIClient::completions()
{
    // Two prompts streamed interleaved (index 0 and 1), as vLLM does for a batch.
    auto event = [](int index, const char *text, const char *finish) -> QByteArray {
        Json j{{"id", "cmpl-3"}, {"object", "text_completion"}, {"created", 5}, {"model", "tiny"},
               {"choices", Json::array({{{"index", index}, {"text", text},
                                         {"finish_reason", finish ? Json(finish) : Json(nullptr)}}})}};
        return "data: " + bytes(j) + "\n\n";
    };
    ScriptedServer server([&](ScriptedServer::Exchange &x) {
        const Json body = Json::parse(x.request().body.toStdString());
        if (!body.value("stream", false)) {
            x.respond(200, "application/json", bytes(J(R"({"id":"cmpl-1","object":"text_completion",
                "created":5,"model":"tiny","choices":[{"index":0,"text":" upon a time","finish_reason":"length"}],
                "usage":{"prompt_tokens":2,"completion_tokens":4,"total_tokens":6}})")));
            return;
        }
        x.writeHead(200, "text/event-stream");
        x.write(event(0, "A", nullptr) + event(1, "X", nullptr) + event(1, "Y", "stop")
                + event(0, "B", "length") + "data: [DONE]\n\n");
    });
    QVERIFY(server.ok());

    CompletionRequest request;
    request.model = "tiny";
    request.prompts = {"Once"};
    const auto whole = openai::completion(endpointOf(server), request);
    QVERIFY2(whole, whole ? "" : whole.error().toString().c_str());
    QCOMPARE(whole->choices.at(0).text, std::string(" upon a time"));
    QCOMPARE(whole->usage->completion_tokens, int64_t(4));
    QCOMPARE(server.lastRequest().path, QByteArray("/v1/completions"));

    request.prompts = {"first", "second"};
    std::string streamedText;
    const auto streamed = openai::completion(endpointOf(server), request, [&](const Completion &c) {
        for (const auto &choice : c.choices)
            streamedText += std::to_string(choice.index) + choice.text;
    });
    QVERIFY2(streamed, streamed ? "" : streamed.error().toString().c_str());
    QCOMPARE(streamedText, std::string("0A1X1Y0B"));
    QCOMPARE(streamed->choices.size(), size_t(2));
    QCOMPARE(streamed->choices[0].text, std::string("AB"));
    QCOMPARE(streamed->choices[0].finish_reason, std::string("length"));
    QCOMPARE(streamed->choices[1].text, std::string("XY"));
    QCOMPARE(streamed->choices[1].finish_reason, std::string("stop"));
    const Json sent = Json::parse(server.lastRequest().body.toStdString());
    QCOMPARE(sent["prompt"], J(R"(["first","second"])"));
    QCOMPARE(sent["stream"].get<bool>(), true);
}

void TstOpenAIClient::listModels()
{
    // llama.cpp's shape (extra "meta"), one entry without created/owned_by (as some servers do).
    ScriptedServer server([](ScriptedServer::Exchange &x) {
        x.respond(200, "application/json", bytes(J(R"({"object":"list","data":[
            {"id":"smollm2","object":"model","created":1,"owned_by":"llamacpp","meta":{"n_params":135}},
            {"id":"org/other","object":"model"}]})")));
    });
    QVERIFY(server.ok());
    const auto r = openai::listModels(endpointOf(server));
    QVERIFY2(r, r ? "" : r.error().toString().c_str());
    QCOMPARE(r->data.size(), size_t(2));
    QCOMPARE(r->data[0].owned_by, std::string("llamacpp"));
    QCOMPARE(r->data[1].id, std::string("org/other"));
    QCOMPARE(server.lastRequest().method, QByteArray("GET"));
    QCOMPARE(server.lastRequest().path, QByteArray("/v1/models"));
    QCOMPARE(server.lastRequest().header("Authorization"), QByteArray("Bearer sk-secret"));

    // No key: no Authorization header at all.
    auto e = endpointOf(server);
    e.apiKey.clear();
    QVERIFY(openai::listModels(e));
    QVERIFY(server.lastRequest().header("Authorization").isEmpty());
}

QTEST_GUILESS_MAIN(TstOpenAIClient)
#include "tst_openai_client.moc"
