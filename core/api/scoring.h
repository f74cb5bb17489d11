#pragma once

// Schemas of Scoring and ScoringFunctions (stable spec, /v1/scoring/*, /v1/scoring-functions),
// which eval calls, plus the ScoringFnParams and ScoringResult the experimental spec shares.

#include "common.h"

namespace wb::api {

enum class AggregationFunctionType { Average, WeightedAverage, Median, CategoricalCount, Accuracy };
template<>
struct EnumNames<AggregationFunctionType>
{
    static constexpr std::pair<AggregationFunctionType, const char *> table[] = {
        {AggregationFunctionType::Average, "average"},
        {AggregationFunctionType::WeightedAverage, "weighted_average"},
        {AggregationFunctionType::Median, "median"},
        {AggregationFunctionType::CategoricalCount, "categorical_count"},
        {AggregationFunctionType::Accuracy, "accuracy"},
    };
};
WB_JSON_ENUM(AggregationFunctionType)

// The lists below default to empty (upstream's default_factory=list) although the spec marks them
// required: pydantic accepts them missing.

//! {type:"llm_as_judge", judge_model, prompt_template?, judge_score_regexes, aggregation_functions}
struct LlmAsJudgeScoringFnParams
{
    std::string judge_model;
    std::optional<std::string> prompt_template;
    std::vector<std::string> judge_score_regexes;
    std::vector<AggregationFunctionType> aggregation_functions;

    bool operator==(const LlmAsJudgeScoringFnParams &o) const
    {
        return judge_model == o.judge_model && prompt_template == o.prompt_template
            && judge_score_regexes == o.judge_score_regexes
            && aggregation_functions == o.aggregation_functions;
    }
};

//! {type:"regex_parser", parsing_regexes, aggregation_functions}
struct RegexParserScoringFnParams
{
    std::vector<std::string> parsing_regexes;
    std::vector<AggregationFunctionType> aggregation_functions;

    bool operator==(const RegexParserScoringFnParams &o) const
    {
        return parsing_regexes == o.parsing_regexes
            && aggregation_functions == o.aggregation_functions;
    }
};

//! {type:"basic", aggregation_functions}
struct BasicScoringFnParams
{
    std::vector<AggregationFunctionType> aggregation_functions;

    bool operator==(const BasicScoringFnParams &o) const
    {
        return aggregation_functions == o.aggregation_functions;
    }
};

//! Discriminated on `type`: llm_as_judge | regex_parser | basic.
using ScoringFnParams =
    std::variant<LlmAsJudgeScoringFnParams, RegexParserScoringFnParams, BasicScoringFnParams>;

//! The aggregation functions of any params alternative.
const std::vector<AggregationFunctionType> &aggregationFunctions(const ScoringFnParams &params);

//! ParamType (return_type of a scoring fn): a one-field object {type: ...}; every alternative of
//! the spec's oneOf carries nothing but its discriminator, so an enum holds it.
enum class ParamTypeKind {
    String, Number, Boolean, Array, Object, Json, Union, ChatCompletionInput, CompletionInput
};
template<>
struct EnumNames<ParamTypeKind>
{
    static constexpr std::pair<ParamTypeKind, const char *> table[] = {
        {ParamTypeKind::String, "string"},
        {ParamTypeKind::Number, "number"},
        {ParamTypeKind::Boolean, "boolean"},
        {ParamTypeKind::Array, "array"},
        {ParamTypeKind::Object, "object"},
        {ParamTypeKind::Json, "json"},
        {ParamTypeKind::Union, "union"},
        {ParamTypeKind::ChatCompletionInput, "chat_completion_input"},
        {ParamTypeKind::CompletionInput, "completion_input"},
    };
};
WB_JSON_ENUM(ParamTypeKind)

struct ParamType
{
    ParamTypeKind type = ParamTypeKind::Number;
    bool operator==(const ParamType &o) const { return type == o.type; }
};

//! A scoring function resource: {..., type:"scoring_function", description?, metadata,
//! return_type, params?}.
struct ScoringFn
{
    std::string identifier;
    std::optional<std::string> provider_resource_id;
    std::string provider_id;
    std::optional<std::string> description;
    JsonObject metadata; //!< null or absent: {}
    ParamType return_type;
    std::optional<ScoringFnParams> params;

    bool operator==(const ScoringFn &o) const
    {
        return identifier == o.identifier && provider_resource_id == o.provider_resource_id
            && provider_id == o.provider_id && description == o.description
            && metadata == o.metadata && return_type == o.return_type && params == o.params;
    }
};

struct ListScoringFunctionsResponse
{
    std::vector<ScoringFn> data;
    bool operator==(const ListScoringFunctionsResponse &o) const { return data == o.data; }
};

//! Per-row scores and the aggregates, the latter nested by aggregation name
//! ({"accuracy": {"accuracy": 0.6, "num_correct": 3.0, "num_total": 5}}).
struct ScoringResult
{
    std::vector<JsonObject> score_rows;
    JsonObject aggregated_results;

    bool operator==(const ScoringResult &o) const
    {
        return score_rows == o.score_rows && aggregated_results == o.aggregated_results;
    }
};

//! fn id → params; null (nullopt) means the function's own default params.
using ScoringFunctionsParams = OrderedMap<std::optional<ScoringFnParams>>;

struct ScoreRequest
{
    std::vector<JsonObject> input_rows;
    ScoringFunctionsParams scoring_functions;

    bool operator==(const ScoreRequest &o) const
    {
        return input_rows == o.input_rows && scoring_functions == o.scoring_functions;
    }
};

struct ScoreResponse
{
    OrderedMap<ScoringResult> results; //!< fn id → result, in request order
    bool operator==(const ScoreResponse &o) const { return results == o.results; }
};

struct ScoreBatchRequest
{
    std::string dataset_id;
    ScoringFunctionsParams scoring_functions;
    bool save_results_dataset = false; //!< upstream's default; the spec shows none

    bool operator==(const ScoreBatchRequest &o) const
    {
        return dataset_id == o.dataset_id && scoring_functions == o.scoring_functions
            && save_results_dataset == o.save_results_dataset;
    }
};

struct ScoreBatchResponse
{
    std::optional<std::string> dataset_id; //!< set only when results were saved as a dataset
    OrderedMap<ScoringResult> results;

    bool operator==(const ScoreBatchResponse &o) const
    {
        return dataset_id == o.dataset_id && results == o.results;
    }
};

//! POST /v1/scoring-functions (upstream's body; the stable spec lists only GET). Only LLM-as-judge
//! functions can be user-defined: params of type llm_as_judge (or provider_id "llm-as-judge").
struct RegisterScoringFunctionRequest
{
    std::string scoring_fn_id;
    std::string description;
    ParamType return_type;
    std::optional<std::string> provider_scoring_fn_id;
    std::optional<std::string> provider_id;
    std::optional<ScoringFnParams> params;

    bool operator==(const RegisterScoringFunctionRequest &o) const
    {
        return scoring_fn_id == o.scoring_fn_id && description == o.description
            && return_type == o.return_type && provider_scoring_fn_id == o.provider_scoring_fn_id
            && provider_id == o.provider_id && params == o.params;
    }
};

void fromJson(const Json &j, LlmAsJudgeScoringFnParams &out, const std::string &path);
void fromJson(const Json &j, RegexParserScoringFnParams &out, const std::string &path);
void fromJson(const Json &j, BasicScoringFnParams &out, const std::string &path);
void fromJson(const Json &j, ScoringFnParams &out, const std::string &path);
void fromJson(const Json &j, ParamType &out, const std::string &path);
void fromJson(const Json &j, ScoringFn &out, const std::string &path);
void fromJson(const Json &j, ListScoringFunctionsResponse &out, const std::string &path);
void fromJson(const Json &j, ScoringResult &out, const std::string &path);
void fromJson(const Json &j, ScoreRequest &out, const std::string &path);
void fromJson(const Json &j, ScoreResponse &out, const std::string &path);
void fromJson(const Json &j, ScoreBatchRequest &out, const std::string &path);
void fromJson(const Json &j, ScoreBatchResponse &out, const std::string &path);
void fromJson(const Json &j, RegisterScoringFunctionRequest &out, const std::string &path);

Json toJson(const LlmAsJudgeScoringFnParams &v);
Json toJson(const RegexParserScoringFnParams &v);
Json toJson(const BasicScoringFnParams &v);
Json toJson(const ScoringFnParams &v);
Json toJson(const ParamType &v);
Json toJson(const ScoringFn &v);
Json toJson(const ListScoringFunctionsResponse &v);
Json toJson(const ScoringResult &v);
Json toJson(const ScoreRequest &v);
Json toJson(const ScoreResponse &v);
Json toJson(const ScoreBatchRequest &v);
Json toJson(const ScoreBatchResponse &v);
Json toJson(const RegisterScoringFunctionRequest &v);

} // namespace wb::api
