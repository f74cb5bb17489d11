#include "engine/scoring/judge_prompt.h"

namespace wb::engine {

const std::vector<std::string> &JudgePrompt::fieldNames()
{
    static const std::vector<std::string> names{"input_query", "expected_answer", "generated_answer"};
    return names;
}

namespace {

api::Error templateError(const std::string &why, size_t position)
{
    return api::Error::badRequest(why + " at position " + std::to_string(position)
                                  + " (use {input_query}, {expected_answer}, {generated_answer}; "
                                    "write {{ and }} for literal braces)");
}

} // namespace

api::Result<JudgePrompt> JudgePrompt::parse(const std::string &text)
{
    JudgePrompt prompt;
    std::string literal;
    auto flushLiteral = [&] {
        if (!literal.empty())
            prompt.m_pieces.push_back(Piece{std::move(literal), -1});
        literal.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                literal += '}';
                ++i;
                continue;
            }
            return templateError("single '}' encountered in the prompt template", i);
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            literal += '{';
            ++i;
            continue;
        }
        const size_t close = text.find('}', i + 1);
        if (close == std::string::npos)
            return templateError("'{' without a matching '}' in the prompt template", i);
        const std::string name = text.substr(i + 1, close - i - 1);
        if (name.empty())
            return templateError("positional field '{}' in the prompt template", i);
        if (name.find_first_of("{") != std::string::npos)
            return templateError("nested '{' in a field of the prompt template", i);
        if (name.find_first_of("!:.[") != std::string::npos)
            return templateError("field '{" + name + "}' uses a conversion, format spec, attribute or "
                                 "index, which the workbench does not support",
                                 i);
        const auto &names = fieldNames();
        int field = -1;
        for (size_t k = 0; k < names.size(); ++k)
            if (names[k] == name)
                field = int(k);
        if (field < 0) {
            const bool positional = name.find_first_not_of("0123456789") == std::string::npos;
            return templateError(positional ? "positional field '{" + name + "}' in the prompt template"
                                            : "unknown field '{" + name + "}' in the prompt template",
                                 i);
        }
        flushLiteral();
        prompt.m_pieces.push_back(Piece{{}, field});
        i = close;
    }
    flushLiteral();
    return prompt;
}

std::string JudgePrompt::pythonStr(const api::Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return "None";
    if (value.is_boolean())
        return value.get<bool>() ? "True" : "False";
    return value.dump();
}

api::Result<std::string> JudgePrompt::fill(const api::JsonObject &row) const
{
    // Upstream reads all three columns whatever the template uses (a KeyError otherwise).
    const auto &names = fieldNames();
    std::vector<std::string> values(names.size());
    for (size_t k = 0; k < names.size(); ++k) {
        auto it = row.value.find(names[k]);
        if (it == row.value.end())
            return api::Error::badRequest("row is missing '" + names[k] + "'");
        values[k] = pythonStr(*it);
    }
    std::string out;
    for (const Piece &piece : m_pieces)
        out += piece.field < 0 ? piece.literal : values[size_t(piece.field)];
    return out;
}

} // namespace wb::engine
