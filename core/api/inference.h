#pragma once

// Schemas of the OpenAI-compatible inference endpoints of the stable spec: /v1/chat/completions
// and /v1/completions, their responses and their streamed chunks.
//
// Text only: a content part other than text (an image) is a 400 that says so. Fields of the spec
// we accept but do not act on (tools, logit_bias, logprobs, response_format, user, ...) are read
// and ignored, as upstream's providers do; fields that would change the answer in a way we cannot
// honour (n > 1, echo with streaming, suffix, best_of > 1) are a 400 naming the field.
// `top_k` and `repetition_penalty` are the usual extra-body fields (vLLM, llama.cpp server).

#include "json_io.h"

#include <variant>

namespace wb::api {

//! One message of `messages` (user, system, assistant, tool, developer). `content` is the text:
//! a string, or an array of text parts joined on read.
struct ChatMessage
{
    std::string role;
    std::string content;
    std::optional<std::string> name;

    bool operator==(const ChatMessage &o) const
    {
        return role == o.role && content == o.content && name == o.name;
    }
};

//! Sampling fields shared by both request kinds.
struct CompletionSampling
{
    std::optional<int64_t> max_tokens;   //!< chat: max_completion_tokens wins when both are set
    std::optional<double> temperature;   //!< 0: greedy
    std::optional<double> top_p;
    std::optional<int64_t> top_k;        //!< extra body
    std::optional<double> repetition_penalty; //!< extra body; 1.0 = off
    std::optional<double> frequency_penalty;
    std::optional<double> presence_penalty;
    std::vector<std::string> stop;       //!< a string or an array of up to 4 strings
    std::optional<int64_t> seed;

    bool operator==(const CompletionSampling &o) const
    {
        return max_tokens == o.max_tokens && temperature == o.temperature && top_p == o.top_p
            && top_k == o.top_k && repetition_penalty == o.repetition_penalty
            && frequency_penalty == o.frequency_penalty && presence_penalty == o.presence_penalty
            && stop == o.stop && seed == o.seed;
    }
};

struct ChatCompletionRequest
{
    std::string model;
    std::vector<ChatMessage> messages;
    CompletionSampling sampling;
    bool stream = false;
    bool include_usage = false; //!< stream_options.include_usage

    bool operator==(const ChatCompletionRequest &o) const
    {
        return model == o.model && messages == o.messages && sampling == o.sampling
            && stream == o.stream && include_usage == o.include_usage;
    }
};

struct CompletionRequest
{
    std::string model;
    //! `prompt`: a string or an array of strings (one choice each, batched). Token-id prompts are
    //! a 400.
    std::vector<std::string> prompts;
    CompletionSampling sampling;
    bool echo = false;
    bool stream = false;
    bool include_usage = false;

    bool operator==(const CompletionRequest &o) const
    {
        return model == o.model && prompts == o.prompts && sampling == o.sampling
            && echo == o.echo && stream == o.stream && include_usage == o.include_usage;
    }
};

struct CompletionUsage
{
    int64_t prompt_tokens = 0;
    int64_t completion_tokens = 0;
    int64_t total_tokens = 0;

    bool operator==(const CompletionUsage &o) const
    {
        return prompt_tokens == o.prompt_tokens && completion_tokens == o.completion_tokens
            && total_tokens == o.total_tokens;
    }
};

//! "stop" (end of sequence or a stop string), "length" (max_tokens or the context),
//! and ours: "cancelled" when the caller cancelled (only seen in-process; never sent over HTTP,
//! where a cancelled stream is simply closed).
struct ChatCompletionChoice
{
    int64_t index = 0;
    ChatMessage message; //!< role "assistant"
    std::string finish_reason;

    bool operator==(const ChatCompletionChoice &o) const
    {
        return index == o.index && message == o.message && finish_reason == o.finish_reason;
    }
};

//! {id, object:"chat.completion", created, model, choices, usage?}
struct ChatCompletion
{
    std::string id;      //!< "chatcmpl-<uuid>"
    int64_t created = 0; //!< Unix seconds
    std::string model;
    std::vector<ChatCompletionChoice> choices;
    std::optional<CompletionUsage> usage;

    bool operator==(const ChatCompletion &o) const
    {
        return id == o.id && created == o.created && model == o.model && choices == o.choices
            && usage == o.usage;
    }
};

struct ChatCompletionChunkChoice
{
    int64_t index = 0;
    std::optional<std::string> role;    //!< "assistant" on the first chunk
    std::optional<std::string> content; //!< the new text
    std::optional<std::string> finish_reason; //!< set on the last chunk of the choice

    bool operator==(const ChatCompletionChunkChoice &o) const
    {
        return index == o.index && role == o.role && content == o.content
            && finish_reason == o.finish_reason;
    }
};

//! {id, object:"chat.completion.chunk", created, model, choices, usage?}: one SSE `data:` event.
struct ChatCompletionChunk
{
    std::string id;
    int64_t created = 0;
    std::string model;
    std::vector<ChatCompletionChunkChoice> choices;
    std::optional<CompletionUsage> usage; //!< the final chunk, with include_usage

    bool operator==(const ChatCompletionChunk &o) const
    {
        return id == o.id && created == o.created && model == o.model && choices == o.choices
            && usage == o.usage;
    }
};

struct CompletionChoice
{
    int64_t index = 0;
    std::string text;
    std::string finish_reason; //!< as ChatCompletionChoice; empty in a stream chunk mid-way

    bool operator==(const CompletionChoice &o) const
    {
        return index == o.index && text == o.text && finish_reason == o.finish_reason;
    }
};

//! {id, object:"text_completion", created, model, choices}. Also the shape of each streamed
//! chunk. `usage` is not in the spec's schema (additionalProperties: false), so it is only kept
//! in-process (the models page shows tokens/s) and never written to JSON.
struct Completion
{
    std::string id; //!< "cmpl-<uuid>"
    int64_t created = 0;
    std::string model;
    std::vector<CompletionChoice> choices;
    std::optional<CompletionUsage> usage; //!< in-process only, see above

    bool operator==(const Completion &o) const
    {
        return id == o.id && created == o.created && model == o.model && choices == o.choices;
    }
};

void fromJson(const Json &j, ChatMessage &out, const std::string &path);
void fromJson(const Json &j, ChatCompletionRequest &out, const std::string &path);
void fromJson(const Json &j, CompletionRequest &out, const std::string &path);
void fromJson(const Json &j, CompletionUsage &out, const std::string &path);
void fromJson(const Json &j, ChatCompletion &out, const std::string &path);
void fromJson(const Json &j, ChatCompletionChunk &out, const std::string &path);
void fromJson(const Json &j, Completion &out, const std::string &path);

Json toJson(const ChatMessage &v);
Json toJson(const ChatCompletionRequest &v);
Json toJson(const CompletionRequest &v);
Json toJson(const CompletionUsage &v);
Json toJson(const ChatCompletion &v);
Json toJson(const ChatCompletionChunk &v);
Json toJson(const Completion &v);

} // namespace wb::api
