// One post-training job on a job thread: scheduled → in_progress → completed | failed | cancelled.
//
// Preparation (every row of the datasets read page by page, encoded with the model's tokenizer
// and chat template) happens before the first step, so a dataset that does not fit the format
// fails the job with the row and column in its message before any compute is spent. The plan's
// metrics and checkpoints reach the store through JobHooks as the trainer produces them; the job
// body's step/epoch are refreshed at most every 250 ms (a metric row is written for every step,
// so nothing is lost in between), and at once for every checkpoint.

#include "engine/datasets/dataset_service.h"
#include "engine/models/local_model.h"
#include "engine/models/registry.h"
#include "engine/training/post_training_service_p.h"
#include "engine/training/trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcTraining, "wb.training")

namespace wb::engine {

namespace {

constexpr int64_t kPageRows = 1000;
constexpr qint64 kProgressMs = 250;
//! Sequences are capped at the model's context, and at most this (upstream's HF provider uses
//! max_seq_length 2048): longer rows would cost more memory than a CPU run can spare.
constexpr int kMaxSequence = 2048;
//! Upstream's defaults when a request has no optimizer_config (its HF provider: 2e-5 for SFT,
//! 5e-7 for DPO).
constexpr double kDefaultSftLr = 2e-5;
constexpr double kDefaultDpoLr = 5e-7;

//! FNV-1a of the job id: the job's seed, the same in every process, so a resumed job sees the
//! same data order.
uint64_t seedOf(const std::string &id)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

//! A job's folder name, one to one: '%', '/' and '\\' are percent-encoded, so "a/b" and "a_b"
//! never share a folder ("." and ".." are refused as job ids before a job exists).
std::string fileSafe(const std::string &id)
{
    std::string out;
    for (const char c : id) {
        if (c == '%')
            out += "%25";
        else if (c == '/')
            out += "%2F";
        else if (c == '\\')
            out += "%5C";
        else
            out += c;
    }
    return out;
}

//! Every row of a dataset, as `principal` sees it; stops early (499) when cancelled.
api::Result<std::vector<api::JsonObject>> readAllRows(DatasetService &datasets, const std::string &principal,
                                                      const std::string &datasetId,
                                                      const api::CancelToken &cancel)
{
    std::vector<api::JsonObject> rows;
    for (int64_t start = 0;; start += kPageRows) {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        auto page = datasets.iterrows(principal, datasetId, start, kPageRows);
        if (!page)
            return page.error();
        for (api::JsonObject &row : page->data)
            rows.push_back(std::move(row));
        if (!page->has_more || page->data.empty())
            return rows;
    }
}

//! Writes metrics and checkpoints to the store as the trainer produces them.
class JobHooks final : public TrainingHooks
{
public:
    JobHooks(PostTrainingService::Private &d, StoredTrainingJob &stored, const ActiveTrainingJob &job)
        : m_d(d), m_stored(stored), m_job(job)
    {
        m_sinceWrite.start();
    }

    void step(const api::TrainingStepMetric &metric) override
    {
        api::TrainingStepMetric row = metric;
        row.time = isoNowAfter(std::nullopt);
        if (auto appended = m_d.jobs.appendMetric(m_job.id, row); !appended && !m_metricError) {
            m_metricError = true; // training goes on; the chart misses the step
            qCWarning(lcTraining, "job %s: cannot store the metrics of step %lld: %s", m_job.id.c_str(),
                      static_cast<long long>(metric.step), appended.error().toString().c_str());
        }
        m_stored.info.step = metric.step;
        m_stored.info.epoch = metric.epoch;
        if (m_sinceWrite.elapsed() >= kProgressMs)
            write();
    }

    void checkpoint(const SavedCheckpoint &saved) override
    {
        api::TrainingJobInfo &info = m_stored.info;
        api::Checkpoint c;
        c.identifier = saved.identifier;
        c.created_at = isoNowAfter(std::nullopt);
        c.epoch = saved.epoch;
        c.post_training_job_id = info.job_uuid;
        c.path = QDir(saved.folder).absolutePath().toStdString();
        if (saved.validated)
            c.training_metrics = saved.metrics;
        // The merged model, registered for chat and eval under an id no other job can take.
        api::RegisterModelRequest model;
        model.model_id = info.job_uuid + "/" + saved.identifier;
        model.provider_id = ModelRegistry::kLocalProvider;
        model.metadata.value = api::Json{{"path", c.path}};
        model.model_type = api::ModelType::Llm;
        auto registered = m_d.models.registerModel(m_job.principal, model);
        if (!registered)
            info.notes.push_back("The checkpoint " + saved.identifier + " could not be registered as a model: "
                                 + registered.error().detail);
        info.checkpoints.push_back(std::move(c));
        info.checkpoint_models.push_back(registered ? model.model_id : std::string());
        info.step = std::max(info.step, saved.step);
        write();
    }

    bool cancelled() const override { return m_job.cancel.isCancelled(); }

    void write()
    {
        std::lock_guard lock(m_d.mutex);
        (void)m_d.jobs.update(m_stored);
        m_sinceWrite.restart();
    }

private:
    PostTrainingService::Private &m_d;
    StoredTrainingJob &m_stored;
    const ActiveTrainingJob &m_job;
    QElapsedTimer m_sinceWrite;
    bool m_metricError = false;
};

//! The plan of a stored job: its request, its model's data, where its checkpoints go. Fills
//! `notes` with what the user should know (defaults taken, rows truncated).
api::Result<TrainingPlan> makePlan(PostTrainingService::Private &d, const StoredTrainingJob &stored,
                                   const api::CancelToken &cancel, std::vector<std::string> &notes)
{
    const api::TrainingJobInfo &info = stored.info;
    const bool dpo = info.kind == "preference-optimize";
    TrainingPlan plan;
    std::optional<std::string> checkpointDir;
    if (dpo) {
        auto request = api::parse<api::PreferenceOptimizeRequest>(info.request);
        if (!request)
            return api::Error::internal("stored request unreadable: " + request.error().detail);
        plan.method = TrainingMethod::Dpo;
        plan.training = request->training_config;
        plan.dpo = request->algorithm_config;
    } else {
        auto request = api::parse<api::SupervisedFineTuneRequest>(info.request);
        if (!request)
            return api::Error::internal("stored request unreadable: " + request.error().detail);
        plan.training = request->training_config;
        plan.method = TrainingMethod::Full;
        if (request->algorithm_config) {
            if (const auto *lora = std::get_if<api::LoraFinetuningConfig>(&*request->algorithm_config)) {
                plan.method = TrainingMethod::Lora;
                plan.lora = *lora;
            } else {
                plan.method = TrainingMethod::Qat;
                plan.qat = std::get<api::QATFinetuningConfig>(*request->algorithm_config);
            }
        }
        // Upstream's test sends checkpoint_dir None; torchtune reads "null" as none too.
        if (request->checkpoint_dir && !request->checkpoint_dir->empty() && *request->checkpoint_dir != "null")
            checkpointDir = request->checkpoint_dir;
    }
    if (!plan.training.optimizer_config) {
        api::OptimizerConfig o;
        o.optimizer_type = api::OptimizerType::AdamW;
        o.lr = dpo ? kDefaultDpoLr : kDefaultSftLr;
        plan.training.optimizer_config = o;
        notes.push_back(std::string("No optimizer_config: AdamW with lr ") + (dpo ? "5e-7" : "2e-5")
                        + ", no weight decay and no warm-up (upstream's defaults).");
    }
    if (!plan.training.data_config)
        return api::Error::badRequest("training_config.data_config: field required");
    const api::DataConfig &data = *plan.training.data_config;

    auto folder = localModelFolder(d.models, stored.owner, info.model, dpo ? "finetuned_model" : "model");
    if (!folder)
        return folder.error();
    plan.baseFolder = folder.value();
    plan.outputDir = checkpointDir ? QString::fromStdString(*checkpointDir)
                                   : QDir(d.config.checkpointRoot).filePath(QString::fromStdString(fileSafe(info.job_uuid)));
    // One model per job, so within the job's folder a readable name cannot collide.
    std::string modelName = info.model;
    std::replace(modelName.begin(), modelName.end(), '/', '_');
    std::replace(modelName.begin(), modelName.end(), '\\', '_');
    plan.checkpointPrefix = modelName + (dpo ? "-dpo" : "-sft");
    plan.seed = seedOf(info.job_uuid);
    if (!info.checkpoints.empty()) // a job with checkpoints that starts is a resume
        plan.resumeFrom = QString::fromStdString(info.checkpoints.back().path);

    // The tokenizer and chat template come with the model; its weights are dropped again before
    // training loads its own copy.
    EncodeOptions options;
    options.format = data.data_format;
    options.trainOnInput = data.train_on_input;
    {
        auto model = LocalModel::load(plan.baseFolder);
        if (!model)
            return model.error();
        const LocalModel &m = *model.value();
        const ModelConfig &config = m.lm().config();
        plan.maxLength = std::min(config.maxPositionEmbeddings, kMaxSequence);
        plan.padId = config.eosTokenIds.empty() ? 0 : config.eosTokenIds.front();
        options.maxLength = plan.maxLength;

        const auto encode = [&](const std::string &datasetId, bool validation) -> api::Status {
            auto rows = readAllRows(d.datasets, stored.owner, datasetId, cancel);
            if (!rows)
                return rows.error();
            options.datasetId = datasetId;
            DataSummary summary;
            if (dpo) {
                auto examples = encodePreferenceRows(rows.value(), *m.tokenizer(), m.chatTemplate(), options, &summary);
                if (!examples)
                    return examples.error();
                (validation ? plan.preferenceValidation : plan.preferenceTrain) = std::move(examples).value();
            } else {
                auto examples = encodeSftRows(rows.value(), *m.tokenizer(), m.chatTemplate(), options, &summary);
                if (!examples)
                    return examples.error();
                (validation ? plan.validation : plan.train) = std::move(examples).value();
            }
            if (summary.truncated > 0)
                notes.push_back(std::to_string(summary.truncated) + " of " + std::to_string(summary.rows)
                                + " rows of '" + datasetId + "' were longer than " + std::to_string(plan.maxLength)
                                + " tokens and were truncated.");
            return {};
        };
        if (auto ok = encode(data.dataset_id, false); !ok)
            return ok.error();
        if (data.validation_dataset_id && !data.validation_dataset_id->empty())
            if (auto ok = encode(*data.validation_dataset_id, true); !ok)
                return ok.error();
    }
    return plan;
}

api::JsonObject resourcesOf(const TrainingOutcome &outcome)
{
    api::Json r{{"device", "cpu"},
                {"threads", outcome.threads},
                {"dtype", outcome.dtype},
                {"peak_memory_bytes", outcome.peakBytes}};
    if (!outcome.notes.empty())
        r["notes"] = outcome.notes;
    return api::JsonObject{std::move(r)};
}

//! A resumed job runs its preparation again: each note once.
void addNotes(api::TrainingJobInfo &info, const std::vector<std::string> &notes)
{
    for (const std::string &note : notes)
        if (std::find(info.notes.begin(), info.notes.end(), note) == info.notes.end())
            info.notes.push_back(note);
}

} // namespace

void PostTrainingService::Private::run(const std::shared_ptr<ActiveTrainingJob> &job)
{
    const auto leave = [this, &job] {
        const auto it = active.find(job->id);
        if (it != active.end() && it->second == job)
            active.erase(it);
    };
    StoredTrainingJob stored;
    {
        std::lock_guard lock(mutex);
        if (closing || job->stop != ActiveTrainingJob::Stop::None)
            return leave(); // cancelled while waiting: already written
        auto loaded = jobs.load(job->id);
        if (!loaded || !loaded.value() || loaded.value()->info.status != api::JobStatus::Scheduled)
            return leave();
        stored = *loaded.value();
        stored.info.status = api::JobStatus::InProgress;
        stored.info.started_at = isoNowAfter(stored.info.scheduled_at);
        if (!jobs.update(stored))
            return leave();
        job->started = true;
    }
    api::TrainingJobInfo &info = stored.info;
    JobHooks hooks(*this, stored, *job);

    std::vector<std::string> notes;
    api::Result<TrainingOutcome> outcome = api::Error::internal("the job did not run");
    try {
        auto plan = makePlan(*this, stored, job->cancel, notes);
        if (!plan) {
            outcome = plan.error();
        } else {
            info.total_steps = plannedSteps(plan.value()).total;
            addNotes(info, notes);
            notes.clear();
            hooks.write();
            outcome = job->cancel.isCancelled() ? api::Result<TrainingOutcome>(api::Error::cancelled())
                                                : runTraining(plan.value(), hooks);
        }
    } catch (const std::exception &e) {
        outcome = api::Error::internal(std::string("unexpected failure: ") + e.what());
    } catch (...) {
        outcome = api::Error::internal("unexpected failure");
    }

    std::lock_guard lock(mutex);
    try {
        finish(stored, *job, outcome, notes);
    } catch (const std::exception &e) {
        qCWarning(lcTraining, "job %s: its final state could not be written: %s", info.job_uuid.c_str(), e.what());
    } catch (...) {
        qCWarning(lcTraining, "job %s: its final state could not be written", info.job_uuid.c_str());
    }
    leave();
}

void PostTrainingService::Private::finish(StoredTrainingJob &stored, ActiveTrainingJob &jobRef,
                                          const api::Result<TrainingOutcome> &outcome,
                                          std::vector<std::string> &notes)
{
    ActiveTrainingJob *job = &jobRef;
    api::TrainingJobInfo &info = stored.info;
    addNotes(info, notes);
    const bool stopped = job->cancel.isCancelled()
                      && ((outcome && outcome->cancelled) || (!outcome && outcome.error().status == 499));
    if (stopped) {
        const std::string where = "after " + std::to_string(info.step) + " of "
                                + std::to_string(info.total_steps) + " steps";
        if (job->stop == ActiveTrainingJob::Stop::Closing) {
            info.status = api::JobStatus::Failed;
            info.error = "the workbench was closed while this job was running (" + where + ")";
        } else {
            info.status = api::JobStatus::Cancelled;
            info.error = "cancelled on request " + where;
        }
    } else if (!outcome) {
        info.status = api::JobStatus::Failed;
        info.error = outcome.error().detail;
        qCWarning(lcTraining, "job %s failed: %s", info.job_uuid.c_str(), outcome.error().toString().c_str());
    } else {
        info.status = api::JobStatus::Completed;
        info.error.reset();
        info.step = std::max(info.step, outcome->steps);
    }
    if (outcome) {
        info.resources_allocated = resourcesOf(outcome.value());
        addNotes(info, outcome->notes);
    }
    if (stopped && job->stop == ActiveTrainingJob::Stop::Closing && info.step == 0 && info.checkpoints.empty()) {
        // Closed before the first step: nothing is lost by starting over, so the job waits again
        // and the next start runs it (as a job closed while still queued).
        info.status = api::JobStatus::Scheduled;
        info.started_at.reset();
        info.error.reset();
        info.resources_allocated.reset();
        (void)jobs.update(stored);
        return;
    }
    info.resumable = info.status != api::JobStatus::Completed && !info.checkpoints.empty();
    info.completed_at = isoNowAfter(info.started_at);
    (void)jobs.update(stored);
}

} // namespace wb::engine
