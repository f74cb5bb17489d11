#pragma once

// Schemas of the Eval API (experimental spec, /v1alpha/eval/benchmarks/{id}/evaluations and /jobs).

#include "common.h"
#include "scoring.h"

namespace wb::api {

//! {type:"model", model, sampling_params, system_message?}. Upstream dropped agent candidates, so
//! this is the only EvalCandidate.
struct ModelCandidate
{
    std::string model;
    SamplingParams sampling_params;
    std::optional<SystemMessage> system_message;

    bool operator==(const ModelCandidate &o) const
    {
        return model == o.model && sampling_params == o.sampling_params
            && system_message == o.system_message;
    }
};

struct BenchmarkConfig
{
    ModelCandidate eval_candidate;
    OrderedMap<ScoringFnParams> scoring_params; //!< fn id → params; defaults to {}
    std::optional<int64_t> num_examples;        //!< the first N rows; absent: all rows

    bool operator==(const BenchmarkConfig &o) const
    {
        return eval_candidate == o.eval_candidate && scoring_params == o.scoring_params
            && num_examples == o.num_examples;
    }
};

struct EvaluateRowsRequest
{
    std::vector<JsonObject> input_rows;
    std::vector<std::string> scoring_functions; //!< taken from here, not from the benchmark
    BenchmarkConfig benchmark_config;

    bool operator==(const EvaluateRowsRequest &o) const
    {
        return input_rows == o.input_rows && scoring_functions == o.scoring_functions
            && benchmark_config == o.benchmark_config;
    }
};

struct EvaluateResponse
{
    std::vector<JsonObject> generations;  //!< one {"generated_answer": ...} per input row
    OrderedMap<ScoringResult> scores;     //!< fn id → result

    bool operator==(const EvaluateResponse &o) const
    {
        return generations == o.generations && scores == o.scores;
    }
};

struct RunEvalRequest
{
    BenchmarkConfig benchmark_config;
    bool operator==(const RunEvalRequest &o) const { return benchmark_config == o.benchmark_config; }
};

void fromJson(const Json &j, ModelCandidate &out, const std::string &path);
void fromJson(const Json &j, BenchmarkConfig &out, const std::string &path);
void fromJson(const Json &j, EvaluateRowsRequest &out, const std::string &path);
void fromJson(const Json &j, EvaluateResponse &out, const std::string &path);
void fromJson(const Json &j, RunEvalRequest &out, const std::string &path);

Json toJson(const ModelCandidate &v);
Json toJson(const BenchmarkConfig &v);
Json toJson(const EvaluateRowsRequest &v);
Json toJson(const EvaluateResponse &v);
Json toJson(const RunEvalRequest &v);

} // namespace wb::api
