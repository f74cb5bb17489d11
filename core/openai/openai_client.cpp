#include "openai/openai_client.h"

#include "openai/blocking_http.h"
#include "openai/chunk_assembly.h"
#include "openai/error_body.h"
#include "openai/sse_parser.h"

namespace wb::openai {

using api::Json;

namespace {

constexpr const char *kCancelled = "cancelled";

QUrl endpointUrl(const Endpoint &endpoint, const char *path)
{
    QUrl url = endpoint.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1String(path));
    return url;
}

HttpRequest baseRequest(const Endpoint &endpoint, const char *path)
{
    HttpRequest r;
    r.url = endpointUrl(endpoint, path);
    r.bearer = endpoint.apiKey;
    r.caFile = endpoint.caFile;
    r.timeoutMs = endpoint.timeoutMs;
    return r;
}

std::string where(const HttpRequest &r)
{
    return r.url.toDisplayString(QUrl::RemoveUserInfo).toStdString();
}

//! A 2xx JSON body as T, or a 502 saying the server sent something else.
template<typename T>
api::Result<T> decodeBody(const HttpRequest &r, const QByteArray &body, const char *what)
{
    const Json j = Json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded())
        return api::Error::badGateway(where(r) + " sent an invalid " + what + ": not JSON: "
                                      + QString::fromUtf8(body.left(200)).toStdString());
    auto parsed = api::parse<T>(j);
    if (!parsed)
        return api::Error::badGateway(where(r) + " sent an invalid " + what + ": "
                                      + parsed.error().detail);
    return parsed;
}

//! The failure of an answer (transport, HTTP status), if any.
std::optional<api::Error> failure(const HttpAnswer &a)
{
    if (a.transportError)
        return a.transportError;
    if (a.cancelled || a.stopped)
        return std::nullopt;
    if (a.status < 200 || a.status > 299)
        return errorFromHttp(a.status, a.body);
    return std::nullopt;
}

//! Reads the SSE stream of a completion call: each `data:` event is a chunk of type Chunk, handed
//! to `onChunk`, until `[DONE]`. An error event or an unreadable chunk stops the stream.
template<typename Chunk>
class StreamReader
{
public:
    StreamReader(std::string where, std::function<void(const Chunk &)> onChunk)
        : m_where(std::move(where)), m_onChunk(std::move(onChunk)) {}

    //! For HttpRequest::onData: false stops the transfer.
    bool feed(const QByteArray &bytes) { return handle(m_parser.feed(bytes)); }
    void finish() { handle(m_parser.finish()); }

    bool done() const { return m_done; }
    const std::optional<api::Error> &error() const { return m_error; }

private:
    bool handle(const std::vector<SseEvent> &events)
    {
        if (m_parser.overflowed() && !m_error)
            m_error = api::Error::badGateway(m_where + " sent an event larger than "
                                             + std::to_string(SseParser::maxLineBytes) + " bytes");
        for (const SseEvent &e : events) {
            if (m_done || m_error)
                break;
            const QByteArray data = e.data.trimmed();
            if (data == "[DONE]") {
                m_done = true;
                break;
            }
            const Json j = Json::parse(data.begin(), data.end(), nullptr, false);
            if (j.is_discarded()) {
                m_error = api::Error::badGateway(m_where + " sent a stream event that is not JSON: "
                                                 + QString::fromUtf8(data.left(200)).toStdString());
                break;
            }
            if (auto e = errorFromStreamEvent(j)) {
                m_error = std::move(e);
                break;
            }
            auto chunk = api::parse<Chunk>(j);
            if (!chunk) {
                m_error = api::Error::badGateway(m_where + " sent an invalid stream chunk: "
                                                 + chunk.error().detail);
                break;
            }
            m_onChunk(chunk.value());
        }
        return !m_done && !m_error;
    }

    std::string m_where;
    std::function<void(const Chunk &)> m_onChunk;
    SseParser m_parser;
    bool m_done = false;
    std::optional<api::Error> m_error;
};

//! The common shape of a streamed call: POST `body` with stream=true, feed the events to
//! `assembler` (and the caller's sink), and map the end of the stream onto a result.
template<typename Chunk, typename Assembler, typename Final, typename Sink, typename MakeResult>
api::Result<Final> streamCall(HttpRequest http, const Json &body, Assembler &assembler,
                              const Sink &sink, bool forwardUsage, const MakeResult &makeResult,
                              const char *what)
{
    http.verb = "POST";
    http.body = QByteArray::fromStdString(body.dump(-1, ' ', false, Json::error_handler_t::replace));
    http.accept = "text/event-stream";
    http.idleTimeout = true;
    http.onDataContentType = "text/event-stream";
    StreamReader<Chunk> reader(where(http), [&](const Chunk &chunk) {
        assembler.add(chunk);
        if (!sink)
            return;
        if (chunk.usage && !forwardUsage) {
            // Usage was asked for on the caller's behalf (to complete the answer), not by it.
            if (chunk.choices.empty())
                return;
            Chunk copy = chunk;
            copy.usage.reset();
            sink(copy);
            return;
        }
        sink(chunk);
    });
    http.onData = [&reader](const QByteArray &bytes) { return reader.feed(bytes); };

    const HttpAnswer answer = runHttp(http);
    if (auto e = failure(answer))
        return *e;
    if (reader.error())
        return *reader.error();
    if (answer.cancelled)
        return makeResult(kCancelled);
    if (answer.contentType != "text/event-stream") {
        // A server that ignores "stream": the whole answer at once.
        auto whole = decodeBody<Final>(http, answer.body, what);
        if (!whole)
            return whole.error();
        return whole;
    }
    reader.finish();
    if (reader.error())
        return *reader.error();
    // Complete: every choice has its finish reason (the reason below is then unused); or the
    // server said [DONE] without giving one.
    if (assembler.complete() || (reader.done() && assembler.sawChunk()))
        return makeResult("stop");
    return api::Error::badGateway(where(http) + ": the stream ended before the answer was complete");
}

} // namespace

api::Result<api::ChatCompletion> chatCompletion(const Endpoint &endpoint,
                                                const api::ChatCompletionRequest &request,
                                                const api::ChatChunkSink &onChunk,
                                                const api::CancelToken &cancel)
{
    HttpRequest http = baseRequest(endpoint, "/chat/completions");
    http.cancel = cancel;

    if (!request.stream && !onChunk) {
        http.verb = "POST";
        http.body = QByteArray::fromStdString(api::toJson(request).dump(-1, ' ', false,
                                                                       Json::error_handler_t::replace));
        const HttpAnswer answer = runHttp(http);
        if (auto e = failure(answer))
            return *e;
        if (answer.cancelled)
            return ChatAssembler().result(kCancelled, request.model);
        return decodeBody<api::ChatCompletion>(http, answer.body, "chat completion");
    }

    // Streamed, also when only the sink wants it, with usage so the final answer has it.
    api::ChatCompletionRequest streamed = request;
    streamed.stream = true;
    streamed.include_usage = true;
    ChatAssembler assembler;
    auto result = streamCall<api::ChatCompletionChunk, ChatAssembler, api::ChatCompletion>(
        http, api::toJson(streamed), assembler, onChunk, request.include_usage,
        [&](const std::string &reason) { return assembler.result(reason, request.model); },
        "chat completion");
    if (result && onChunk && !assembler.sawChunk() && !cancel.isCancelled())
        onChunk(chunkOf(result.value())); // the server answered in one piece
    return result;
}

api::Result<api::Completion> completion(const Endpoint &endpoint,
                                        const api::CompletionRequest &request,
                                        const api::CompletionChunkSink &onChunk,
                                        const api::CancelToken &cancel)
{
    HttpRequest http = baseRequest(endpoint, "/completions");
    http.cancel = cancel;

    // echo cannot be streamed (see inference.h): such a request is answered whole, and a sink
    // gets it as one chunk.
    if ((!request.stream && !onChunk) || request.echo) {
        api::CompletionRequest whole = request;
        whole.stream = false;
        http.verb = "POST";
        http.body = QByteArray::fromStdString(api::toJson(whole).dump(-1, ' ', false,
                                                                     Json::error_handler_t::replace));
        const HttpAnswer answer = runHttp(http);
        if (auto e = failure(answer))
            return *e;
        if (answer.cancelled)
            return CompletionAssembler().result(kCancelled, request.model, request.prompts.size());
        auto result = decodeBody<api::Completion>(http, answer.body, "completion");
        if (result && onChunk)
            onChunk(result.value());
        return result;
    }

    api::CompletionRequest streamed = request;
    streamed.stream = true;
    streamed.include_usage = true;
    CompletionAssembler assembler;
    auto result = streamCall<api::Completion, CompletionAssembler, api::Completion>(
        http, api::toJson(streamed), assembler, onChunk, request.include_usage,
        [&](const std::string &reason) {
            return assembler.result(reason, request.model, request.prompts.size());
        },
        "completion");
    if (result && onChunk && !assembler.sawChunk() && !cancel.isCancelled())
        onChunk(result.value());
    return result;
}

api::Result<api::OpenAIListModelsResponse> listModels(const Endpoint &endpoint)
{
    HttpRequest http = baseRequest(endpoint, "/models");
    const HttpAnswer answer = runHttp(http);
    if (auto e = failure(answer))
        return *e;
    const Json j = Json::parse(answer.body.begin(), answer.body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_array())
        return api::Error::badGateway(where(http) + " sent an invalid model list: expected "
                                                    "{\"data\": [...]}");
    // Read leniently: servers differ in what else they put there (llama.cpp: "meta", vLLM:
    // "root", "permission"; some omit created or owned_by). Only the id is needed.
    api::OpenAIListModelsResponse out;
    for (const Json &item : j["data"]) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
            continue;
        api::OpenAIModel m;
        m.id = item["id"].get<std::string>();
        if (item.contains("created") && item["created"].is_number_integer())
            m.created = item["created"].get<int64_t>();
        if (item.contains("owned_by") && item["owned_by"].is_string())
            m.owned_by = item["owned_by"].get<std::string>();
        if (item.contains("custom_metadata") && item["custom_metadata"].is_object())
            m.custom_metadata = api::JsonObject{item["custom_metadata"]};
        out.data.push_back(std::move(m));
    }
    return out;
}

} // namespace wb::openai
