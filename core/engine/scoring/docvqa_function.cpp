// basic::docvqa: score 1.0 when the normalised generated answer equals one of the normalised
// expected answers. expected_answer is upstream's JSON list string ('["Paris", "paris, france"]');
// we also take a real JSON array, and any other value (a plain string that is not a JSON list, a
// number) as the one expected answer. List items that are not strings count by their JSON text.

#include "engine/scoring/basic_functions_p.h"
#include "engine/scoring/docvqa_normalize.h"

namespace wb::engine::basic {

namespace {

std::vector<api::Json> expectedAnswers(const api::Json &value)
{
    if (value.is_array())
        return std::vector<api::Json>(value.begin(), value.end());
    if (value.is_string()) {
        const api::Json parsed = api::Json::parse(value.get_ref<const std::string &>(), nullptr, false);
        if (parsed.is_array())
            return std::vector<api::Json>(parsed.begin(), parsed.end());
    }
    return {value};
}

class DocvqaScorer : public RowScorer
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
        const QString answer = docvqa::normalizeAnswer(columnQString(**generated));
        bool found = false;
        for (const api::Json &e : expectedAnswers(**expected)) {
            if (docvqa::normalizeAnswer(columnQString(e)) == answer) {
                found = true;
                break;
            }
        }
        api::JsonObject out;
        out.value["score"] = found ? 1.0 : 0.0;
        out.value["normalized_generated"] = answer.toStdString();
        return out;
    }
};

class DocvqaFunction : public ScoringFunctionImpl
{
public:
    api::ScoringFn definition() const override
    {
        api::BasicScoringFnParams params;
        params.aggregation_functions = {api::AggregationFunctionType::Accuracy};
        return basic::definition("basic::docvqa", "docvqa",
                                 "DocVQA Visual Question & Answer scoring function", std::move(params));
    }

    // Upstream ignores the params beyond their aggregations; any params type is accepted.
    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &,
                                                          const std::string &) const override
    {
        return std::shared_ptr<const RowScorer>(std::make_shared<DocvqaScorer>());
    }
};

} // namespace

std::shared_ptr<const ScoringFunctionImpl> docvqaFunction()
{
    return std::make_shared<DocvqaFunction>();
}

} // namespace wb::engine::basic
