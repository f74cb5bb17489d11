#include "engine/eval/eval_generator.h"

#include <variant>

namespace wb::engine {

api::CompletionSampling completionSampling(const api::SamplingParams &params)
{
    api::CompletionSampling s;
    if (std::holds_alternative<api::GreedySamplingStrategy>(params.strategy)) {
        s.temperature = 0.0;
    } else if (const auto *topP = std::get_if<api::TopPSamplingStrategy>(&params.strategy)) {
        s.temperature = topP->temperature.value_or(1.0);
        s.top_p = topP->top_p;
    } else if (const auto *topK = std::get_if<api::TopKSamplingStrategy>(&params.strategy)) {
        s.temperature = 1.0;
        s.top_k = topK->top_k;
    }
    if (params.max_tokens)
        s.max_tokens = *params.max_tokens;
    s.repetition_penalty = params.repetition_penalty;
    if (params.stop)
        s.stop = *params.stop;
    return s;
}

api::Status checkSampling(const api::SamplingParams &params, const std::string &path)
{
    if (params.max_tokens && *params.max_tokens < 1)
        return api::Error::badRequest(path + ".max_tokens: must be at least 1, got "
                                      + std::to_string(*params.max_tokens));
    if (!(params.repetition_penalty > 0))
        return api::Error::badRequest(path + ".repetition_penalty: must be greater than 0");
    if (const auto *topP = std::get_if<api::TopPSamplingStrategy>(&params.strategy)) {
        if (!(topP->top_p > 0 && topP->top_p <= 1))
            return api::Error::badRequest(path + ".strategy.top_p: must be in (0, 1], got "
                                          + std::to_string(topP->top_p));
        if (topP->temperature && !(*topP->temperature > 0))
            return api::Error::badRequest(path + ".strategy.temperature: must be greater than 0");
    }
    if (const auto *topK = std::get_if<api::TopKSamplingStrategy>(&params.strategy))
        if (topK->top_k < 1)
            return api::Error::badRequest(path + ".strategy.top_k: must be at least 1, got "
                                          + std::to_string(topK->top_k));
    return {};
}

std::vector<api::Result<std::string>> generateAnswers(InferenceService &inference,
                                                      const InferenceService::Target &target,
                                                      const std::vector<const RowPrompt *> &prompts,
                                                      const api::CompletionSampling &sampling,
                                                      const api::CancelToken &cancel)
{
    std::vector<api::Result<std::string>> out;
    out.reserve(prompts.size());
    size_t i = 0;
    while (i < prompts.size()) {
        if (cancel.isCancelled())
            break;
        const RowPrompt::Kind kind = prompts[i]->kind;
        size_t end = i + 1;
        while (end < prompts.size() && prompts[end]->kind == kind)
            ++end;
        if (end - i == 1 && kind == RowPrompt::Kind::Chat) {
            api::ChatCompletionRequest request;
            request.model = target.id;
            request.messages = prompts[i]->messages;
            request.sampling = sampling;
            auto answer = inference.chat(target, request, {}, cancel);
            if (!answer)
                out.push_back(answer.error());
            else if (answer->choices.empty())
                out.push_back(api::Error::badGateway("the model '" + target.id + "' returned no choice"));
            else
                out.push_back(answer->choices.front().message.content);
        } else if (end - i == 1) {
            api::CompletionRequest request;
            request.model = target.id;
            request.prompts = {prompts[i]->prompt};
            request.sampling = sampling;
            auto answer = inference.complete(target, request, {}, cancel);
            if (!answer)
                out.push_back(answer.error());
            else if (answer->choices.empty())
                out.push_back(api::Error::badGateway("the model '" + target.id + "' returned no choice"));
            else
                out.push_back(answer->choices.front().text);
        } else if (kind == RowPrompt::Kind::Chat) {
            std::vector<std::vector<api::ChatMessage>> conversations;
            for (size_t k = i; k < end; ++k)
                conversations.push_back(prompts[k]->messages);
            for (auto &r : inference.chatBatch(target, conversations, sampling, cancel))
                out.push_back(std::move(r));
        } else {
            std::vector<std::string> texts;
            for (size_t k = i; k < end; ++k)
                texts.push_back(prompts[k]->prompt);
            for (auto &r : inference.completeBatch(target, texts, sampling, cancel))
                out.push_back(std::move(r));
        }
        i = end;
    }
    // A cancelled generation ends early with partial text: none of it is an answer.
    if (cancel.isCancelled())
        return std::vector<api::Result<std::string>>(prompts.size(), api::Error::cancelled());
    return out;
}

} // namespace wb::engine
