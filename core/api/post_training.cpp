#include "post_training.h"

namespace wb::api {

// --- jobs and checkpoints ------------------------------------------------------------------------

void fromJson(const Json &j, PostTrainingMetric &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("epoch", out.epoch);
    r.required("train_loss", out.train_loss);
    r.required("validation_loss", out.validation_loss);
    r.required("perplexity", out.perplexity);
}

Json toJson(const PostTrainingMetric &v)
{
    return Json{{"epoch", v.epoch},
                {"train_loss", v.train_loss},
                {"validation_loss", v.validation_loss},
                {"perplexity", v.perplexity}};
}

void fromJson(const Json &j, Checkpoint &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("identifier", out.identifier);
    r.required("created_at", out.created_at);
    r.required("epoch", out.epoch);
    r.required("post_training_job_id", out.post_training_job_id);
    r.required("path", out.path);
    r.optional("training_metrics", out.training_metrics);
}

Json toJson(const Checkpoint &v)
{
    Json o = Json::object();
    o["identifier"] = v.identifier;
    o["created_at"] = v.created_at;
    o["epoch"] = v.epoch;
    o["post_training_job_id"] = v.post_training_job_id;
    o["path"] = v.path;
    putOptional(o, "training_metrics", v.training_metrics);
    return o;
}

void fromJson(const Json &j, PostTrainingJobStatusResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
    r.required("status", out.status);
    r.optional("scheduled_at", out.scheduled_at);
    r.optional("started_at", out.started_at);
    r.optional("completed_at", out.completed_at);
    r.optional("resources_allocated", out.resources_allocated);
    r.optional("checkpoints", out.checkpoints);
}

Json toJson(const PostTrainingJobStatusResponse &v)
{
    Json o = Json::object();
    o["job_uuid"] = v.job_uuid;
    o["status"] = toJson(v.status);
    putOptional(o, "scheduled_at", v.scheduled_at);
    putOptional(o, "started_at", v.started_at);
    putOptional(o, "completed_at", v.completed_at);
    putOptional(o, "resources_allocated", v.resources_allocated);
    o["checkpoints"] = toJson(v.checkpoints);
    return o;
}

void fromJson(const Json &j, PostTrainingJobArtifactsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
    r.optional("checkpoints", out.checkpoints);
}

Json toJson(const PostTrainingJobArtifactsResponse &v)
{
    return Json{{"job_uuid", v.job_uuid}, {"checkpoints", toJson(v.checkpoints)}};
}

void fromJson(const Json &j, PostTrainingJob &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
}

Json toJson(const PostTrainingJob &v)
{
    return Json{{"job_uuid", v.job_uuid}};
}

void fromJson(const Json &j, ListPostTrainingJobsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const ListPostTrainingJobsResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

void fromJson(const Json &j, CancelTrainingJobRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
}

Json toJson(const CancelTrainingJobRequest &v)
{
    return Json{{"job_uuid", v.job_uuid}};
}

// --- training configuration ----------------------------------------------------------------------

void fromJson(const Json &j, DPOAlignmentConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("beta", out.beta);
    r.optional("loss_type", out.loss_type);
}

Json toJson(const DPOAlignmentConfig &v)
{
    return Json{{"beta", v.beta}, {"loss_type", toJson(v.loss_type)}};
}

void fromJson(const Json &j, DataConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("dataset_id", out.dataset_id);
    r.required("batch_size", out.batch_size);
    r.required("shuffle", out.shuffle);
    r.required("data_format", out.data_format);
    r.optional("validation_dataset_id", out.validation_dataset_id);
    r.optional("packed", out.packed);
    r.optional("train_on_input", out.train_on_input);
}

Json toJson(const DataConfig &v)
{
    Json o = Json::object();
    o["dataset_id"] = v.dataset_id;
    o["batch_size"] = v.batch_size;
    o["shuffle"] = v.shuffle;
    o["data_format"] = toJson(v.data_format);
    putOptional(o, "validation_dataset_id", v.validation_dataset_id);
    o["packed"] = v.packed;
    o["train_on_input"] = v.train_on_input;
    return o;
}

void fromJson(const Json &j, EfficiencyConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.optional("enable_activation_checkpointing", out.enable_activation_checkpointing);
    r.optional("enable_activation_offloading", out.enable_activation_offloading);
    r.optional("memory_efficient_fsdp_wrap", out.memory_efficient_fsdp_wrap);
    r.optional("fsdp_cpu_offload", out.fsdp_cpu_offload);
}

Json toJson(const EfficiencyConfig &v)
{
    return Json{{"enable_activation_checkpointing", v.enable_activation_checkpointing},
                {"enable_activation_offloading", v.enable_activation_offloading},
                {"memory_efficient_fsdp_wrap", v.memory_efficient_fsdp_wrap},
                {"fsdp_cpu_offload", v.fsdp_cpu_offload}};
}

void fromJson(const Json &j, OptimizerConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("optimizer_type", out.optimizer_type);
    r.required("lr", out.lr);
    r.required("weight_decay", out.weight_decay);
    r.required("num_warmup_steps", out.num_warmup_steps);
}

Json toJson(const OptimizerConfig &v)
{
    return Json{{"optimizer_type", toJson(v.optimizer_type)},
                {"lr", v.lr},
                {"weight_decay", v.weight_decay},
                {"num_warmup_steps", v.num_warmup_steps}};
}

void fromJson(const Json &j, TrainingConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("n_epochs", out.n_epochs);
    r.optional("max_steps_per_epoch", out.max_steps_per_epoch);
    r.optional("gradient_accumulation_steps", out.gradient_accumulation_steps);
    r.optional("max_validation_steps", out.max_validation_steps);
    r.optional("data_config", out.data_config);
    r.optional("optimizer_config", out.optimizer_config);
    r.optional("efficiency_config", out.efficiency_config);
    r.optional("dtype", out.dtype);
}

Json toJson(const TrainingConfig &v)
{
    Json o = Json::object();
    o["n_epochs"] = v.n_epochs;
    o["max_steps_per_epoch"] = v.max_steps_per_epoch;
    o["gradient_accumulation_steps"] = v.gradient_accumulation_steps;
    o["max_validation_steps"] = v.max_validation_steps;
    putOptional(o, "data_config", v.data_config);
    putOptional(o, "optimizer_config", v.optimizer_config);
    putOptional(o, "efficiency_config", v.efficiency_config);
    o["dtype"] = v.dtype;
    return o;
}

void fromJson(const Json &j, LoraFinetuningConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "LoRA");
    r.required("lora_attn_modules", out.lora_attn_modules);
    r.required("apply_lora_to_mlp", out.apply_lora_to_mlp);
    r.required("apply_lora_to_output", out.apply_lora_to_output);
    r.required("rank", out.rank);
    r.required("alpha", out.alpha);
    r.optional("use_dora", out.use_dora);
    r.optional("quantize_base", out.quantize_base);
}

Json toJson(const LoraFinetuningConfig &v)
{
    Json o = Json::object();
    o["type"] = "LoRA";
    o["lora_attn_modules"] = toJson(v.lora_attn_modules);
    o["apply_lora_to_mlp"] = v.apply_lora_to_mlp;
    o["apply_lora_to_output"] = v.apply_lora_to_output;
    o["rank"] = v.rank;
    o["alpha"] = v.alpha;
    o["use_dora"] = v.use_dora;
    o["quantize_base"] = v.quantize_base;
    return o;
}

void fromJson(const Json &j, QATFinetuningConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "QAT");
    r.required("quantizer_name", out.quantizer_name);
    r.required("group_size", out.group_size);
}

Json toJson(const QATFinetuningConfig &v)
{
    return Json{{"type", "QAT"}, {"quantizer_name", v.quantizer_name}, {"group_size", v.group_size}};
}

void fromJson(const Json &j, AlgorithmConfig &out, const std::string &path)
{
    ObjectReader r(j, path);
    const std::string type = readDiscriminator(r);
    if (type == "LoRA") {
        LoraFinetuningConfig c;
        fromJson(j, c, path);
        out = std::move(c);
    } else if (type == "QAT") {
        QATFinetuningConfig c;
        fromJson(j, c, path);
        out = std::move(c);
    } else {
        throwUnknownVariant(path, "type", type, {"LoRA", "QAT"});
    }
}

Json toJson(const AlgorithmConfig &v)
{
    return std::visit([](const auto &c) { return toJson(c); }, v);
}

// --- requests ------------------------------------------------------------------------------------

void fromJson(const Json &j, PreferenceOptimizeRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
    r.required("finetuned_model", out.finetuned_model);
    r.required("algorithm_config", out.algorithm_config);
    r.required("training_config", out.training_config);
    r.required("hyperparam_search_config", out.hyperparam_search_config);
    r.required("logger_config", out.logger_config);
}

Json toJson(const PreferenceOptimizeRequest &v)
{
    Json o = Json::object();
    o["job_uuid"] = v.job_uuid;
    o["finetuned_model"] = v.finetuned_model;
    o["algorithm_config"] = toJson(v.algorithm_config);
    o["training_config"] = toJson(v.training_config);
    o["hyperparam_search_config"] = v.hyperparam_search_config.value;
    o["logger_config"] = v.logger_config.value;
    return o;
}

void fromJson(const Json &j, SupervisedFineTuneRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("job_uuid", out.job_uuid);
    r.required("training_config", out.training_config);
    r.required("hyperparam_search_config", out.hyperparam_search_config);
    r.required("logger_config", out.logger_config);
    r.optional("model", out.model);
    r.optional("checkpoint_dir", out.checkpoint_dir);
    r.optional("algorithm_config", out.algorithm_config);
}

Json toJson(const SupervisedFineTuneRequest &v)
{
    Json o = Json::object();
    o["job_uuid"] = v.job_uuid;
    o["training_config"] = toJson(v.training_config);
    o["hyperparam_search_config"] = v.hyperparam_search_config.value;
    o["logger_config"] = v.logger_config.value;
    putOptional(o, "model", v.model);
    putOptional(o, "checkpoint_dir", v.checkpoint_dir);
    putOptional(o, "algorithm_config", v.algorithm_config);
    return o;
}

} // namespace wb::api
