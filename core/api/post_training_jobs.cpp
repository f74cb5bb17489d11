#include "post_training_jobs.h"

namespace wb::api {

void fromJson(const Json &j, TrainingStepMetric &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("step", out.step);
    r.optional("epoch", out.epoch);
    r.required("loss", out.loss);
    r.optional("lr", out.lr);
    r.optional("grad_norm", out.grad_norm);
    r.optional("tokens_per_second", out.tokens_per_second);
    r.optional("tokens", out.tokens);
    r.optional("validation_loss", out.validation_loss);
    r.optional("time", out.time);
}

Json toJson(const TrainingStepMetric &v)
{
    Json o = Json::object();
    o["step"] = v.step;
    o["epoch"] = v.epoch;
    o["loss"] = v.loss;
    o["lr"] = v.lr;
    o["grad_norm"] = v.grad_norm;
    o["tokens_per_second"] = v.tokens_per_second;
    o["tokens"] = v.tokens;
    putOptional(o, "validation_loss", v.validation_loss);
    o["time"] = v.time;
    return o;
}

void fromJson(const Json &j, TrainingMetricsPage &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
    r.optional("total", out.total);
    r.optional("has_more", out.has_more);
}

Json toJson(const TrainingMetricsPage &v)
{
    return Json{{"data", toJson(v.data)}, {"total", v.total}, {"has_more", v.has_more}};
}

void fromJson(const Json &j, TrainingJobInfo &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
    r.optional("kind", out.kind);
    r.optional("model", out.model);
    r.optional("method", out.method);
    r.required("status", out.status);
    if (const Json *request = r.find("request"); request && request->is_object())
        out.request = *request;
    r.optional("step", out.step);
    r.optional("total_steps", out.total_steps);
    r.optional("epoch", out.epoch);
    r.optional("error", out.error);
    r.optional("notes", out.notes);
    r.optional("scheduled_at", out.scheduled_at);
    r.optional("started_at", out.started_at);
    r.optional("completed_at", out.completed_at);
    r.optional("resources_allocated", out.resources_allocated);
    r.optional("checkpoints", out.checkpoints);
    r.optional("checkpoint_models", out.checkpoint_models);
    r.optional("resumable", out.resumable);
}

Json toJson(const TrainingJobInfo &v)
{
    Json o = Json::object();
    o["job_uuid"] = v.job_uuid;
    o["kind"] = v.kind;
    o["model"] = v.model;
    o["method"] = v.method;
    o["status"] = toJson(v.status);
    o["request"] = v.request;
    o["step"] = v.step;
    o["total_steps"] = v.total_steps;
    o["epoch"] = v.epoch;
    putOptional(o, "error", v.error);
    o["notes"] = toJson(v.notes);
    o["scheduled_at"] = v.scheduled_at;
    putOptional(o, "started_at", v.started_at);
    putOptional(o, "completed_at", v.completed_at);
    putOptional(o, "resources_allocated", v.resources_allocated);
    o["checkpoints"] = toJson(v.checkpoints);
    o["checkpoint_models"] = toJson(v.checkpoint_models);
    o["resumable"] = v.resumable;
    return o;
}

void fromJson(const Json &j, ListTrainingJobInfoResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const ListTrainingJobInfoResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

} // namespace wb::api
