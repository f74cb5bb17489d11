#include "eval_jobs.h"

namespace wb::api {

void fromJson(const Json &j, EvalJobInfo &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_id", out.job_id);
    r.required("benchmark_id", out.benchmark_id);
    r.required("status", out.status);
    r.optional("dataset_id", out.dataset_id);
    r.optional("scoring_functions", out.scoring_functions);
    r.required("benchmark_config", out.benchmark_config);
    r.optional("rows_total", out.rows_total);
    r.optional("rows_done", out.rows_done);
    r.optional("rows_failed", out.rows_failed);
    r.optional("error", out.error);
    r.optional("created_at", out.created_at);
    r.optional("started_at", out.started_at);
    r.optional("completed_at", out.completed_at);
    r.optional("aggregated_results", out.aggregated_results);
}

Json toJson(const EvalJobInfo &v)
{
    Json o = Json::object();
    o["job_id"] = v.job_id;
    o["benchmark_id"] = v.benchmark_id;
    o["status"] = toJson(v.status);
    o["dataset_id"] = v.dataset_id;
    o["scoring_functions"] = toJson(v.scoring_functions);
    o["benchmark_config"] = toJson(v.benchmark_config);
    o["rows_total"] = v.rows_total;
    o["rows_done"] = v.rows_done;
    o["rows_failed"] = v.rows_failed;
    putOptional(o, "error", v.error);
    o["created_at"] = v.created_at;
    putOptional(o, "started_at", v.started_at);
    putOptional(o, "completed_at", v.completed_at);
    o["aggregated_results"] = toJson(v.aggregated_results);
    return o;
}

void fromJson(const Json &j, ListEvalJobsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const ListEvalJobsResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

void fromJson(const Json &j, EvalRowResult &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("index", out.index);
    r.required("input_row", out.input_row);
    r.optional("generated_answer", out.generated_answer);
    r.optional("error", out.error);
    r.optional("scores", out.scores);
}

Json toJson(const EvalRowResult &v)
{
    Json o = Json::object();
    o["index"] = v.index;
    o["input_row"] = v.input_row.value;
    o["generated_answer"] = v.generated_answer;
    putOptional(o, "error", v.error);
    o["scores"] = toJson(v.scores);
    return o;
}

void fromJson(const Json &j, EvalRowsPage &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
    r.optional("total", out.total);
    r.optional("has_more", out.has_more);
}

Json toJson(const EvalRowsPage &v)
{
    return Json{{"data", toJson(v.data)}, {"total", v.total}, {"has_more", v.has_more}};
}

} // namespace wb::api
