// JSON in/out of the inference and model-registration schemas (core/api/inference.h, models.h):
// what is accepted, what is normalised, what is refused with a 400 naming the field and why.

#include "api/inference.h"
#include "api/models.h"

#include <QtTest>

using namespace wb::api;

namespace {

Json J(const char *text)
{
    return Json::parse(text);
}

template<typename T>
T parsed(const Json &j)
{
    auto r = parse<T>(j);
    if (!r)
        qFatal("unexpected parse failure: %s", r.error().toString().c_str());
    return std::move(r).value();
}

//! "400 <detail>" of a failed parse, or "parsed".
template<typename T>
std::string parseError(const Json &j)
{
    const auto r = parse<T>(j);
    if (r)
        return "parsed";
    return std::to_string(r.error().status) + " " + r.error().detail;
}

} // namespace

#define CHECK_JSON(actual, expected)                                                               \
    do {                                                                                           \
        const Json a_ = (actual);                                                                  \
        const Json e_ = (expected);                                                                \
        QVERIFY2(a_ == e_, ("\n  got:  " + a_.dump() + "\n  want: " + e_.dump()).c_str());       \
    } while (false)

// toJson(parse(text)) == text, exactly (key order included), and the typed values agree after a
// second parse.
#define CHECK_ROUND_TRIP(T, text)                                                                  \
    do {                                                                                           \
        const Json in_ = J(text);                                                                  \
        const T v_ = parsed<T>(in_);                                                               \
        CHECK_JSON(toJson(v_), in_);                                                               \
        QVERIFY(parsed<T>(toJson(v_)) == v_);                                                      \
    } while (false)

// A 400 whose detail starts with `prefix` (the field path, then the message).
#define CHECK_ERROR(T, text, prefix)                                                               \
    do {                                                                                           \
        const std::string e_ = parseError<T>(J(text));                                             \
        const std::string want_ = std::string("400 ") + (prefix);                                  \
        QVERIFY2(e_.rfind(want_, 0) == 0, ("\n  got:  " + e_ + "\n  want: " + want_).c_str());     \
    } while (false)

class TstInferenceTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatRequestRoundTrip();
    void chatRequestNormalisation();
    void chatRequestIgnoredFields();
    void chatRequestErrors();
    void completionRequest();
    void completionRequestErrors();
    void responses();
    void chunks();
    void lenientResponsesFromOtherServers();
    void registerModelRequest();
};

// moc's preprocessor does not understand raw string literals inside macro arguments.
#ifndef Q_MOC_RUN

void TstInferenceTypes::chatRequestRoundTrip()
{
    CHECK_ROUND_TRIP(ChatCompletionRequest,
                     R"({"model":"org/m","messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":"Hi","name":"ann"}],
                         "max_tokens":16,"temperature":0.7,"top_p":0.9,"top_k":40,
                         "repetition_penalty":1.1,"frequency_penalty":0.5,"presence_penalty":0.25,
                         "stop":["\n\n","END"],"seed":7,"stream":true,
                         "stream_options":{"include_usage":true}})");
    CHECK_ROUND_TRIP(ChatCompletionRequest,
                     R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":false})");
}

void TstInferenceTypes::chatRequestNormalisation()
{
    // max_completion_tokens wins over max_tokens, whichever comes first.
    QCOMPARE(parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "max_tokens":100,"max_completion_tokens":5})")).sampling.max_tokens, std::optional<int64_t>(5));
    QCOMPARE(parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "max_completion_tokens":5,"max_tokens":100})")).sampling.max_tokens, std::optional<int64_t>(5));
    QCOMPARE(parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "max_completion_tokens":null,"max_tokens":100})")).sampling.max_tokens, std::optional<int64_t>(100));

    // stop: a single string becomes a one-element list.
    const auto single = parsed<ChatCompletionRequest>(
        J(R"({"model":"m","messages":[{"role":"user","content":"x"}],"stop":"###"})"));
    QCOMPARE(single.sampling.stop, std::vector<std::string>{"###"});

    // Content as an array of text parts is joined; the parts' order is kept.
    const auto parts = parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user",
        "content":[{"type":"text","text":"Hello, "},{"type":"text","text":"world"}]}]})"));
    QCOMPARE(parts.messages.at(0).content, std::string("Hello, world"));

    // An assistant message with tool calls only has null (or no) content.
    const auto tools = parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[
        {"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[]},
        {"role":"assistant"},{"role":"tool","tool_call_id":"c1","content":"42"},
        {"role":"developer","content":"d"}]})"));
    QCOMPARE(tools.messages.size(), size_t(5));
    QCOMPARE(tools.messages.at(1).content, std::string());
    QCOMPARE(tools.messages.at(3).content, std::string("42"));

    // stream_options without include_usage, and defaults.
    const auto defaults = parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user",
        "content":"x"}],"stream":true,"stream_options":{}})"));
    QVERIFY(defaults.stream);
    QVERIFY(!defaults.include_usage);
    QVERIFY(!defaults.sampling.temperature);
    QVERIFY(defaults.sampling.stop.empty());

    // include_usage is only written with stream (OpenAI refuses stream_options otherwise).
    ChatCompletionRequest r = defaults;
    r.stream = false;
    r.include_usage = true;
    QVERIFY(!toJson(r).contains("stream_options"));
}

void TstInferenceTypes::chatRequestIgnoredFields()
{
    // Accepted and ignored, as upstream's providers do: tools, logit_bias, logprobs, response
    // format, user, n = 1, and unknown keys.
    const auto r = parsed<ChatCompletionRequest>(J(R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"auto","logit_bias":{"1":2},
        "logprobs":true,"top_logprobs":2,"response_format":{"type":"text"},"user":"u","n":1,
        "parallel_tool_calls":false,"metadata":{"a":"b"},"store":false})"));
    CHECK_JSON(toJson(r), J(R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":false})"));
}

void TstInferenceTypes::chatRequestErrors()
{
    CHECK_ERROR(ChatCompletionRequest, R"({"messages":[{"role":"user","content":"x"}]})",
                "model: field required");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m"})", "messages: field required");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[]})",
                "messages: at least one message is required");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"robot","content":"x"}]})",
                "messages[0].role: 'robot' is not one of 'user', 'system', 'assistant', 'tool', 'developer'");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user"}]})",
                "messages[0].content: field required");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":7}]})",
                "messages[0].content: expected a string or an array of content parts, got an integer");
    // Images: a 400 at the part's type that says the models read text only.
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":[
        {"type":"text","text":"what is this?"},
        {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]})",
                "messages[0].content[1].type: 'image_url' content parts are not supported: the models "
                "served here read text only");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]})",
                "messages[0].content[0].text: field required");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":[{"text":"a"}]}]})",
                "messages[0].content[0].type: field required");
    // n other than 1.
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],"n":3})",
                "n: only 1 is supported (one choice per request), got 3");
    // stop: at most four, strings only.
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "stop":["a","b","c","d","e"]})", "stop: at most 4 stop sequences are allowed, got 5");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "stop":["a",1]})", "stop[1]: expected a string, got an integer");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "stop":5})", "stop: expected a string or an array of strings");
    // Wrong types name the field.
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "max_tokens":1.5})", "max_tokens: expected an integer");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "max_completion_tokens":"many"})", "max_completion_tokens: expected an integer");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "temperature":"hot"})", "temperature: expected a number");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "stream":"yes"})", "stream: expected a boolean");
    CHECK_ERROR(ChatCompletionRequest, R"({"model":"m","messages":[{"role":"user","content":"x"}],
        "stream_options":{"include_usage":1}})", "stream_options.include_usage: expected a boolean");
}

void TstInferenceTypes::completionRequest()
{
    CHECK_ROUND_TRIP(CompletionRequest, R"({"model":"m","prompt":"Once upon","max_tokens":8,
        "temperature":0.0,"stop":["."],"seed":1,"stream":true,"stream_options":{"include_usage":true}})");
    CHECK_ROUND_TRIP(CompletionRequest, R"({"model":"m","prompt":["a","b"],"stream":false})");
    CHECK_ROUND_TRIP(CompletionRequest, R"({"model":"m","prompt":"a","echo":true,"stream":false})");

    const auto batch = parsed<CompletionRequest>(J(R"({"model":"m","prompt":["one","two","three"]})"));
    QCOMPARE(batch.prompts, (std::vector<std::string>{"one", "two", "three"}));
    // n = 1, best_of = 1 and an empty suffix change nothing.
    const auto ones = parsed<CompletionRequest>(J(R"({"model":"m","prompt":"p","n":1,"best_of":1,
        "suffix":"","logprobs":false,"user":"u"})"));
    QCOMPARE(ones.prompts, std::vector<std::string>{"p"});
}

void TstInferenceTypes::completionRequestErrors()
{
    CHECK_ERROR(CompletionRequest, R"({"model":"m"})", "prompt: field required");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":[]})", "prompt: at least one prompt is required");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":[1,2,3]})",
                "prompt: token-id prompts are not supported");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":[[1,2],[3]]})",
                "prompt: token-id prompts are not supported");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":["a",null]})",
                "prompt[1]: expected a string, got null");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":{"text":"a"}})",
                "prompt: expected a string or an array of strings, got an object");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":"p","n":2})",
                "n: only 1 is supported (one choice per request), got 2");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":"p","best_of":3})",
                "best_of: only 1 is supported (one choice per request), got 3");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":"p","suffix":"return x"})",
                "suffix: not supported");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":"p","echo":true,"stream":true})",
                "echo: not supported together with stream: true");
    CHECK_ERROR(CompletionRequest, R"({"model":"m","prompt":"p","stop":["1","2","3","4","5"]})",
                "stop: at most 4 stop sequences are allowed, got 5");
}

void TstInferenceTypes::responses()
{
    CHECK_ROUND_TRIP(ChatCompletion, R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,
        "model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},
        "finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})");
    CHECK_ROUND_TRIP(ChatCompletion, R"({"id":"c","object":"chat.completion","created":1,"model":"m",
        "choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"length"}]})");
    CHECK_ROUND_TRIP(Completion, R"({"id":"cmpl-1","object":"text_completion","created":2,"model":"m",
        "choices":[{"index":0,"text":" there","finish_reason":"stop"},
                   {"index":1,"text":"!","finish_reason":"length"}]})");
    CHECK_ROUND_TRIP(CompletionUsage, R"({"prompt_tokens":1,"completion_tokens":2,"total_tokens":3})");

    // Completion usage is kept in-process only: the spec's OpenAICompletion has no such field.
    Completion c = parsed<Completion>(J(R"({"id":"x","object":"text_completion","created":0,"model":"m",
        "choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})"));
    QVERIFY(c.usage);
    QCOMPARE(c.usage->completion_tokens, int64_t(2));
    QVERIFY(!toJson(c).contains("usage"));

    CHECK_ERROR(ChatCompletion, R"({"object":"chat.completion.chunk","choices":[]})",
                "object: must be 'chat.completion'");
    CHECK_ERROR(ChatCompletion, R"({"id":"x"})", "choices: field required");
    CHECK_ERROR(ChatCompletion, R"({"choices":[{"index":0}]})", "choices[0].message: field required");
    CHECK_ERROR(Completion, R"({"choices":[{"index":0}]})", "choices[0].text: field required");
    CHECK_ERROR(CompletionUsage, R"({"prompt_tokens":1})", "completion_tokens: field required");
}

void TstInferenceTypes::chunks()
{
    // First chunk: the role; mid-stream: content with a null finish_reason (OpenAI's shape); last:
    // the finish reason; with include_usage a final chunk without choices.
    CHECK_ROUND_TRIP(ChatCompletionChunk, R"({"id":"c","object":"chat.completion.chunk","created":3,
        "model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})");
    CHECK_ROUND_TRIP(ChatCompletionChunk, R"({"id":"c","object":"chat.completion.chunk","created":3,
        "model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]})");
    CHECK_ROUND_TRIP(ChatCompletionChunk, R"({"id":"c","object":"chat.completion.chunk","created":3,
        "model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})");
    CHECK_ROUND_TRIP(ChatCompletionChunk, R"({"id":"c","object":"chat.completion.chunk","created":3,
        "model":"m","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7}})");
    const auto mid = parsed<ChatCompletionChunk>(J(R"({"id":"c","object":"chat.completion.chunk",
        "created":3,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]})"));
    QVERIFY(!mid.choices.at(0).finish_reason);
    QVERIFY(!mid.choices.at(0).role);
    QCOMPARE(*mid.choices.at(0).content, std::string("x"));

    // A completion chunk mid-way has an empty finish reason, written as null.
    Completion chunk;
    chunk.id = "cmpl-1";
    chunk.model = "m";
    chunk.choices.push_back({0, "tok", ""});
    CHECK_JSON(toJson(chunk), J(R"({"id":"cmpl-1","object":"text_completion","created":0,"model":"m",
        "choices":[{"index":0,"text":"tok","finish_reason":null}]})"));
    QCOMPARE(parsed<Completion>(toJson(chunk)), chunk);
}

void TstInferenceTypes::lenientResponsesFromOtherServers()
{
    // What llama.cpp, vLLM and Ollama add or leave out: logprobs, system_fingerprint, usage: null,
    // tool_calls, refusal, no `created`.
    const auto c = parsed<ChatCompletion>(J(R"({"id":"x","object":"chat.completion","model":"m",
        "system_fingerprint":"fp","choices":[{"index":0,"logprobs":null,"message":{"role":"assistant",
        "content":null,"tool_calls":[],"refusal":null},"finish_reason":"tool_calls"}],"usage":null})"));
    QCOMPARE(c.created, int64_t(0));
    QCOMPARE(c.choices.at(0).message.content, std::string());
    QCOMPARE(c.choices.at(0).finish_reason, std::string("tool_calls"));
    QVERIFY(!c.usage);

    const auto chunk = parsed<ChatCompletionChunk>(J(R"({"id":"x","object":"chat.completion.chunk",
        "created":1,"model":"m","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"hm"},
        "logprobs":null,"finish_reason":null}],"usage":null})"));
    QVERIFY(!chunk.choices.at(0).content);

    const auto text = parsed<Completion>(J(R"({"id":"x","object":"text_completion","created":1,"model":"m",
        "choices":[{"index":0,"text":"a","logprobs":null,"finish_reason":null}]})"));
    QCOMPARE(text.choices.at(0).finish_reason, std::string());
}

void TstInferenceTypes::registerModelRequest()
{
    CHECK_ROUND_TRIP(RegisterModelRequest, R"({"model_id":"org/tiny","provider_model_id":"tiny",
        "provider_id":"openai","metadata":{"base_url":"http://127.0.0.1:8080/v1"},"model_type":"llm"})");
    CHECK_ROUND_TRIP(RegisterModelRequest, R"({"model_id":"m","metadata":{"path":"/models/m"}})");

    const auto minimal = parsed<RegisterModelRequest>(J(R"({"model_id":"m","metadata":null})"));
    QVERIFY(!minimal.provider_id);
    QVERIFY(!minimal.model_type);
    CHECK_JSON(toJson(minimal), J(R"({"model_id":"m","metadata":{}})"));

    CHECK_ERROR(RegisterModelRequest, R"({"provider_id":"local"})", "model_id: field required");
    CHECK_ERROR(RegisterModelRequest, R"({"model_id":"m","model_type":"vision"})",
                "model_type: 'vision' is not one of 'llm', 'embedding', 'rerank'");
    CHECK_ERROR(RegisterModelRequest, R"({"model_id":"m","metadata":[1]})",
                "metadata: expected an object, got an array");
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TstInferenceTypes)
#include "tst_inference_types.moc"
