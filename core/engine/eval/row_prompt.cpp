#include "engine/eval/row_prompt.h"

namespace wb::engine {

namespace {

constexpr const char *kQuestionColumns[] = {"input_query", "question", "prompt", "input", "problem"};
constexpr const char *kAnswerColumns[] = {"answer", "output", "completion", "target"};

const api::Json *column(const api::JsonObject &row, const char *name)
{
    const auto it = row.value.find(name);
    return it == row.value.end() || it->is_null() ? nullptr : &*it;
}

//! A cell as text: strings as they are, anything else as compact JSON.
std::string cellText(const api::Json &v)
{
    return v.is_string() ? v.get<std::string>() : v.dump();
}

//! Messages from an array, or from a JSON string holding one (how CSV and upstream keep them).
api::Result<std::vector<api::ChatMessage>> readMessages(const api::Json &cell, const std::string &path)
{
    api::Json parsed = cell;
    if (cell.is_string()) {
        parsed = api::Json::parse(cell.get<std::string>(), nullptr, false);
        if (parsed.is_discarded())
            return api::Error::badRequest(path + ": not valid JSON (expected a list of messages)");
    }
    if (!parsed.is_array())
        return api::Error::badRequest(path + ": expected a list of {role, content} messages, got "
                                      + api::jsonTypeName(parsed));
    auto messages = api::parse<std::vector<api::ChatMessage>>(parsed, path);
    if (!messages)
        return messages.error();
    if (messages->empty())
        return api::Error::badRequest(path + ": the list of messages is empty");
    return messages;
}

//! [system message] + the row's system messages + its other messages in order.
RowPrompt chatPrompt(const std::vector<api::ChatMessage> &rowMessages,
                     const std::optional<api::SystemMessage> &systemMessage)
{
    RowPrompt p;
    p.kind = RowPrompt::Kind::Chat;
    if (systemMessage)
        p.messages.push_back({"system", api::contentText(systemMessage->content), std::nullopt});
    for (const api::ChatMessage &m : rowMessages)
        if (m.role == "system")
            p.messages.push_back(m);
    for (const api::ChatMessage &m : rowMessages)
        if (m.role != "system")
            p.messages.push_back(m);
    return p;
}

} // namespace

api::Result<RowPrompt> rowPrompt(const api::JsonObject &row,
                                 const std::optional<api::SystemMessage> &systemMessage, size_t index)
{
    const std::string at = "input_rows[" + std::to_string(index) + "]";
    if (const api::Json *cell = column(row, "chat_completion_input")) {
        auto messages = readMessages(*cell, at + ".chat_completion_input");
        if (!messages)
            return messages.error();
        return chatPrompt(*messages, systemMessage);
    }
    if (const api::Json *cell = column(row, "completion_input")) {
        if (!cell->is_string())
            return api::Error::badRequest(at + ".completion_input: expected a string, got "
                                          + api::jsonTypeName(*cell));
        RowPrompt p;
        p.kind = RowPrompt::Kind::Completion;
        // Upstream json.loads() the cell; a plain string that is not JSON is taken as it is.
        const std::string &text = cell->get_ref<const std::string &>();
        const api::Json parsed = api::Json::parse(text, nullptr, false);
        p.prompt = !parsed.is_discarded() && parsed.is_string() ? parsed.get<std::string>() : text;
        return p;
    }
    if (const api::Json *cell = column(row, "messages")) {
        auto messages = readMessages(*cell, at + ".messages");
        if (!messages)
            return messages.error();
        return chatPrompt(*messages, systemMessage);
    }
    for (const char *name : kQuestionColumns)
        if (const api::Json *cell = column(row, name))
            return chatPrompt({api::ChatMessage{"user", cellText(*cell), std::nullopt}}, systemMessage);
    return api::Error::badRequest(at + ": no prompt column (chat_completion_input, completion_input, "
                                       "messages, input_query, question, prompt, input, problem)");
}

api::JsonObject scoringInput(const api::JsonObject &row, const RowPrompt *prompt,
                             const std::string &generatedAnswer)
{
    api::JsonObject out = row;
    if (!out.value.is_object())
        out.value = api::Json::object();
    out.value["generated_answer"] = generatedAnswer;
    if (!column(row, "expected_answer"))
        for (const char *name : kAnswerColumns)
            if (const api::Json *cell = column(row, name)) {
                out.value["expected_answer"] = cellText(*cell);
                break;
            }
    if (!column(row, "input_query")) {
        for (const char *name : kQuestionColumns)
            if (const api::Json *cell = column(row, name)) {
                out.value["input_query"] = cellText(*cell);
                return out;
            }
        if (prompt && prompt->kind == RowPrompt::Kind::Completion) {
            out.value["input_query"] = prompt->prompt;
        } else if (prompt) {
            for (auto it = prompt->messages.rbegin(); it != prompt->messages.rend(); ++it)
                if (it->role == "user") {
                    out.value["input_query"] = it->content;
                    break;
                }
        }
    }
    return out;
}

} // namespace wb::engine
