// basic::regex_parser_multiple_choice_answer: the first parsing regex (in order) that matches
// anywhere in generated_answer gives group(1); score 1.0 when that is non-empty and equals
// expected_answer. Default regexes: upstream's MULTILINGUAL_ANSWER_PATTERN_TEMPLATE formatted with
// each of its MULTILINGUAL_ANSWER_REGEXES prefixes (fn_defs/regex_parser_multiple_choice_answer.py,
// copied in the same order; the second "Answer\s*:" is upstream's, whose comment says it carries
// a Korean invisible character that its stored source does not show).

#include "engine/scoring/basic_functions_p.h"
#include "engine/scoring/python_regex.h"

namespace wb::engine::basic {

namespace {

const char *const kIdentifier = "basic::regex_parser_multiple_choice_answer";

const char *const kAnswerPrefixes[] = {
    R"(The best answer is )",
    R"(Answer\s*:)",
    R"(Answer\s*:)",
    R"(উত্তর\s*:)",
    R"(उत्तर\s*:)",
    R"(উত্তরঃ)",
    R"(উত্তর\s*:)",
    R"(Antwort\s*:)",
    R"(답변\s*:)",
    R"(정답\s*:)",
    R"(답\s*:)",
    R"(答案\s*：)",
    R"(答案\s*:)",
    R"(答\s*：)",
    R"(答\s*:)",
    R"(答复\s*：)",
    R"(答曰\s*：)",
    R"(الإجابة:)",
    R"(الجواب:)",
    R"(إجابة:)",
    R"(الإجابة النهائية:)",
    R"(الإجابة الصحيحة:)",
    R"(الإجابة الصحيحة هي:)",
    R"(الإجابة هي:)",
    R"(Respuesta\s*:)",
    R"(Risposta\s*:)",
    R"(答え\s*:)",
    R"(答え\s*：)",
    R"(回答\s*:)",
    R"(回答\s*：)",
    R"(解答\s*:)",
    R"(Jawaban\s*:)",
    R"(Réponse\s*:)",
    R"(Resposta\s*:)",
    R"(Jibu\s*:)",
    R"(Idahun\s*:)",
    R"(Ìdáhùn\s*:)",
    R"(Idáhùn\s*:)",
    R"(Àmọ̀nà\s*:)",
    R"(Àdáhùn\s*:)",
    R"(Ànúgọ\s*:)",
    R"(Àṣàyàn\s*:)",
};

std::vector<std::string> defaultRegexes()
{
    std::vector<std::string> out;
    for (const char *prefix : kAnswerPrefixes)
        out.push_back(std::string("(?i)") + prefix
                      + R"(\s*([A-D]|[أ-د]|[অ]|[ব]|[ড]|[ঢ]|[Ａ]|[Ｂ]|[Ｃ]|[Ｄ]))");
    return out;
}

class MultipleChoiceScorer : public RowScorer
{
public:
    explicit MultipleChoiceScorer(std::vector<QRegularExpression> regexes) : m_regexes(std::move(regexes)) {}

    api::Result<api::JsonObject> score(const api::JsonObject &row, const api::CancelToken &) const override
    {
        auto expected = column(row, "expected_answer");
        if (!expected)
            return expected.error();
        auto generated = column(row, "generated_answer");
        if (!generated)
            return generated.error();
        const QString text = columnQString(**generated);
        std::optional<QString> parsed;
        for (const QRegularExpression &re : m_regexes) {
            const QRegularExpressionMatch m = re.match(text);
            if (m.hasMatch()) {
                if (m.capturedStart(1) >= 0)
                    parsed = m.captured(1);
                break; // upstream stops at the first regex that matches, group(1) or not
            }
        }
        api::JsonObject out;
        if (parsed) {
            const std::string answer = parsed->toStdString();
            out.value["score"] = !answer.empty() && answer == columnText(**expected) ? 1.0 : 0.0;
            out.value["extracted_answer"] = answer;
        } else {
            out.value["score"] = 0.0;
            out.value["extracted_answer"] = nullptr;
        }
        return out;
    }

private:
    std::vector<QRegularExpression> m_regexes;
};

class MultipleChoiceFunction : public ScoringFunctionImpl
{
public:
    api::ScoringFn definition() const override
    {
        api::RegexParserScoringFnParams params;
        params.parsing_regexes = defaultRegexes();
        params.aggregation_functions = {api::AggregationFunctionType::Accuracy};
        return basic::definition(kIdentifier, "regex-parser-multiple-choice-answer",
                                 "Extract answer from response matching Answer: [the_answer_letter], "
                                 "and compare with expected result",
                                 std::move(params));
    }

    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &params,
                                                          const std::string &) const override
    {
        auto p = regexParams(params, kIdentifier);
        if (!p)
            return p.error();
        const std::vector<std::string> patterns =
            (*p)->parsing_regexes.empty() ? defaultRegexes() : (*p)->parsing_regexes;
        std::vector<QRegularExpression> regexes;
        for (const std::string &pattern : patterns) {
            auto re = compilePythonRegex(pattern, "parsing regex");
            if (!re)
                return re.error();
            // match.group(1) needs a group; upstream raises IndexError on the first row instead.
            if (re->captureCount() < 1) {
                return api::Error::badRequest("parsing regex '" + pattern
                                              + "' has no capture group: the answer is group 1");
            }
            regexes.push_back(std::move(re).value());
        }
        return std::shared_ptr<const RowScorer>(std::make_shared<MultipleChoiceScorer>(std::move(regexes)));
    }
};

} // namespace

std::shared_ptr<const ScoringFunctionImpl> multipleChoiceFunction()
{
    return std::make_shared<MultipleChoiceFunction>();
}

} // namespace wb::engine::basic
