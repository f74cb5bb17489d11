#include "scoring.h"

namespace wb::api {

void fromJson(const Json &j, LlmAsJudgeScoringFnParams &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "llm_as_judge");
    r.required("judge_model", out.judge_model);
    r.optional("prompt_template", out.prompt_template);
    r.optional("judge_score_regexes", out.judge_score_regexes);
    r.optional("aggregation_functions", out.aggregation_functions);
}

void fromJson(const Json &j, RegexParserScoringFnParams &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "regex_parser");
    r.optional("parsing_regexes", out.parsing_regexes);
    r.optional("aggregation_functions", out.aggregation_functions);
}

void fromJson(const Json &j, BasicScoringFnParams &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "basic");
    r.optional("aggregation_functions", out.aggregation_functions);
}

void fromJson(const Json &j, ScoringFnParams &out, const std::string &path)
{
    ObjectReader r(j, path);
    const std::string type = readDiscriminator(r);
    if (type == "llm_as_judge") {
        LlmAsJudgeScoringFnParams p;
        fromJson(j, p, path);
        out = std::move(p);
    } else if (type == "regex_parser") {
        RegexParserScoringFnParams p;
        fromJson(j, p, path);
        out = std::move(p);
    } else if (type == "basic") {
        BasicScoringFnParams p;
        fromJson(j, p, path);
        out = std::move(p);
    } else {
        throwUnknownVariant(path, "type", type, {"llm_as_judge", "regex_parser", "basic"});
    }
}

const std::vector<AggregationFunctionType> &aggregationFunctions(const ScoringFnParams &params)
{
    return std::visit([](const auto &p) -> const std::vector<AggregationFunctionType> & {
        return p.aggregation_functions;
    }, params);
}

Json toJson(const LlmAsJudgeScoringFnParams &v)
{
    Json o = Json::object();
    o["type"] = "llm_as_judge";
    o["judge_model"] = v.judge_model;
    putOptional(o, "prompt_template", v.prompt_template);
    o["judge_score_regexes"] = toJson(v.judge_score_regexes);
    o["aggregation_functions"] = toJson(v.aggregation_functions);
    return o;
}

Json toJson(const RegexParserScoringFnParams &v)
{
    return Json{{"type", "regex_parser"},
                {"parsing_regexes", toJson(v.parsing_regexes)},
                {"aggregation_functions", toJson(v.aggregation_functions)}};
}

Json toJson(const BasicScoringFnParams &v)
{
    return Json{{"type", "basic"}, {"aggregation_functions", toJson(v.aggregation_functions)}};
}

Json toJson(const ScoringFnParams &v)
{
    return std::visit([](const auto &p) { return toJson(p); }, v);
}

void fromJson(const Json &j, ParamType &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("type", out.type);
}

Json toJson(const ParamType &v)
{
    return Json{{"type", toJson(v.type)}};
}

void fromJson(const Json &j, ScoringFn &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "scoring_function");
    r.required("identifier", out.identifier);
    r.optional("provider_resource_id", out.provider_resource_id);
    r.required("provider_id", out.provider_id);
    r.optional("description", out.description);
    r.optional("metadata", out.metadata);
    r.required("return_type", out.return_type);
    r.optional("params", out.params);
}

Json toJson(const ScoringFn &v)
{
    Json o = Json::object();
    o["identifier"] = v.identifier;
    putOptional(o, "provider_resource_id", v.provider_resource_id);
    o["provider_id"] = v.provider_id;
    o["type"] = "scoring_function";
    putOptional(o, "description", v.description);
    o["metadata"] = v.metadata.value;
    o["return_type"] = toJson(v.return_type);
    putOptional(o, "params", v.params);
    return o;
}

void fromJson(const Json &j, ListScoringFunctionsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const ListScoringFunctionsResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

void fromJson(const Json &j, ScoringResult &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("score_rows", out.score_rows);
    r.required("aggregated_results", out.aggregated_results);
}

Json toJson(const ScoringResult &v)
{
    return Json{{"score_rows", toJson(v.score_rows)},
                {"aggregated_results", v.aggregated_results.value}};
}

void fromJson(const Json &j, ScoreRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("input_rows", out.input_rows);
    r.required("scoring_functions", out.scoring_functions);
}

Json toJson(const ScoreRequest &v)
{
    return Json{{"input_rows", toJson(v.input_rows)},
                {"scoring_functions", toJson(v.scoring_functions)}};
}

void fromJson(const Json &j, ScoreResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("results", out.results);
}

Json toJson(const ScoreResponse &v)
{
    return Json{{"results", toJson(v.results)}};
}

void fromJson(const Json &j, ScoreBatchRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("dataset_id", out.dataset_id);
    r.required("scoring_functions", out.scoring_functions);
    r.optional("save_results_dataset", out.save_results_dataset);
}

Json toJson(const ScoreBatchRequest &v)
{
    return Json{{"dataset_id", v.dataset_id},
                {"scoring_functions", toJson(v.scoring_functions)},
                {"save_results_dataset", v.save_results_dataset}};
}

void fromJson(const Json &j, ScoreBatchResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("dataset_id", out.dataset_id);
    r.required("results", out.results);
}

Json toJson(const ScoreBatchResponse &v)
{
    Json o = Json::object();
    putOptional(o, "dataset_id", v.dataset_id);
    o["results"] = toJson(v.results);
    return o;
}

void fromJson(const Json &j, RegisterScoringFunctionRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("scoring_fn_id", out.scoring_fn_id);
    r.optional("description", out.description);
    r.required("return_type", out.return_type);
    r.optional("provider_scoring_fn_id", out.provider_scoring_fn_id);
    r.optional("provider_id", out.provider_id);
    r.optional("params", out.params);
}

Json toJson(const RegisterScoringFunctionRequest &v)
{
    Json o = Json::object();
    o["scoring_fn_id"] = v.scoring_fn_id;
    o["description"] = v.description;
    o["return_type"] = toJson(v.return_type);
    putOptional(o, "provider_scoring_fn_id", v.provider_scoring_fn_id);
    putOptional(o, "provider_id", v.provider_id);
    putOptional(o, "params", v.params);
    return o;
}

} // namespace wb::api
