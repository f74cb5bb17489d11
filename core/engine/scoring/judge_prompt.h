#pragma once

// A judge prompt template with Python's str.format rules, as upstream fills it with
// prompt_template.format(input_query=..., expected_answer=..., generated_answer=...):
// "{{" and "}}" are literal braces, "{name}" is replaced by the row's column. We accept only the
// three named fields: positional fields ("{}", "{0}"), other names, attribute or index access,
// conversions and format specs are a 400 at parse time (upstream fails at the first row with a
// KeyError/IndexError 500, after the judge costs were paid for the earlier functions).

#include "api/json_io.h"
#include "api/result.h"

#include <string>
#include <vector>

namespace wb::engine {

class JudgePrompt
{
public:
    //! The field names a template may use, in upstream's order.
    static const std::vector<std::string> &fieldNames();

    //! 400 "<why> at position <n>" for a template that is not a valid Python format string or
    //! names an unknown field.
    static api::Result<JudgePrompt> parse(const std::string &text);

    //! The filled prompt; 400 "row is missing '<column>'" for a column the template uses (or
    //! upstream always reads: input_query, expected_answer, generated_answer) that the row lacks.
    api::Result<std::string> fill(const api::JsonObject &row) const;

    //! Python's str() of a JSON value: strings as they are, null → "None", true → "True".
    static std::string pythonStr(const api::Json &value);

private:
    struct Piece
    {
        std::string literal; //!< text, or empty when this piece is a field
        int field = -1;      //!< index into fieldNames(), or -1 for a literal
    };
    std::vector<Piece> m_pieces;
};

} // namespace wb::engine
