// basic::regex_parser_math_response: the generated answer (cut at "Q:" / "A:") and the expected
// answer are normalised as upstream does (math_normalize.h), the generated one with the single
// parsing regex, the expected one with ".*", then both evaluated to numbers where they are
// numbers; score 1.0 when the two strings are equal.

#include "engine/scoring/basic_functions_p.h"
#include "engine/scoring/math_normalize.h"
#include "engine/scoring/python_regex.h"

namespace wb::engine::basic {

namespace {

const char *const kIdentifier = "basic::regex_parser_math_response";
const char *const kDefaultRegex = R"(.*final answer is:?\s*\$\\boxed{(?P<X>.*)}\$)";

class MathScorer : public RowScorer
{
public:
    MathScorer(QRegularExpression regex, QRegularExpression anything)
        : m_regex(std::move(regex)), m_anything(std::move(anything)) {}

    api::Result<api::JsonObject> score(const api::JsonObject &row, const api::CancelToken &) const override
    {
        auto expected = column(row, "expected_answer");
        if (!expected)
            return expected.error();
        auto generated = column(row, "generated_answer");
        if (!generated)
            return generated.error();
        const math::Normalized gen = math::normalizeFinalAnswer(math::firstAnswer(columnQString(**generated)),
                                                                m_regex);
        const math::Normalized exp = math::normalizeFinalAnswer(columnQString(**expected), m_anything);
        const QString genValue = math::evaluate(gen.value);
        const QString expValue = math::evaluate(exp.value);
        api::JsonObject out;
        out.value["score"] = genValue == expValue ? 1.0 : 0.0;
        out.value["extracted_answer"] = gen.extracted ? api::Json(gen.extracted->toStdString()) : api::Json();
        out.value["normalized_generated"] = genValue.toStdString();
        out.value["normalized_expected"] = expValue.toStdString();
        return out;
    }

private:
    QRegularExpression m_regex;
    QRegularExpression m_anything;
};

class MathFunction : public ScoringFunctionImpl
{
public:
    api::ScoringFn definition() const override
    {
        api::RegexParserScoringFnParams params;
        params.parsing_regexes = {kDefaultRegex};
        params.aggregation_functions = {api::AggregationFunctionType::Accuracy};
        return basic::definition(kIdentifier, "regex-parser-math-response",
                                 "For math related benchmarks, extract answer from the generated response "
                                 "and expected_answer and see if they match",
                                 std::move(params));
    }

    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &params,
                                                          const std::string &) const override
    {
        auto p = regexParams(params, kIdentifier);
        if (!p)
            return p.error();
        const auto &regexes = (*p)->parsing_regexes;
        if (regexes.size() > 1) {
            return api::Error::badRequest(std::string(kIdentifier) + " takes exactly one parsing regex, got "
                                          + std::to_string(regexes.size()));
        }
        auto re = compilePythonRegex(regexes.empty() ? kDefaultRegex : regexes[0], "parsing regex");
        if (!re)
            return re.error();
        auto anything = compilePythonRegex(".*", "parsing regex");
        return std::shared_ptr<const RowScorer>(
            std::make_shared<MathScorer>(std::move(re).value(), std::move(anything).value()));
    }
};

} // namespace

std::shared_ptr<const ScoringFunctionImpl> mathResponseFunction()
{
    return std::make_shared<MathFunction>();
}

} // namespace wb::engine::basic
