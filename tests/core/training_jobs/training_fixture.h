#pragma once

// What the post-training job tests share (tests/core/training_jobs, tests/core/training_http):
// requests over the tiny test model and small instruct datasets, and polling a job until a
// condition holds.

#include "api/async.h"
#include "api/stack_api.h"

#include <QElapsedTimer>
#include <QThread>

#include <functional>
#include <string>
#include <vector>

namespace wb::test {

//! `n` instruct rows (question/answer columns), short enough for the tiny model's context.
inline std::vector<api::JsonObject> instructRows(int n)
{
    std::vector<api::JsonObject> rows;
    for (int i = 0; i < n; ++i)
        rows.push_back(api::JsonObject{api::Json{{"question", "What is " + std::to_string(i) + " + 1?"},
                                                 {"answer", std::to_string(i + 1)}}});
    return rows;
}

inline api::Status registerRows(api::StackApi &api, const std::string &id, int n)
{
    api::RegisterDatasetRequest r;
    r.dataset_id = id;
    r.purpose = api::DatasetPurpose::PostTrainingMessages;
    r.source = api::RowsDataSource{instructRows(n)};
    auto done = api::await(api.registerDataset(r));
    if (!done)
        return done.error();
    return {};
}

//! A LoRA fine-tune of `model` on `dataset`: `epochs` epochs of at most `steps` steps, batch 1.
inline api::SupervisedFineTuneRequest sftRequest(const std::string &jobUuid, const std::string &model,
                                                 const std::string &dataset, int epochs, int steps,
                                                 const std::optional<std::string> &validation = std::nullopt)
{
    api::SupervisedFineTuneRequest r;
    r.job_uuid = jobUuid;
    r.model = model;
    api::LoraFinetuningConfig lora;
    lora.lora_attn_modules = {"q_proj", "v_proj", "output_proj"};
    lora.apply_lora_to_mlp = true;
    lora.rank = 4;
    lora.alpha = 8;
    r.algorithm_config = lora;
    r.training_config.n_epochs = epochs;
    r.training_config.max_steps_per_epoch = steps;
    r.training_config.max_validation_steps = 2;
    r.training_config.dtype = "fp32";
    api::DataConfig data;
    data.dataset_id = dataset;
    data.batch_size = 1;
    data.validation_dataset_id = validation;
    r.training_config.data_config = data;
    api::OptimizerConfig optimizer;
    optimizer.optimizer_type = api::OptimizerType::AdamW;
    optimizer.lr = 1e-3;
    r.training_config.optimizer_config = optimizer;
    return r;
}

inline bool ended(const api::TrainingJobInfo &i)
{
    return i.status == api::JobStatus::Completed || i.status == api::JobStatus::Failed
        || i.status == api::JobStatus::Cancelled;
}

//! Polls the job's info until `pred` holds or `ms` pass; returns the last info read.
inline api::TrainingJobInfo waitForJob(api::StackApi &api, const std::string &job,
                                       const std::function<bool(const api::TrainingJobInfo &)> &pred,
                                       int ms = 50000)
{
    QElapsedTimer t;
    t.start();
    api::TrainingJobInfo last;
    while (t.elapsed() < ms) {
        if (auto info = api::await(api.trainingJobInfo(job))) {
            last = info.value();
            if (pred(last))
                return last;
        }
        QThread::msleep(10);
    }
    return last;
}

inline api::TrainingJobInfo waitForEnd(api::StackApi &api, const std::string &job, int ms = 50000)
{
    return waitForJob(api, job, ended, ms);
}

} // namespace wb::test
