#include "eval.h"

namespace wb::api {

void fromJson(const Json &j, ModelCandidate &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "model");
    r.required("model", out.model);
    r.required("sampling_params", out.sampling_params);
    r.optional("system_message", out.system_message);
}

Json toJson(const ModelCandidate &v)
{
    Json o = Json::object();
    o["type"] = "model";
    o["model"] = v.model;
    o["sampling_params"] = toJson(v.sampling_params);
    putOptional(o, "system_message", v.system_message);
    return o;
}

void fromJson(const Json &j, BenchmarkConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("eval_candidate", out.eval_candidate);
    r.optional("scoring_params", out.scoring_params);
    r.optional("num_examples", out.num_examples);
}

Json toJson(const BenchmarkConfig &v)
{
    Json o = Json::object();
    o["eval_candidate"] = toJson(v.eval_candidate);
    o["scoring_params"] = toJson(v.scoring_params);
    putOptional(o, "num_examples", v.num_examples);
    return o;
}

void fromJson(const Json &j, EvaluateRowsRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("input_rows", out.input_rows);
    r.required("scoring_functions", out.scoring_functions);
    r.required("benchmark_config", out.benchmark_config);
}

Json toJson(const EvaluateRowsRequest &v)
{
    return Json{{"input_rows", toJson(v.input_rows)},
                {"scoring_functions", toJson(v.scoring_functions)},
                {"benchmark_config", toJson(v.benchmark_config)}};
}

void fromJson(const Json &j, EvaluateResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("generations", out.generations);
    r.required("scores", out.scores);
}

Json toJson(const EvaluateResponse &v)
{
    return Json{{"generations", toJson(v.generations)}, {"scores", toJson(v.scores)}};
}

void fromJson(const Json &j, RunEvalRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("benchmark_config", out.benchmark_config);
}

Json toJson(const RunEvalRequest &v)
{
    return Json{{"benchmark_config", toJson(v.benchmark_config)}};
}

} // namespace wb::api
