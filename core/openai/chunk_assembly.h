#pragma once

// Streamed chunks → the whole answer. The OpenAI client streams whenever the caller wants tokens
// live, and still has to return the complete ChatCompletion / Completion at the end (with usage
// when the server sent it, and finish_reason "cancelled" on choices the caller cut short).

#include "api/inference.h"

#include <map>

namespace wb::openai {

class ChatAssembler
{
public:
    void add(const api::ChatCompletionChunk &chunk);
    bool sawChunk() const { return m_sawChunk; }
    //! Every choice seen so far has a finish reason (and there is at least one).
    bool complete() const;
    //! The answer; choices without a finish reason get `unfinishedReason`. With no chunk at all,
    //! one empty choice (id, created and model from the arguments).
    api::ChatCompletion result(const std::string &unfinishedReason, const std::string &model) const;

private:
    api::ChatCompletion m_head; //!< id, created, model, usage
    std::map<int64_t, api::ChatCompletionChoice> m_choices;
    std::map<int64_t, bool> m_finished;
    bool m_sawChunk = false;
};

class CompletionAssembler
{
public:
    void add(const api::Completion &chunk);
    bool sawChunk() const { return m_sawChunk; }
    bool complete() const;
    //! As ChatAssembler::result; `prompts` choices at least (one per prompt, batched).
    api::Completion result(const std::string &unfinishedReason, const std::string &model,
                           size_t prompts) const;

private:
    api::Completion m_head;
    std::map<int64_t, api::CompletionChoice> m_choices;
    bool m_sawChunk = false;
};

//! The chunk a non-streamed answer would have been, for sinks of servers that ignore "stream".
api::ChatCompletionChunk chunkOf(const api::ChatCompletion &completion);

//! "chatcmpl-<uuid>" / "cmpl-<uuid>" and the current Unix time, for answers we make up.
std::string newCompletionId(const char *prefix);
int64_t unixNow();

} // namespace wb::openai
