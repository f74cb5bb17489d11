#pragma once

// Workbench extensions of the PostTraining API: what a client needs to follow a training job
// beyond the spec's status and artifacts. Served under /v1alpha/post-training (docs/training.md):
//   GET  /v1alpha/post-training/jobs/info                              → ListTrainingJobInfoResponse
//   GET  /v1alpha/post-training/job/info?job_uuid=                     → TrainingJobInfo
//   GET  /v1alpha/post-training/job/metrics?job_uuid=&start_index=&limit= → TrainingMetricsPage
//   POST /v1alpha/post-training/job/resume  {job_uuid}                 → PostTrainingJob
// Upstream servers answer them 404; the remote client then falls back to the spec's calls (the
// metrics become one point per checkpoint that carries training_metrics).

#include "common.h"
#include "post_training.h"

namespace wb::api {

//! One optimizer step of a training job.
struct TrainingStepMetric
{
    int64_t step = 0;  //!< 1-based optimizer step over the whole job
    int64_t epoch = 0; //!< 0-based epoch the step belongs to
    double loss = 0.0; //!< token-weighted mean training loss of the step (DPO: the preference loss)
    double lr = 0.0;   //!< learning rate the step used
    double grad_norm = 0.0; //!< total gradient norm before clipping
    double tokens_per_second = 0.0;
    int64_t tokens = 0; //!< tokens seen by the step (all sequences, padding excluded)
    std::optional<double> validation_loss; //!< set on the last step of an epoch when validated
    std::string time;   //!< ISO-8601 UTC

    bool operator==(const TrainingStepMetric &o) const
    {
        return step == o.step && epoch == o.epoch && loss == o.loss && lr == o.lr
            && grad_norm == o.grad_norm && tokens_per_second == o.tokens_per_second
            && tokens == o.tokens && validation_loss == o.validation_loss && time == o.time;
    }
};

//! A page of TrainingStepMetric in step order, paginated like iterrows.
struct TrainingMetricsPage
{
    std::vector<TrainingStepMetric> data;
    int64_t total = 0; //!< steps stored so far
    bool has_more = false;

    bool operator==(const TrainingMetricsPage &o) const
    {
        return data == o.data && total == o.total && has_more == o.has_more;
    }
};

//! One training job as stored: what ran, where it is, how it ended.
struct TrainingJobInfo
{
    std::string job_uuid;
    std::string kind;  //!< "supervised-fine-tune" or "preference-optimize"
    std::string model; //!< base model id (SFT `model`, DPO `finetuned_model`)
    std::string method; //!< "full", "lora", "qat" or "dpo"
    JobStatus status = JobStatus::Scheduled;
    Json request = Json::object(); //!< the request as accepted (defaults filled in)
    int64_t step = 0;        //!< optimizer steps done
    int64_t total_steps = 0; //!< steps the job will run (0 until the data was read)
    int64_t epoch = 0;       //!< current 0-based epoch
    std::optional<std::string> error; //!< failed: why; cancelled: by whom
    //! Options accepted but not applied on this hardware (FSDP, offloading), one sentence each.
    std::vector<std::string> notes;
    std::string scheduled_at; //!< ISO-8601 UTC
    std::optional<std::string> started_at;
    std::optional<std::string> completed_at;
    std::optional<JsonObject> resources_allocated; //!< threads, peak_memory_bytes, device, dtype
    std::vector<Checkpoint> checkpoints;
    //! Model ids registered for the checkpoints' merged models (same order as checkpoints).
    std::vector<std::string> checkpoint_models;
    //! An interrupted (failed by a restart, or cancelled) job with a checkpoint can be resumed.
    bool resumable = false;

    bool operator==(const TrainingJobInfo &o) const
    {
        return job_uuid == o.job_uuid && kind == o.kind && model == o.model && method == o.method
            && status == o.status && request == o.request && step == o.step
            && total_steps == o.total_steps && epoch == o.epoch && error == o.error
            && notes == o.notes && scheduled_at == o.scheduled_at && started_at == o.started_at
            && completed_at == o.completed_at && resources_allocated == o.resources_allocated
            && checkpoints == o.checkpoints && checkpoint_models == o.checkpoint_models
            && resumable == o.resumable;
    }
};

struct ListTrainingJobInfoResponse
{
    std::vector<TrainingJobInfo> data; //!< newest first
    bool operator==(const ListTrainingJobInfoResponse &o) const { return data == o.data; }
};

void fromJson(const Json &j, TrainingStepMetric &out, const std::string &path);
void fromJson(const Json &j, TrainingMetricsPage &out, const std::string &path);
void fromJson(const Json &j, TrainingJobInfo &out, const std::string &path);
void fromJson(const Json &j, ListTrainingJobInfoResponse &out, const std::string &path);
Json toJson(const TrainingStepMetric &v);
Json toJson(const TrainingMetricsPage &v);
Json toJson(const TrainingJobInfo &v);
Json toJson(const ListTrainingJobInfoResponse &v);

} // namespace wb::api
