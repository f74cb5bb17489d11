// basic::equality and basic::subset_of.
//
// Upstream compares the row values with Python's == and `in`. Our rows come from JSON: two strings
// compare as strings, two non-strings (JSONL numbers) as JSON values (42 == 42.0), and a string
// against a non-string by the latter's compact JSON text (42 == "42"), where upstream would answer
// False. subset_of always works on text (upstream raises TypeError on non-strings).

#include "engine/scoring/basic_functions_p.h"

namespace wb::engine::basic {

namespace {

api::JsonObject scoreRow(bool ok)
{
    api::JsonObject out;
    out.value["score"] = ok ? 1.0 : 0.0;
    return out;
}

class EqualityScorer : public RowScorer
{
public:
    api::Result<api::JsonObject> score(const api::JsonObject &row, const api::CancelToken &) const override
    {
        auto expected = column(row, "expected_answer");
        if (!expected)
            return expected.error();
        auto generated = column(row, "generated_answer");
        if (!generated)
            return generated.error();
        const api::Json &e = **expected;
        const api::Json &g = **generated;
        if (e.is_string() == g.is_string())
            return scoreRow(e == g);
        return scoreRow(columnText(e) == columnText(g));
    }
};

class SubsetOfScorer : public RowScorer
{
public:
    api::Result<api::JsonObject> score(const api::JsonObject &row, const api::CancelToken &) const override
    {
        auto expected = column(row, "expected_answer");
        if (!expected)
            return expected.error();
        auto generated = column(row, "generated_answer");
        if (!generated)
            return generated.error();
        const api::Json &e = **expected;
        const api::Json &g = **generated;
        if (e.is_string() && g.is_string()) {
            return scoreRow(g.get_ref<const std::string &>().find(e.get_ref<const std::string &>())
                            != std::string::npos);
        }
        return scoreRow(columnText(g).find(columnText(e)) != std::string::npos);
    }
};

// Both ignore their params (upstream reads only aggregation_functions from them, which the
// ScoringService applies), so any params type is accepted.
template<typename Scorer>
class PlainFunction : public ScoringFunctionImpl
{
public:
    PlainFunction(api::ScoringFn def) : m_def(std::move(def)) {}
    api::ScoringFn definition() const override { return m_def; }
    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &,
                                                          const std::string &) const override
    {
        static const auto scorer = std::make_shared<const Scorer>();
        return std::shared_ptr<const RowScorer>(scorer);
    }

private:
    api::ScoringFn m_def;
};

api::BasicScoringFnParams accuracyParams()
{
    api::BasicScoringFnParams p;
    p.aggregation_functions = {api::AggregationFunctionType::Accuracy};
    return p;
}

} // namespace

std::shared_ptr<const ScoringFunctionImpl> equalityFunction()
{
    return std::make_shared<PlainFunction<EqualityScorer>>(
        definition("basic::equality", "equality",
                   "Returns 1.0 if the input is equal to the target, 0.0 otherwise.", accuracyParams()));
}

std::shared_ptr<const ScoringFunctionImpl> subsetOfFunction()
{
    return std::make_shared<PlainFunction<SubsetOfScorer>>(
        definition("basic::subset_of", "subset-of",
                   "Returns 1.0 if the expected is included in generated, 0.0 otherwise.",
                   accuracyParams()));
}

} // namespace wb::engine::basic
