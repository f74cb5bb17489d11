#include "inference.h"

#include "common.h"

namespace wb::api {

namespace {

constexpr size_t kMaxStopSequences = 4; //!< OpenAI's limit, which clients already respect

//! `content` as a string or an array of text parts, joined without a separator (as contentText
//! joins interleaved items). Image, audio and file parts are refused: the models are text-only,
//! and dropping them silently would answer a different question than the one asked.
std::string readContent(const Json &j, const std::string &path)
{
    if (j.is_string())
        return j.get<std::string>();
    if (!j.is_array())
        throw JsonError(path, std::string("expected a string or an array of content parts, got ")
                                  + jsonTypeName(j));
    std::string text;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string partPath = indexPath(path, i);
        ObjectReader part(j[i], partPath);
        const std::string type = readDiscriminator(part);
        if (type != "text") {
            throw JsonError(joinPath(partPath, "type"),
                            "'" + type + "' content parts are not supported: the models served "
                                         "here read text only (send {\"type\": \"text\", ...})");
        }
        std::string piece;
        part.required("text", piece);
        text += piece;
    }
    return text;
}

//! `stop`: a string or an array of at most four strings.
std::vector<std::string> readStop(const Json &j, const std::string &path)
{
    std::vector<std::string> stop;
    if (j.is_string()) {
        stop.push_back(j.get<std::string>());
        return stop;
    }
    if (!j.is_array())
        throw JsonError(path, std::string("expected a string or an array of strings, got ")
                                  + jsonTypeName(j));
    fromJson(j, stop, path);
    if (stop.size() > kMaxStopSequences)
        throw JsonError(path, "at most " + std::to_string(kMaxStopSequences)
                                  + " stop sequences are allowed, got " + std::to_string(stop.size()));
    return stop;
}

//! The sampling fields both request kinds share. `max_tokens` is read by the caller (chat has two
//! names for it).
void readSampling(const ObjectReader &r, CompletionSampling &s)
{
    r.optional("temperature", s.temperature);
    r.optional("top_p", s.top_p);
    r.optional("top_k", s.top_k);
    r.optional("repetition_penalty", s.repetition_penalty);
    r.optional("frequency_penalty", s.frequency_penalty);
    r.optional("presence_penalty", s.presence_penalty);
    r.optional("seed", s.seed);
    if (r.has("stop"))
        s.stop = readStop(*r.find("stop"), joinPath(r.path(), "stop"));
}

void writeSampling(Json &o, const CompletionSampling &s)
{
    // `max_tokens`, not `max_completion_tokens`: every OpenAI-compatible server we talk to
    // (llama.cpp, vLLM, Ollama, Llama Stack) reads it, not all of them read the newer name.
    putOptional(o, "max_tokens", s.max_tokens);
    putOptional(o, "temperature", s.temperature);
    putOptional(o, "top_p", s.top_p);
    putOptional(o, "top_k", s.top_k);
    putOptional(o, "repetition_penalty", s.repetition_penalty);
    putOptional(o, "frequency_penalty", s.frequency_penalty);
    putOptional(o, "presence_penalty", s.presence_penalty);
    if (!s.stop.empty())
        o["stop"] = toJson(s.stop);
    putOptional(o, "seed", s.seed);
}

//! `n` (and `best_of`): one choice per request. Anything but 1 is refused rather than answered
//! with fewer choices than asked for.
void requireSingleChoice(const ObjectReader &r, const char *key)
{
    std::optional<int64_t> n;
    r.optional(key, n);
    if (n && *n != 1)
        throw JsonError(joinPath(r.path(), key),
                        "only 1 is supported (one choice per request), got " + std::to_string(*n));
}

//! stream and stream_options.include_usage.
void readStreaming(const ObjectReader &r, bool &stream, bool &includeUsage)
{
    r.optional("stream", stream);
    if (const Json *options = r.find("stream_options"); options && !options->is_null()) {
        ObjectReader o(*options, joinPath(r.path(), "stream_options"));
        o.optional("include_usage", includeUsage);
    }
}

void writeStreaming(Json &o, bool stream, bool includeUsage)
{
    o["stream"] = stream;
    // OpenAI refuses stream_options on a non-streamed request, so it is only sent with stream.
    if (stream && includeUsage)
        o["stream_options"] = Json{{"include_usage", true}};
}

//! A finish reason that is null mid-stream (OpenAI's shape) reads as empty.
std::string readFinishReason(const ObjectReader &r)
{
    std::optional<std::string> reason;
    r.optional("finish_reason", reason);
    return reason.value_or(std::string());
}

} // namespace

// --- messages ------------------------------------------------------------------------------------

void fromJson(const Json &j, ChatMessage &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("role", out.role);
    if (out.role != "user" && out.role != "system" && out.role != "assistant" && out.role != "tool"
        && out.role != "developer")
        throwUnknownVariant(path, "role", out.role,
                            {"user", "system", "assistant", "tool", "developer"});
    // An assistant message may carry only tool_calls (content null or absent); every other role
    // needs content.
    if (const Json *content = r.find("content"); content && !content->is_null())
        out.content = readContent(*content, joinPath(path, "content"));
    else if (out.role != "assistant")
        throw JsonError(joinPath(path, "content"), "field required");
    else
        out.content.clear();
    r.optional("name", out.name);
}

Json toJson(const ChatMessage &v)
{
    Json o = Json::object();
    o["role"] = v.role;
    o["content"] = v.content;
    putOptional(o, "name", v.name);
    return o;
}

// --- requests ------------------------------------------------------------------------------------

void fromJson(const Json &j, ChatCompletionRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("model", out.model);
    r.required("messages", out.messages);
    if (out.messages.empty())
        throw JsonError(joinPath(path, "messages"), "at least one message is required");
    readSampling(r, out.sampling);
    // Both names mean the same; the newer one wins when a client sends both (as OpenAI does).
    r.optional("max_tokens", out.sampling.max_tokens);
    if (r.has("max_completion_tokens"))
        r.optional("max_completion_tokens", out.sampling.max_tokens);
    requireSingleChoice(r, "n");
    readStreaming(r, out.stream, out.include_usage);
}

Json toJson(const ChatCompletionRequest &v)
{
    Json o = Json::object();
    o["model"] = v.model;
    o["messages"] = toJson(v.messages);
    writeSampling(o, v.sampling);
    writeStreaming(o, v.stream, v.include_usage);
    return o;
}

void fromJson(const Json &j, CompletionRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("model", out.model);

    const Json *prompt = r.find("prompt");
    const std::string promptPath = joinPath(path, "prompt");
    if (!prompt || prompt->is_null())
        throw JsonError(promptPath, "field required");
    out.prompts.clear();
    if (prompt->is_string()) {
        out.prompts.push_back(prompt->get<std::string>());
    } else if (prompt->is_array()) {
        if (prompt->empty())
            throw JsonError(promptPath, "at least one prompt is required");
        for (size_t i = 0; i < prompt->size(); ++i) {
            const Json &item = (*prompt)[i];
            if (item.is_number_integer() || item.is_number_unsigned() || item.is_array())
                throw JsonError(promptPath, "token-id prompts are not supported: send the prompt "
                                            "as text (a string or an array of strings)");
            std::string text;
            fromJson(item, text, indexPath(promptPath, i));
            out.prompts.push_back(std::move(text));
        }
    } else {
        throw JsonError(promptPath, std::string("expected a string or an array of strings, got ")
                                        + jsonTypeName(*prompt));
    }

    readSampling(r, out.sampling);
    r.optional("max_tokens", out.sampling.max_tokens);
    requireSingleChoice(r, "n");
    requireSingleChoice(r, "best_of");
    if (const Json *suffix = r.find("suffix"); suffix && !suffix->is_null()) {
        std::string text;
        fromJson(*suffix, text, joinPath(path, "suffix"));
        if (!text.empty())
            throw JsonError(joinPath(path, "suffix"),
                            "not supported: the models served here only continue a prompt, they "
                            "do not fill in text before a suffix");
    }
    r.optional("echo", out.echo);
    readStreaming(r, out.stream, out.include_usage);
    if (out.echo && out.stream)
        throw JsonError(joinPath(path, "echo"), "not supported together with stream: true");
}

Json toJson(const CompletionRequest &v)
{
    Json o = Json::object();
    o["model"] = v.model;
    if (v.prompts.size() == 1)
        o["prompt"] = v.prompts.front();
    else
        o["prompt"] = toJson(v.prompts);
    writeSampling(o, v.sampling);
    if (v.echo)
        o["echo"] = true;
    writeStreaming(o, v.stream, v.include_usage);
    return o;
}

// --- responses -----------------------------------------------------------------------------------
//
// Responses are also read from other servers (the OpenAI client), so reading is lenient where
// they differ: id, created and model default when absent, null finish reasons read as empty.

void fromJson(const Json &j, CompletionUsage &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("prompt_tokens", out.prompt_tokens);
    r.required("completion_tokens", out.completion_tokens);
    out.total_tokens = out.prompt_tokens + out.completion_tokens;
    r.optional("total_tokens", out.total_tokens);
}

Json toJson(const CompletionUsage &v)
{
    return Json{{"prompt_tokens", v.prompt_tokens},
                {"completion_tokens", v.completion_tokens},
                {"total_tokens", v.total_tokens}};
}

// Choices: static in wb::api (not in the anonymous namespace) so that the vector readers and
// writers of json_io.h find them by argument-dependent lookup.

static void fromJson(const Json &j, ChatCompletionChoice &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("index", out.index);
    r.required("message", out.message);
    out.finish_reason = readFinishReason(r);
}

static Json toJson(const ChatCompletionChoice &v)
{
    return Json{{"index", v.index},
                {"message", toJson(v.message)},
                {"finish_reason", v.finish_reason}};
}

static void fromJson(const Json &j, ChatCompletionChunkChoice &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("index", out.index);
    if (const Json *delta = r.find("delta"); delta && !delta->is_null()) {
        ObjectReader d(*delta, joinPath(path, "delta"));
        d.optional("role", out.role);
        d.optional("content", out.content);
    }
    r.optional("finish_reason", out.finish_reason);
}

static Json toJson(const ChatCompletionChunkChoice &v)
{
    Json delta = Json::object();
    putOptional(delta, "role", v.role);
    putOptional(delta, "content", v.content);
    // null mid-stream, as OpenAI and upstream send it (clients test it against None/null).
    return Json{{"index", v.index},
                {"delta", delta},
                {"finish_reason", v.finish_reason ? Json(*v.finish_reason) : Json(nullptr)}};
}

static void fromJson(const Json &j, CompletionChoice &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("index", out.index);
    r.required("text", out.text);
    out.finish_reason = readFinishReason(r);
}

static Json toJson(const CompletionChoice &v)
{
    return Json{{"index", v.index},
                {"text", v.text},
                {"finish_reason", v.finish_reason.empty() ? Json(nullptr) : Json(v.finish_reason)}};
}

namespace {

//! id, created, model of every response kind.
template<typename T>
void readHeader(const ObjectReader &r, T &out)
{
    r.optional("id", out.id);
    r.optional("created", out.created);
    r.optional("model", out.model);
}

template<typename T>
Json writeHeader(const T &v, const char *object)
{
    Json o = Json::object();
    o["id"] = v.id;
    o["object"] = object;
    o["created"] = v.created;
    o["model"] = v.model;
    return o;
}

} // namespace

void fromJson(const Json &j, ChatCompletion &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("object", "chat.completion");
    readHeader(r, out);
    r.required("choices", out.choices);
    r.optional("usage", out.usage);
}

Json toJson(const ChatCompletion &v)
{
    Json o = writeHeader(v, "chat.completion");
    o["choices"] = toJson(v.choices);
    putOptional(o, "usage", v.usage);
    return o;
}

void fromJson(const Json &j, ChatCompletionChunk &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("object", "chat.completion.chunk");
    readHeader(r, out);
    // The usage-only final chunk of include_usage has "choices": [].
    r.optional("choices", out.choices);
    r.optional("usage", out.usage);
}

Json toJson(const ChatCompletionChunk &v)
{
    Json o = writeHeader(v, "chat.completion.chunk");
    o["choices"] = toJson(v.choices);
    putOptional(o, "usage", v.usage);
    return o;
}

void fromJson(const Json &j, Completion &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("object", "text_completion");
    readHeader(r, out);
    r.optional("choices", out.choices);
    // Not in the spec's schema, but vLLM, llama.cpp and OpenAI send it: kept in-process.
    r.optional("usage", out.usage);
}

Json toJson(const Completion &v)
{
    Json o = writeHeader(v, "text_completion");
    o["choices"] = toJson(v.choices);
    return o;
}

} // namespace wb::api
