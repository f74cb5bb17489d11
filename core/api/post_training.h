#pragma once

// Schemas of PostTraining (experimental spec, /v1alpha/post-training/*).
//
// Many fields have upstream defaults although the spec marks them required (see the members'
// comments); they are filled in when missing or null, as pydantic does.

#include "common.h"

namespace wb::api {

struct PostTrainingMetric
{
    int64_t epoch = 0;
    double train_loss = 0.0;
    double validation_loss = 0.0;
    double perplexity = 0.0;

    bool operator==(const PostTrainingMetric &o) const
    {
        return epoch == o.epoch && train_loss == o.train_loss
            && validation_loss == o.validation_loss && perplexity == o.perplexity;
    }
};

struct Checkpoint
{
    std::string identifier;
    std::string created_at; //!< ISO 8601 date-time, kept as sent
    int64_t epoch = 0;
    std::string post_training_job_id;
    std::string path;
    std::optional<PostTrainingMetric> training_metrics;

    bool operator==(const Checkpoint &o) const
    {
        return identifier == o.identifier && created_at == o.created_at && epoch == o.epoch
            && post_training_job_id == o.post_training_job_id && path == o.path
            && training_metrics == o.training_metrics;
    }
};

struct PostTrainingJobStatusResponse
{
    std::string job_uuid;
    JobStatus status = JobStatus::Scheduled;
    std::optional<std::string> scheduled_at; //!< date-times, ISO 8601
    std::optional<std::string> started_at;
    std::optional<std::string> completed_at;
    std::optional<JsonObject> resources_allocated;
    std::vector<Checkpoint> checkpoints; //!< defaults to []

    bool operator==(const PostTrainingJobStatusResponse &o) const
    {
        return job_uuid == o.job_uuid && status == o.status && scheduled_at == o.scheduled_at
            && started_at == o.started_at && completed_at == o.completed_at
            && resources_allocated == o.resources_allocated && checkpoints == o.checkpoints;
    }
};

struct PostTrainingJobArtifactsResponse
{
    std::string job_uuid;
    std::vector<Checkpoint> checkpoints; //!< defaults to []

    bool operator==(const PostTrainingJobArtifactsResponse &o) const
    {
        return job_uuid == o.job_uuid && checkpoints == o.checkpoints;
    }
};

//! The job id is chosen by the client (`job_uuid` of the request); the server echoes it.
struct PostTrainingJob
{
    std::string job_uuid;
    bool operator==(const PostTrainingJob &o) const { return job_uuid == o.job_uuid; }
};

struct ListPostTrainingJobsResponse
{
    std::vector<PostTrainingJob> data;
    bool operator==(const ListPostTrainingJobsResponse &o) const { return data == o.data; }
};

struct CancelTrainingJobRequest
{
    std::string job_uuid;
    bool operator==(const CancelTrainingJobRequest &o) const { return job_uuid == o.job_uuid; }
};

// --- training configuration ----------------------------------------------------------------------

enum class DPOLossType { Sigmoid, Hinge, Ipo, KtoPair };
template<>
struct EnumNames<DPOLossType>
{
    static constexpr std::pair<DPOLossType, const char *> table[] = {
        {DPOLossType::Sigmoid, "sigmoid"},
        {DPOLossType::Hinge, "hinge"},
        {DPOLossType::Ipo, "ipo"},
        {DPOLossType::KtoPair, "kto_pair"},
    };
};
WB_JSON_ENUM(DPOLossType)

struct DPOAlignmentConfig
{
    double beta = 0.0;
    DPOLossType loss_type = DPOLossType::Sigmoid;

    bool operator==(const DPOAlignmentConfig &o) const
    {
        return beta == o.beta && loss_type == o.loss_type;
    }
};

enum class DatasetFormat { Instruct, Dialog };
template<>
struct EnumNames<DatasetFormat>
{
    static constexpr std::pair<DatasetFormat, const char *> table[] = {
        {DatasetFormat::Instruct, "instruct"},
        {DatasetFormat::Dialog, "dialog"},
    };
};
WB_JSON_ENUM(DatasetFormat)

struct DataConfig
{
    std::string dataset_id;
    int batch_size = 1;
    bool shuffle = false;
    DatasetFormat data_format = DatasetFormat::Instruct;
    std::optional<std::string> validation_dataset_id;
    bool packed = false;
    bool train_on_input = false;

    bool operator==(const DataConfig &o) const
    {
        return dataset_id == o.dataset_id && batch_size == o.batch_size && shuffle == o.shuffle
            && data_format == o.data_format && validation_dataset_id == o.validation_dataset_id
            && packed == o.packed && train_on_input == o.train_on_input;
    }
};

//! All four default to false.
struct EfficiencyConfig
{
    bool enable_activation_checkpointing = false;
    bool enable_activation_offloading = false;
    bool memory_efficient_fsdp_wrap = false;
    bool fsdp_cpu_offload = false;

    bool operator==(const EfficiencyConfig &o) const
    {
        return enable_activation_checkpointing == o.enable_activation_checkpointing
            && enable_activation_offloading == o.enable_activation_offloading
            && memory_efficient_fsdp_wrap == o.memory_efficient_fsdp_wrap
            && fsdp_cpu_offload == o.fsdp_cpu_offload;
    }
};

enum class OptimizerType { Adam, AdamW, Sgd };
template<>
struct EnumNames<OptimizerType>
{
    static constexpr std::pair<OptimizerType, const char *> table[] = {
        {OptimizerType::Adam, "adam"},
        {OptimizerType::AdamW, "adamw"},
        {OptimizerType::Sgd, "sgd"},
    };
};
WB_JSON_ENUM(OptimizerType)

struct OptimizerConfig
{
    OptimizerType optimizer_type = OptimizerType::AdamW;
    double lr = 0.0;
    double weight_decay = 0.0;
    int num_warmup_steps = 0;

    bool operator==(const OptimizerConfig &o) const
    {
        return optimizer_type == o.optimizer_type && lr == o.lr
            && weight_decay == o.weight_decay && num_warmup_steps == o.num_warmup_steps;
    }
};

struct TrainingConfig
{
    int n_epochs = 1;
    int max_steps_per_epoch = 1;
    int gradient_accumulation_steps = 1;
    int max_validation_steps = 1;
    std::optional<DataConfig> data_config;
    std::optional<OptimizerConfig> optimizer_config;
    std::optional<EfficiencyConfig> efficiency_config;
    std::string dtype = "bf16";

    bool operator==(const TrainingConfig &o) const
    {
        return n_epochs == o.n_epochs && max_steps_per_epoch == o.max_steps_per_epoch
            && gradient_accumulation_steps == o.gradient_accumulation_steps
            && max_validation_steps == o.max_validation_steps && data_config == o.data_config
            && optimizer_config == o.optimizer_config
            && efficiency_config == o.efficiency_config && dtype == o.dtype;
    }
};

//! {type:"LoRA", ...}
struct LoraFinetuningConfig
{
    std::vector<std::string> lora_attn_modules;
    bool apply_lora_to_mlp = false;
    bool apply_lora_to_output = false;
    int rank = 8;
    int alpha = 16;
    bool use_dora = false;
    bool quantize_base = false;

    bool operator==(const LoraFinetuningConfig &o) const
    {
        return lora_attn_modules == o.lora_attn_modules
            && apply_lora_to_mlp == o.apply_lora_to_mlp
            && apply_lora_to_output == o.apply_lora_to_output && rank == o.rank
            && alpha == o.alpha && use_dora == o.use_dora && quantize_base == o.quantize_base;
    }
};

//! {type:"QAT", quantizer_name, group_size}
struct QATFinetuningConfig
{
    std::string quantizer_name;
    int group_size = 0;

    bool operator==(const QATFinetuningConfig &o) const
    {
        return quantizer_name == o.quantizer_name && group_size == o.group_size;
    }
};

//! Discriminated on `type`: LoRA | QAT.
using AlgorithmConfig = std::variant<LoraFinetuningConfig, QATFinetuningConfig>;

// --- requests ------------------------------------------------------------------------------------

struct PreferenceOptimizeRequest
{
    std::string job_uuid;
    std::string finetuned_model;
    DPOAlignmentConfig algorithm_config;
    TrainingConfig training_config;
    JsonObject hyperparam_search_config;
    JsonObject logger_config;

    bool operator==(const PreferenceOptimizeRequest &o) const
    {
        return job_uuid == o.job_uuid && finetuned_model == o.finetuned_model
            && algorithm_config == o.algorithm_config && training_config == o.training_config
            && hyperparam_search_config == o.hyperparam_search_config
            && logger_config == o.logger_config;
    }
};

struct SupervisedFineTuneRequest
{
    std::string job_uuid;
    TrainingConfig training_config;
    JsonObject hyperparam_search_config;
    JsonObject logger_config;
    std::optional<std::string> model;
    std::optional<std::string> checkpoint_dir;
    std::optional<AlgorithmConfig> algorithm_config; //!< absent: full fine-tuning

    bool operator==(const SupervisedFineTuneRequest &o) const
    {
        return job_uuid == o.job_uuid && training_config == o.training_config
            && hyperparam_search_config == o.hyperparam_search_config
            && logger_config == o.logger_config && model == o.model
            && checkpoint_dir == o.checkpoint_dir && algorithm_config == o.algorithm_config;
    }
};

void fromJson(const Json &j, PostTrainingMetric &out, const std::string &path);
void fromJson(const Json &j, Checkpoint &out, const std::string &path);
void fromJson(const Json &j, PostTrainingJobStatusResponse &out, const std::string &path);
void fromJson(const Json &j, PostTrainingJobArtifactsResponse &out, const std::string &path);
void fromJson(const Json &j, PostTrainingJob &out, const std::string &path);
void fromJson(const Json &j, ListPostTrainingJobsResponse &out, const std::string &path);
void fromJson(const Json &j, CancelTrainingJobRequest &out, const std::string &path);
void fromJson(const Json &j, DPOAlignmentConfig &out, const std::string &path);
void fromJson(const Json &j, DataConfig &out, const std::string &path);
void fromJson(const Json &j, EfficiencyConfig &out, const std::string &path);
void fromJson(const Json &j, OptimizerConfig &out, const std::string &path);
void fromJson(const Json &j, TrainingConfig &out, const std::string &path);
void fromJson(const Json &j, LoraFinetuningConfig &out, const std::string &path);
void fromJson(const Json &j, QATFinetuningConfig &out, const std::string &path);
void fromJson(const Json &j, AlgorithmConfig &out, const std::string &path);
void fromJson(const Json &j, PreferenceOptimizeRequest &out, const std::string &path);
void fromJson(const Json &j, SupervisedFineTuneRequest &out, const std::string &path);

Json toJson(const PostTrainingMetric &v);
Json toJson(const Checkpoint &v);
Json toJson(const PostTrainingJobStatusResponse &v);
Json toJson(const PostTrainingJobArtifactsResponse &v);
Json toJson(const PostTrainingJob &v);
Json toJson(const ListPostTrainingJobsResponse &v);
Json toJson(const CancelTrainingJobRequest &v);
Json toJson(const DPOAlignmentConfig &v);
Json toJson(const DataConfig &v);
Json toJson(const EfficiencyConfig &v);
Json toJson(const OptimizerConfig &v);
Json toJson(const TrainingConfig &v);
Json toJson(const LoraFinetuningConfig &v);
Json toJson(const QATFinetuningConfig &v);
Json toJson(const AlgorithmConfig &v);
Json toJson(const PreferenceOptimizeRequest &v);
Json toJson(const SupervisedFineTuneRequest &v);

} // namespace wb::api
