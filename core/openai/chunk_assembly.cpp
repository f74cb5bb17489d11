#include "openai/chunk_assembly.h"

#include <QDateTime>
#include <QUuid>

namespace wb::openai {

void ChatAssembler::add(const api::ChatCompletionChunk &chunk)
{
    if (!m_sawChunk) {
        m_head.id = chunk.id;
        m_head.created = chunk.created;
        m_head.model = chunk.model;
        m_sawChunk = true;
    }
    for (const auto &c : chunk.choices) {
        auto &choice = m_choices[c.index];
        choice.index = c.index;
        if (c.role)
            choice.message.role = *c.role;
        if (c.content)
            choice.message.content += *c.content;
        if (c.finish_reason && !c.finish_reason->empty()) {
            choice.finish_reason = *c.finish_reason;
            m_finished[c.index] = true;
        }
    }
    if (chunk.usage)
        m_head.usage = chunk.usage;
}

bool ChatAssembler::complete() const
{
    if (m_choices.empty())
        return false;
    for (const auto &[index, choice] : m_choices)
        if (!m_finished.count(index))
            return false;
    return true;
}

api::ChatCompletion ChatAssembler::result(const std::string &unfinishedReason,
                                          const std::string &model) const
{
    api::ChatCompletion out = m_head;
    if (!m_sawChunk) {
        out.id = newCompletionId("chatcmpl-");
        out.created = unixNow();
        out.model = model;
    }
    auto choices = m_choices;
    if (choices.empty())
        choices[0].index = 0;
    for (auto &[index, choice] : choices) {
        if (choice.message.role.empty())
            choice.message.role = "assistant";
        if (!m_finished.count(index))
            choice.finish_reason = unfinishedReason;
        out.choices.push_back(choice);
    }
    return out;
}

void CompletionAssembler::add(const api::Completion &chunk)
{
    if (!m_sawChunk) {
        m_head.id = chunk.id;
        m_head.created = chunk.created;
        m_head.model = chunk.model;
        m_sawChunk = true;
    }
    for (const auto &c : chunk.choices) {
        auto &choice = m_choices[c.index];
        choice.index = c.index;
        choice.text += c.text;
        if (!c.finish_reason.empty())
            choice.finish_reason = c.finish_reason;
    }
    if (chunk.usage)
        m_head.usage = chunk.usage;
}

bool CompletionAssembler::complete() const
{
    if (m_choices.empty())
        return false;
    for (const auto &[index, choice] : m_choices)
        if (choice.finish_reason.empty())
            return false;
    return true;
}

api::Completion CompletionAssembler::result(const std::string &unfinishedReason,
                                            const std::string &model, size_t prompts) const
{
    api::Completion out = m_head;
    if (!m_sawChunk) {
        out.id = newCompletionId("cmpl-");
        out.created = unixNow();
        out.model = model;
    }
    auto choices = m_choices;
    for (size_t i = 0; i < prompts; ++i)
        choices[int64_t(i)].index = int64_t(i);
    for (auto &[index, choice] : choices) {
        if (choice.finish_reason.empty())
            choice.finish_reason = unfinishedReason;
        out.choices.push_back(choice);
    }
    return out;
}

api::ChatCompletionChunk chunkOf(const api::ChatCompletion &completion)
{
    api::ChatCompletionChunk chunk;
    chunk.id = completion.id;
    chunk.created = completion.created;
    chunk.model = completion.model;
    for (const auto &c : completion.choices) {
        api::ChatCompletionChunkChoice choice;
        choice.index = c.index;
        choice.role = c.message.role;
        choice.content = c.message.content;
        choice.finish_reason = c.finish_reason;
        chunk.choices.push_back(std::move(choice));
    }
    chunk.usage = completion.usage;
    return chunk;
}

std::string newCompletionId(const char *prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

int64_t unixNow()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace wb::openai
