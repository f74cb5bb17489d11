#pragma once

// A Hugging Face model folder ready to answer OpenAI-style requests in-process: the CausalLm,
// its tokenizer.json, the chat template of tokenizer_config.json (ChatML as the documented
// fallback when the folder has none), and the defaults of generation_config.json.
//
// Request fields the caller leaves unset take the folder's generation_config defaults, then ours
// (greedy, max_tokens 256 capped by the context).
//
// Threading: immutable after load; requests may run on several threads at once.
// Errors: api::Result; loading names the missing or bad file (400).

#include "causal_lm.h"
#include "chat_template.h"
#include "tokenizer.h"

#include "api/cancel.h"
#include "api/inference.h"
#include "api/stack_api.h"

#include <memory>

namespace wb::engine {

class LocalModel
{
public:
    static api::Result<std::shared_ptr<const LocalModel>> load(const QString &folder,
                                                               LoadOptions options = {});

    const QString &folder() const { return m_folder; }
    const CausalLm &lm() const { return *m_lm; }
    const std::shared_ptr<const Tokenizer> &tokenizer() const { return m_tokenizer; }
    const ChatTemplate &chatTemplate() const { return m_template; }
    const GenerationDefaults &defaults() const { return m_defaults; }

    //! `modelId` is what the answers name as `model`.
    api::Result<api::ChatCompletion> chat(const std::string &modelId,
                                          const api::ChatCompletionRequest &request,
                                          const api::ChatChunkSink &onChunk,
                                          const api::CancelToken &cancel) const;
    api::Result<api::Completion> complete(const std::string &modelId,
                                          const api::CompletionRequest &request,
                                          const api::CompletionChunkSink &onChunk,
                                          const api::CancelToken &cancel) const;

    //! One answer per conversation (each rendered with the chat template) or per prompt, generated
    //! together in one batched generate() with the same sampling. An entry that cannot run (no
    //! messages, a prompt that does not fit the context) gets its own 400 and the others still
    //! run; a failed forward pass or bad sampling fails every entry. Cancelled: what was
    //! generated so far (the caller checks its token). Used by eval to batch rows.
    std::vector<api::Result<std::string>> chatBatch(const std::vector<std::vector<api::ChatMessage>> &conversations,
                                                    const api::CompletionSampling &sampling,
                                                    const api::CancelToken &cancel) const;
    std::vector<api::Result<std::string>> completeBatch(const std::vector<std::string> &prompts,
                                                        const api::CompletionSampling &sampling,
                                                        const api::CancelToken &cancel) const;

private:
    std::vector<api::Result<std::string>> generateBatch(std::vector<std::vector<int>> prompts,
                                                        std::vector<api::Status> status,
                                                        const api::CompletionSampling &sampling,
                                                        bool chat, const api::CancelToken &cancel) const;

    QString m_folder;
    std::shared_ptr<const CausalLm> m_lm;
    std::shared_ptr<const Tokenizer> m_tokenizer;
    ChatTemplate m_template = ChatTemplate::chatMl();
    GenerationDefaults m_defaults;
};

} // namespace wb::engine
