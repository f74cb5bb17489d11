#include "engine/training/post_training_service.h"

#include "engine/datasets/dataset_service.h"
#include "engine/models/registry.h"
#include "engine/training/post_training_service_p.h"
#include "engine/training/trainer.h"

#include <QDateTime>
#include <QThread>

#include <algorithm>
#include <set>

namespace wb::engine {

namespace {

bool isActive(api::JobStatus s)
{
    return s == api::JobStatus::Scheduled || s == api::JobStatus::InProgress;
}

const std::set<std::string> &loraModules()
{
    static const std::set<std::string> names{"q_proj", "k_proj", "v_proj", "output_proj", "o_proj"};
    return names;
}

api::Error field(const std::string &path, const std::string &message)
{
    return api::Error::badRequest(path + ": " + message);
}

//! The checks that need no data: counts, learning rate, the algorithm's numbers. The trainer
//! checks the rest (quantizer names, dtype) when the job starts.
api::Status checkTrainingConfig(const api::TrainingConfig &t)
{
    const std::string p = "training_config";
    if (t.n_epochs < 1)
        return field(p + ".n_epochs", "must be at least 1, got " + std::to_string(t.n_epochs));
    if (t.max_steps_per_epoch < 1)
        return field(p + ".max_steps_per_epoch",
                     "must be at least 1, got " + std::to_string(t.max_steps_per_epoch));
    if (t.gradient_accumulation_steps < 1)
        return field(p + ".gradient_accumulation_steps",
                     "must be at least 1, got " + std::to_string(t.gradient_accumulation_steps));
    if (t.max_validation_steps < 0)
        return field(p + ".max_validation_steps",
                     "must be 0 or more, got " + std::to_string(t.max_validation_steps));
    if (!t.data_config)
        return field(p + ".data_config", "field required (the dataset to train on)");
    const api::DataConfig &data = *t.data_config;
    if (data.dataset_id.empty())
        return field(p + ".data_config.dataset_id", "must not be empty");
    if (data.batch_size < 1)
        return field(p + ".data_config.batch_size", "must be at least 1, got " + std::to_string(data.batch_size));
    if (t.optimizer_config) {
        const api::OptimizerConfig &o = *t.optimizer_config;
        if (!(o.lr > 0.0))
            return field(p + ".optimizer_config.lr", "must be greater than 0, got " + std::to_string(o.lr));
        if (o.weight_decay < 0.0)
            return field(p + ".optimizer_config.weight_decay",
                         "must be 0 or more, got " + std::to_string(o.weight_decay));
        if (o.num_warmup_steps < 0)
            return field(p + ".optimizer_config.num_warmup_steps",
                         "must be 0 or more, got " + std::to_string(o.num_warmup_steps));
    }
    return {};
}

api::Status checkAlgorithm(const api::AlgorithmConfig &algorithm)
{
    if (const auto *lora = std::get_if<api::LoraFinetuningConfig>(&algorithm)) {
        if (lora->rank < 1)
            return field("algorithm_config.rank", "must be at least 1, got " + std::to_string(lora->rank));
        if (lora->alpha <= 0)
            return field("algorithm_config.alpha", "must be greater than 0, got " + std::to_string(lora->alpha));
        for (size_t i = 0; i < lora->lora_attn_modules.size(); ++i)
            if (!loraModules().count(lora->lora_attn_modules[i]))
                return field("algorithm_config.lora_attn_modules[" + std::to_string(i) + "]",
                             "unknown module '" + lora->lora_attn_modules[i]
                                 + "'; expected q_proj, k_proj, v_proj, output_proj or o_proj");
        if (lora->lora_attn_modules.empty() && !lora->apply_lora_to_mlp && !lora->apply_lora_to_output)
            return field("algorithm_config.lora_attn_modules",
                         "no module gets an adapter (and apply_lora_to_mlp and apply_lora_to_output are false)");
        return {};
    }
    const auto &qat = std::get<api::QATFinetuningConfig>(algorithm);
    if (qat.quantizer_name.empty())
        return field("algorithm_config.quantizer_name", "must not be empty");
    if (qat.group_size < 1)
        return field("algorithm_config.group_size", "must be at least 1, got " + std::to_string(qat.group_size));
    return {};
}

api::PostTrainingJobStatusResponse statusOf(const api::TrainingJobInfo &info)
{
    api::PostTrainingJobStatusResponse out;
    out.job_uuid = info.job_uuid;
    out.status = info.status;
    out.scheduled_at = info.scheduled_at;
    out.started_at = info.started_at;
    out.completed_at = info.completed_at;
    out.resources_allocated = info.resources_allocated;
    out.checkpoints = info.checkpoints;
    return out;
}

} // namespace

std::string isoNowAfter(const std::optional<std::string> &previous)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::string text = now.toString(Qt::ISODateWithMs).toStdString();
    // Same format, same length: the strings order as the times do.
    if (!previous || previous->size() != text.size() || text > *previous)
        return text;
    const QDateTime before = QDateTime::fromString(QString::fromStdString(*previous), Qt::ISODateWithMs);
    if (!before.isValid())
        return text;
    return before.toUTC().addMSecs(1).toString(Qt::ISODateWithMs).toStdString();
}

api::Result<QString> localModelFolder(ModelRegistry &models, const std::string &principal,
                                      const std::string &modelId, const std::string &field)
{
    if (modelId.empty())
        return api::Error::badRequest(field + ": field required (the id of a local model to train)");
    auto model = models.resolve(principal, modelId);
    if (!model)
        return model.error();
    const api::Json &meta = model->metadata.value;
    if (model->provider_id != ModelRegistry::kLocalProvider)
        return api::Error::badRequest(field + ": training needs a local model; '" + modelId
                                      + "' is served by provider '" + model->provider_id
                                      + "' (an endpoint cannot be trained here)");
    if (model->model_type != api::ModelType::Llm)
        return api::Error::badRequest(field + ": training needs an llm; '" + modelId + "' is a "
                                      + api::toJson(model->model_type).get<std::string>() + " model");
    if (meta.is_object() && meta.contains("error") && meta["error"].is_string())
        return api::Error::badRequest(field + ": the model '" + modelId + "' cannot run: "
                                      + meta["error"].get<std::string>());
    const std::string path = meta.is_object() ? meta.value("path", std::string()) : std::string();
    if (path.empty())
        return api::Error::badRequest(field + ": the model '" + modelId + "' has no folder");
    return QString::fromStdString(path);
}

void PostTrainingService::Private::enqueueLocked(const std::string &jobUuid, const std::string &owner)
{
    auto job = std::make_shared<ActiveTrainingJob>();
    job->id = jobUuid;
    job->principal = owner;
    active[jobUuid] = job;
    pool.start([this, job] { run(job); });
}

PostTrainingService::PostTrainingService(store::Store &store, DatasetService &datasets, ModelRegistry &models,
                                         PostTrainingServiceConfig config)
    : d(std::make_unique<Private>(store, datasets, models, std::move(config)))
{
    d->config.maxConcurrentJobs = std::max(1, d->config.maxConcurrentJobs);
    d->pool.setMaxThreadCount(d->config.maxConcurrentJobs);
    d->pool.setExpiryTimeout(-1); // the store keeps a connection per thread
}

PostTrainingService::~PostTrainingService()
{
    {
        std::lock_guard lock(d->mutex);
        d->closing = true;
        // Queued jobs never start here; they stay "scheduled" in the store and the next start
        // queues them again (recoverInterruptedJobs).
        d->pool.clear();
        for (auto &[id, job] : d->active) {
            if (job->started) {
                job->stop = ActiveTrainingJob::Stop::Closing; // the runner writes "failed"
                job->cancel.cancel();
            }
        }
    }
    d->pool.waitForDone();
}

api::Status PostTrainingService::recoverInterruptedJobs()
{
    auto all = d->jobs.all();
    if (!all)
        return all.error();
    std::lock_guard lock(d->mutex);
    for (StoredTrainingJob &job : all.value()) {
        api::TrainingJobInfo &info = job.info;
        if (!isActive(info.status) || d->active.count(info.job_uuid))
            continue;
        if (info.status == api::JobStatus::Scheduled) {
            d->enqueueLocked(info.job_uuid, job.owner);
            continue;
        }
        info.status = api::JobStatus::Failed;
        info.resumable = !info.checkpoints.empty();
        info.error = "interrupted by a restart of the workbench after " + std::to_string(info.step)
                   + " of " + std::to_string(info.total_steps) + " steps"
                   + (info.resumable ? "; resume it to continue from its last checkpoint"
                                     : "; it had no checkpoint yet");
        info.completed_at = isoNowAfter(info.started_at ? info.started_at : info.scheduled_at);
        if (auto written = d->jobs.update(job); !written)
            return written;
    }
    return {};
}

static api::Result<api::PostTrainingJob> submit(PostTrainingService::Private &d, const std::string &principal,
                                                api::TrainingJobInfo info)
{
    StoredTrainingJob job{std::move(info), principal, {}};
    std::lock_guard lock(d.mutex); // a job is in `active` before its runner can look for it
    if (d.closing)
        return api::Error::make(503, "the workbench is closing");
    job.info.status = api::JobStatus::Scheduled;
    job.info.scheduled_at = isoNowAfter(std::nullopt);
    if (auto created = d.jobs.create(job); !created)
        return created.error();
    d.enqueueLocked(job.info.job_uuid, principal);
    return api::PostTrainingJob{job.info.job_uuid};
}

//! The checks both kinds of request share: the id, the model, the data, the numbers.
static api::Status checkCommon(PostTrainingService::Private &d, const std::string &principal,
                               const std::string &jobUuid, const std::string &model, const char *modelField,
                               const api::TrainingConfig &training)
{
    if (jobUuid.empty())
        return api::Error::badRequest("job_uuid: must not be empty");
    // The id names the job's checkpoint folder: "." and ".." would name the folders above it.
    if (jobUuid == "." || jobUuid == "..")
        return api::Error::badRequest("job_uuid: '" + jobUuid + "' is not a valid job id");
    if (std::any_of(jobUuid.begin(), jobUuid.end(), [](char c) { return (unsigned char)c < 0x20 || c == 0x7f; }))
        return api::Error::badRequest("job_uuid: must not contain control characters");
    if (auto existing = d.jobs.load(jobUuid); !existing)
        return existing.error();
    else if (existing.value())
        return api::Error::conflict("Job " + jobUuid + " already exists");
    if (auto folder = localModelFolder(d.models, principal, model, modelField); !folder)
        return folder.error();
    if (auto ok = checkTrainingConfig(training); !ok)
        return ok;
    const api::DataConfig &data = *training.data_config;
    if (auto dataset = d.datasets.getDataset(principal, data.dataset_id); !dataset)
        return dataset.error();
    if (data.validation_dataset_id && !data.validation_dataset_id->empty())
        if (auto dataset = d.datasets.getDataset(principal, *data.validation_dataset_id); !dataset)
            return dataset.error();
    return {};
}

api::Result<api::PostTrainingJob> PostTrainingService::supervisedFineTune(const std::string &principal,
                                                                          const api::SupervisedFineTuneRequest &request)
{
    const std::string model = request.model.value_or(std::string());
    if (auto ok = checkCommon(*d, principal, request.job_uuid, model, "model", request.training_config); !ok)
        return ok.error();
    if (request.algorithm_config)
        if (auto ok = checkAlgorithm(*request.algorithm_config); !ok)
            return ok.error();
    api::TrainingJobInfo info;
    info.job_uuid = request.job_uuid;
    info.kind = "supervised-fine-tune";
    info.model = model;
    info.method = !request.algorithm_config ? "full"
                  : std::holds_alternative<api::LoraFinetuningConfig>(*request.algorithm_config) ? "lora"
                                                                                                 : "qat";
    info.request = api::toJson(request);
    return submit(*d, principal, std::move(info));
}

api::Result<api::PostTrainingJob> PostTrainingService::preferenceOptimize(const std::string &principal,
                                                                          const api::PreferenceOptimizeRequest &request)
{
    if (auto ok = checkCommon(*d, principal, request.job_uuid, request.finetuned_model, "finetuned_model",
                              request.training_config);
        !ok)
        return ok.error();
    if (!(request.algorithm_config.beta > 0.0))
        return field("algorithm_config.beta",
                     "must be greater than 0, got " + std::to_string(request.algorithm_config.beta));
    api::TrainingJobInfo info;
    info.job_uuid = request.job_uuid;
    info.kind = "preference-optimize";
    info.model = request.finetuned_model;
    info.method = "dpo";
    info.request = api::toJson(request);
    return submit(*d, principal, std::move(info));
}

api::Result<api::ListPostTrainingJobsResponse> PostTrainingService::listJobs(const std::string &principal)
{
    auto all = d->jobs.all();
    if (!all)
        return all.error();
    api::ListPostTrainingJobsResponse out;
    for (const StoredTrainingJob &job : all.value())
        if (TrainingJobStore::visibleTo(job.owner, principal))
            out.data.push_back(api::PostTrainingJob{job.info.job_uuid});
    return out;
}

api::Result<api::PostTrainingJobStatusResponse> PostTrainingService::status(const std::string &principal,
                                                                            const std::string &jobUuid)
{
    auto job = d->jobs.get(principal, jobUuid);
    if (!job)
        return job.error();
    return statusOf(job->info);
}

api::Result<api::PostTrainingJobArtifactsResponse> PostTrainingService::artifacts(const std::string &principal,
                                                                                  const std::string &jobUuid)
{
    auto job = d->jobs.get(principal, jobUuid);
    if (!job)
        return job.error();
    return api::PostTrainingJobArtifactsResponse{job->info.job_uuid, job->info.checkpoints};
}

api::Status PostTrainingService::cancel(const std::string &principal, const std::string &jobUuid)
{
    if (auto visible = d->jobs.get(principal, jobUuid); !visible)
        return visible.error();
    std::lock_guard lock(d->mutex);
    const auto it = d->active.find(jobUuid);
    if (it == d->active.end())
        return {}; // ended (or left by another process): nothing to stop
    ActiveTrainingJob &job = *it->second;
    if (job.stop == ActiveTrainingJob::Stop::None)
        job.stop = ActiveTrainingJob::Stop::User;
    job.cancel.cancel();
    if (job.started)
        return {}; // the runner writes "cancelled" within one step
    // Still waiting: cancelled at once; its runner sees `stop` and does nothing.
    auto stored = d->jobs.load(jobUuid);
    if (!stored)
        return stored.error();
    if (stored.value() && stored.value()->info.status == api::JobStatus::Scheduled) {
        StoredTrainingJob j = *stored.value();
        j.info.status = api::JobStatus::Cancelled;
        j.info.error = "cancelled before it started";
        j.info.completed_at = isoNowAfter(j.info.scheduled_at);
        j.info.resumable = !j.info.checkpoints.empty();
        if (auto written = d->jobs.update(j); !written)
            return written;
    }
    d->active.erase(it);
    return {};
}

api::Result<api::ListTrainingJobInfoResponse> PostTrainingService::listInfo(const std::string &principal)
{
    auto all = d->jobs.all();
    if (!all)
        return all.error();
    api::ListTrainingJobInfoResponse out;
    for (auto it = all->rbegin(); it != all->rend(); ++it)
        if (TrainingJobStore::visibleTo(it->owner, principal))
            out.data.push_back(std::move(it->info));
    return out;
}

api::Result<api::TrainingJobInfo> PostTrainingService::info(const std::string &principal,
                                                            const std::string &jobUuid)
{
    auto job = d->jobs.get(principal, jobUuid);
    if (!job)
        return job.error();
    return std::move(job->info);
}

api::Result<api::TrainingMetricsPage> PostTrainingService::metrics(const std::string &principal,
                                                                   const std::string &jobUuid,
                                                                   std::optional<int64_t> startIndex,
                                                                   std::optional<int64_t> limit)
{
    if (startIndex && *startIndex < 0)
        return api::Error::badRequest("start_index: must be 0 or more, got " + std::to_string(*startIndex));
    if (limit && *limit < -1)
        return api::Error::badRequest("limit: must be -1 (all) or 0 or more, got " + std::to_string(*limit));
    auto job = d->jobs.get(principal, jobUuid);
    if (!job)
        return job.error();
    auto total = d->jobs.metricCount(job.value());
    if (!total)
        return total.error();
    // A client following a running job asks for "everything from the last index I have", so
    // start_index counts also without a limit (no limit or -1: to the end).
    const int64_t start = std::min(startIndex.value_or(0), total.value());
    // limit is compared with what is left, never added to start: start + limit may overflow.
    const int64_t end = (limit && *limit != -1 && *limit < total.value() - start) ? start + *limit : total.value();
    auto rows = d->jobs.readMetrics(job.value(), start, end - start);
    if (!rows)
        return rows.error();
    api::TrainingMetricsPage page;
    page.data = std::move(rows).value();
    page.total = total.value();
    page.has_more = end < total.value();
    return page;
}

api::Result<api::PostTrainingJob> PostTrainingService::resume(const std::string &principal,
                                                              const std::string &jobUuid)
{
    std::lock_guard lock(d->mutex);
    auto job = d->jobs.get(principal, jobUuid);
    if (!job)
        return job.error();
    api::TrainingJobInfo &info = job->info;
    if (d->closing)
        return api::Error::make(503, "the workbench is closing");
    if (d->active.count(jobUuid) || isActive(info.status))
        return api::Error::conflict("Job " + jobUuid + " is " + api::enumName(info.status)
                                    + "; only a cancelled or failed job can be resumed");
    if (info.status == api::JobStatus::Completed)
        return api::Error::badRequest("Job " + jobUuid + " has completed; there is nothing to resume");
    if (info.checkpoints.empty())
        return api::Error::badRequest("Job " + jobUuid + " has no checkpoint to resume from; start it again");
    const api::Checkpoint &last = info.checkpoints.back();
    auto point = readResumePoint(QString::fromStdString(last.path));
    if (!point)
        return api::Error::badRequest("Job " + jobUuid + " cannot be resumed from its last checkpoint '"
                                      + last.identifier + "': " + point.error().detail);
    if (auto dropped = d->jobs.dropMetricsAfter(job.value(), point->step); !dropped)
        return dropped.error();
    info.status = api::JobStatus::Scheduled;
    info.scheduled_at = isoNowAfter(info.completed_at);
    info.started_at.reset();
    info.completed_at.reset();
    info.error.reset();
    info.resumable = false;
    info.step = point->step;
    info.epoch = point->epoch;
    if (auto written = d->jobs.update(job.value()); !written)
        return written.error();
    d->enqueueLocked(jobUuid, job->owner);
    return api::PostTrainingJob{jobUuid};
}

} // namespace wb::engine
