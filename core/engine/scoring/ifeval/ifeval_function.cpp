#include "engine/scoring/ifeval/ifeval_function.h"

#include "engine/scoring/ifeval/instructions.h"
#include "engine/scoring/ifeval/text_utils.h"

#include <algorithm>

namespace wb::engine {

namespace {

using api::Error;
using api::Json;

const char *paramsTypeName(const api::ScoringFnParams &params)
{
    switch (params.index()) {
    case 0: return "llm_as_judge";
    case 1: return "regex_parser";
    default: return "basic";
    }
}

// A list column: a JSON array, or a string holding one (a CSV dataset stores lists as JSON text).
api::Result<Json> listColumn(const Json &row, const char *column)
{
    const auto it = row.find(column);
    if (it == row.end() || it->is_null())
        return Error::badRequest(std::string("row is missing '") + column + "'");
    if (it->is_array())
        return *it;
    if (it->is_string()) {
        Json parsed = Json::parse(it->get<std::string>(), nullptr, false);
        if (!parsed.is_discarded() && parsed.is_array())
            return parsed;
        return Error::badRequest(std::string("'") + column + "' is a string that does not hold a JSON list");
    }
    return Error::badRequest(std::string("'") + column + "' must be a list, got " + api::jsonTypeName(*it));
}

// One instruction's kwargs with null values dropped (upstream: {k: v ... if v is not None}); a
// null entry counts as no arguments.
api::Result<Json> cleanKwargs(const Json &entry, size_t index)
{
    Json clean = Json::object();
    if (entry.is_null())
        return clean;
    if (!entry.is_object())
        return Error::badRequest("kwargs[" + std::to_string(index) + "] must be an object, got "
                                 + api::jsonTypeName(entry));
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (!it->is_null())
            clean[it.key()] = *it;
    }
    return clean;
}

class IfevalScorer final : public RowScorer
{
public:
    api::Result<api::JsonObject> score(const api::JsonObject &input,
                                       const api::CancelToken &cancel) const override
    {
        const Json &row = input.value;
        auto ids = listColumn(row, "instruction_id_list");
        if (!ids)
            return ids.error();
        const auto answerIt = row.find("generated_answer");
        if (answerIt == row.end() || answerIt->is_null())
            return Error::badRequest("row is missing 'generated_answer'");
        if (!answerIt->is_string())
            return Error::badRequest(std::string("'generated_answer' must be a string, got ")
                                     + api::jsonTypeName(*answerIt));
        const QString answer = ifeval::pyStrip(QString::fromStdString(answerIt->get<std::string>()));

        Json kwargsList = Json::array();
        if (!ids->empty()) {
            auto kwargs = listColumn(row, "kwargs");
            if (!kwargs)
                return kwargs.error();
            if (kwargs->size() < ids->size())
                return Error::badRequest("'kwargs' has " + std::to_string(kwargs->size()) + " entries for "
                                         + std::to_string(ids->size()) + " instructions");
            kwargsList = std::move(kwargs.value());
        }

        Json instructions = Json::array();
        int followed = 0;
        for (size_t i = 0; i < ids->size(); ++i) {
            if (cancel.isCancelled())
                return Error::cancelled();
            const std::string where = "instruction_id_list[" + std::to_string(i) + "]";
            const Json &idJson = (*ids)[i];
            if (!idJson.is_string())
                return Error::badRequest(where + " must be a string, got " + api::jsonTypeName(idJson));
            const std::string id = idJson.get<std::string>();
            const auto &known = ifeval::instructionIds();
            if (std::find(known.begin(), known.end(), id) == known.end())
                return Error::badRequest(where + ": unknown instruction '" + id + "'");
            auto kwargs = cleanKwargs(kwargsList[i], i);
            if (!kwargs)
                return kwargs.error();
            auto check = ifeval::makeCheck(id, kwargs.value());
            if (!check)
                return Error::badRequest("kwargs[" + std::to_string(i) + "] (" + id + "): "
                                         + check.error().detail);
            // Upstream: an empty answer follows nothing.
            const bool ok = !answer.isEmpty() && check.value()(answer);
            followed += ok ? 1 : 0;
            instructions.push_back(Json{{"id", id}, {"followed", ok}});
        }

        const double total = double(ids->size());
        api::JsonObject result;
        result.value["score"] = total > 0 ? followed / total : 0.0;
        result.value["weight"] = total;
        result.value["instructions"] = std::move(instructions);
        return result;
    }
};

class IfevalFunction final : public ScoringFunctionImpl
{
public:
    api::ScoringFn definition() const override
    {
        api::ScoringFn fn;
        fn.identifier = "basic::ifeval";
        fn.provider_resource_id = "ifeval";
        fn.provider_id = "basic";
        fn.description = "Eval instruction following capacity by checking how many instructions can be "
                         "followed in each example";
        fn.return_type.type = api::ParamTypeKind::Number;
        fn.params = api::BasicScoringFnParams{{api::AggregationFunctionType::WeightedAverage}};
        return fn;
    }

    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &params,
                                                          const std::string &) const override
    {
        if (!std::holds_alternative<api::BasicScoringFnParams>(params))
            return Error::badRequest(std::string("basic::ifeval takes params of type 'basic', got '")
                                     + paramsTypeName(params) + "'");
        return std::shared_ptr<const RowScorer>(std::make_shared<IfevalScorer>());
    }
};

} // namespace

std::shared_ptr<const ScoringFunctionImpl> ifevalScoringFunction()
{
    static const auto function = std::make_shared<IfevalFunction>();
    return function;
}

} // namespace wb::engine
