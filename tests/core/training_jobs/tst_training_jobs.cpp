// PostTrainingService on a real Engine (SQLite store in a temporary folder) training the tiny
// random Llama of tests/support/tiny_model.h with real libtorch steps:
//  - lifecycle: scheduled → in_progress → completed, timestamps in order, per-step metrics,
//    checkpoints on disk registered as models that answer a chat completion, artifacts, lists;
//  - request checks before any job: duplicate job_uuid 409, unknown job/model/dataset 404,
//    an endpoint model, missing data_config and bad numbers 400;
//  - cancel (running: within a step, checkpoints kept; waiting: at once) and the concurrency
//    limit;
//  - restart: an engine closed mid-job leaves it failed and resumable; a crash (in_progress left in
//    the store) is recovered the same way; resume continues from the last checkpoint to completed,
//    with the metrics after that checkpoint dropped (steps continuous, no duplicates);
//  - metrics pagination; full fine-tuning and DPO jobs; rows that do not fit fail the job.

#include "result_macros.h"
#include "engine/engine.h"
#include "store/store.h"
#include "tiny_model.h"
#include "training_fixture.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace wb;
using api::await;
using api::Json;

namespace {

constexpr const char *kModel = "tiny";
constexpr const char *kData = "train/qa";
constexpr const char *kValidation = "train/qa-validation";

//! A metric list is what one uninterrupted run would have written: steps 1..n, in order.
bool continuousSteps(const std::vector<api::TrainingStepMetric> &metrics)
{
    for (size_t i = 0; i < metrics.size(); ++i)
        if (metrics[i].step != int64_t(i) + 1)
            return false;
    return true;
}

} // namespace

class TestTrainingJobs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<engine::Engine> m_engine;
    int m_jobs = 1;

    QString dataDir() const { return QDir(m_tmp.path()).filePath(QStringLiteral("data")); }

    bool open()
    {
        engine::EngineConfig c;
        c.dataDir = dataDir();
        c.threads = 2;
        c.trainingJobs = m_jobs;
        m_engine = std::make_unique<engine::Engine>(c);
        if (auto opened = m_engine->open(); !opened) {
            qWarning("open: %s", opened.error().toString().c_str());
            m_engine.reset();
            return false;
        }
        return true;
    }

    api::StackApi &api() { return *m_engine; }

    //! A job long enough to be caught running: `epochs` one-step epochs (a checkpoint each).
    api::SupervisedFineTuneRequest longJob(const std::string &id, int epochs = 400)
    {
        return test::sftRequest(id, kModel, kData, epochs, 1);
    }

private Q_SLOTS:
    void initTestCase();
    void lifecycleToCompleted();
    void requestChecks();
    void unknownJob();
    void cancelRunningAndWaiting();
    void closedMidJobIsResumable();
    void crashRecoveryThenResume();
    void metricsPages();
    void fullAndDpoJobs();
    void badRowsFailTheJob();
};

void TestTrainingJobs::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    qunsetenv("WB_MODEL_PATH");
    qputenv("HF_HOME", QDir(m_tmp.path()).filePath(QStringLiteral("hf")).toUtf8());
    QVERIFY_RESULT(test::writeTinyModel(QDir(dataDir()).filePath(QStringLiteral("models/tiny")), 7, true));
    QVERIFY(open());
    QVERIFY_RESULT(test::registerRows(api(), kData, 6));
    QVERIFY_RESULT(test::registerRows(api(), kValidation, 2));
}

void TestTrainingJobs::lifecycleToCompleted()
{
    auto request = test::sftRequest("job-life", kModel, kData, 2, 2, std::string(kValidation));
    auto started = await(api().supervisedFineTune(request));
    QVERIFY_RESULT(started);
    QCOMPARE(started->job_uuid, std::string("job-life"));

    const api::TrainingJobInfo info = test::waitForEnd(api(), "job-life");
    QVERIFY2(info.status == api::JobStatus::Completed, info.error.value_or("(no error)").c_str());
    QCOMPARE(info.kind, std::string("supervised-fine-tune"));
    QCOMPARE(info.method, std::string("lora"));
    QCOMPARE(info.model, std::string(kModel));
    QCOMPARE(info.total_steps, int64_t(4));
    QCOMPARE(info.step, int64_t(4));
    QVERIFY(!info.resumable);
    QVERIFY(info.started_at && info.completed_at);
    QVERIFY(info.scheduled_at < *info.started_at);
    QVERIFY(*info.started_at < *info.completed_at);
    QVERIFY(info.resources_allocated);
    QCOMPARE(info.resources_allocated->value.value("device", std::string()), std::string("cpu"));
    QVERIFY(info.resources_allocated->value.contains("peak_memory_bytes"));

    // One checkpoint per epoch, on disk, each registered as a model of its own.
    QCOMPARE(info.checkpoints.size(), size_t(2));
    QCOMPARE(info.checkpoint_models.size(), size_t(2));
    for (size_t e = 0; e < 2; ++e) {
        const api::Checkpoint &c = info.checkpoints[e];
        QCOMPARE(c.epoch, int64_t(e));
        QCOMPARE(c.post_training_job_id, std::string("job-life"));
        QCOMPARE(c.identifier, std::string("tiny-sft-") + std::to_string(e));
        QVERIFY2(QFileInfo(QString::fromStdString(c.path) + QStringLiteral("/config.json")).isFile(), c.path.c_str());
        QVERIFY(c.training_metrics); // validated: a validation dataset was given
        QVERIFY(c.training_metrics->validation_loss > 0.0);
        QCOMPARE(info.checkpoint_models[e], "job-life/" + c.identifier);
        auto model = await(api().getModel(info.checkpoint_models[e]));
        QVERIFY_RESULT(model);
        QCOMPARE(model->provider_id, std::string("local"));
    }
    QVERIFY(info.checkpoints[0].created_at < info.checkpoints[1].created_at);
    // Under <data>/checkpoints/<job_uuid>/ when the request names no checkpoint_dir.
    QVERIFY(QString::fromStdString(info.checkpoints[0].path)
                .startsWith(QDir(dataDir()).filePath(QStringLiteral("checkpoints/job-life"))));

    // The fine-tuned model answers.
    api::ChatCompletionRequest chat;
    chat.model = info.checkpoint_models.back();
    chat.messages.push_back(api::ChatMessage{"user", "What is 2 + 1?", {}});
    chat.sampling.max_tokens = 4;
    auto answer = await(api().chatCompletion(chat, {}, {}));
    QVERIFY_RESULT(answer);
    QCOMPARE(answer->choices.size(), size_t(1));

    // The spec's views agree with the info.
    auto status = await(api().trainingJobStatus("job-life"));
    QVERIFY_RESULT(status);
    QCOMPARE(status->status, api::JobStatus::Completed);
    QCOMPARE(status->checkpoints, info.checkpoints);
    QCOMPARE(status->scheduled_at, std::optional<std::string>(info.scheduled_at));
    QCOMPARE(status->completed_at, info.completed_at);
    auto artifacts = await(api().trainingJobArtifacts("job-life"));
    QVERIFY_RESULT(artifacts);
    QCOMPARE(artifacts->checkpoints, info.checkpoints);
    auto list = await(api().listTrainingJobs());
    QVERIFY_RESULT(list);
    QVERIFY(std::find(list->data.begin(), list->data.end(), api::PostTrainingJob{"job-life"}) != list->data.end());
    auto infos = await(api().listTrainingJobInfo());
    QVERIFY_RESULT(infos);
    QVERIFY(!infos->data.empty());

    // One metric per optimizer step, with the validation loss on each epoch's last step.
    auto metrics = await(api().trainingJobMetrics("job-life", std::nullopt, std::nullopt));
    QVERIFY_RESULT(metrics);
    QCOMPARE(metrics->total, int64_t(4));
    QVERIFY(continuousSteps(metrics->data));
    QCOMPARE(metrics->data[1].epoch, int64_t(0));
    QCOMPARE(metrics->data[2].epoch, int64_t(1));
    for (const auto &m : metrics->data) {
        QVERIFY(m.loss > 0.0);
        QVERIFY(m.lr > 0.0);
        QVERIFY(!m.time.empty());
        QVERIFY(m.tokens > 0);
    }
    // Resuming a completed job is refused.
    QVERIFY_ERROR(await(api().resumeTrainingJob("job-life")), 400, "completed");
    // And its id cannot be used again.
    QVERIFY_ERROR(await(api().supervisedFineTune(request)), 409, "Job job-life already exists");
}

void TestTrainingJobs::requestChecks()
{
    const auto sft = [&](api::SupervisedFineTuneRequest r) { return await(api().supervisedFineTune(std::move(r))); };
    auto base = test::sftRequest("checks", kModel, kData, 1, 1);

    auto r = base;
    r.job_uuid.clear();
    QVERIFY_ERROR(sft(r), 400, "job_uuid");
    // The id names the job's checkpoint folder: no id may name a folder above it.
    for (const char *bad : {".", "..", "a\nb"}) {
        r.job_uuid = bad;
        QVERIFY_ERROR(sft(r), 400, "job_uuid");
    }
    r = base;
    r.model = "no-such-model";
    QVERIFY_ERROR(sft(r), 404, "no-such-model");
    r = base;
    r.model.reset();
    QVERIFY_ERROR(sft(r), 400, "model");
    r = base;
    r.training_config.data_config.reset();
    QVERIFY_ERROR(sft(r), 400, "training_config.data_config");
    r = base;
    r.training_config.data_config->dataset_id = "no-such-dataset";
    QVERIFY_ERROR(sft(r), 404, "no-such-dataset");
    r = base;
    r.training_config.data_config->validation_dataset_id = "no-such-validation";
    QVERIFY_ERROR(sft(r), 404, "no-such-validation");
    r = base;
    r.training_config.optimizer_config->lr = 0.0;
    QVERIFY_ERROR(sft(r), 400, "training_config.optimizer_config.lr");
    r = base;
    r.training_config.n_epochs = 0;
    QVERIFY_ERROR(sft(r), 400, "training_config.n_epochs");
    r = base;
    r.training_config.data_config->batch_size = 0;
    QVERIFY_ERROR(sft(r), 400, "batch_size");
    r = base;
    std::get<api::LoraFinetuningConfig>(*r.algorithm_config).lora_attn_modules = {"q_proj", "gate"};
    QVERIFY_ERROR(sft(r), 400, "lora_attn_modules[1]");
    r = base;
    r.algorithm_config = api::QATFinetuningConfig{"", 32};
    QVERIFY_ERROR(sft(r), 400, "quantizer_name");

    // A model served by an endpoint cannot be trained here.
    api::RegisterModelRequest endpoint;
    endpoint.model_id = "remote-model";
    endpoint.provider_model_id = "x";
    endpoint.metadata.value = {{"base_url", "http://127.0.0.1:9/v1"}};
    QVERIFY_RESULT(await(api().registerModel(endpoint)));
    r = base;
    r.model = "remote-model";
    QVERIFY_ERROR(sft(r), 400, "training needs a local model");

    api::PreferenceOptimizeRequest dpo;
    dpo.job_uuid = "checks-dpo";
    dpo.finetuned_model = kModel;
    dpo.algorithm_config.beta = 0.0;
    dpo.training_config = base.training_config;
    QVERIFY_ERROR(await(api().preferenceOptimize(dpo)), 400, "algorithm_config.beta");
    dpo.finetuned_model.clear();
    QVERIFY_ERROR(await(api().preferenceOptimize(dpo)), 400, "finetuned_model");

    // None of these created a job.
    QVERIFY_ERROR(await(api().trainingJobStatus("checks")), 404, "checks");
    QVERIFY_ERROR(await(api().trainingJobStatus("checks-dpo")), 404, "checks-dpo");
}

void TestTrainingJobs::unknownJob()
{
    QVERIFY_ERROR(await(api().trainingJobStatus("nope")), 404, "Job nope not found");
    QVERIFY_ERROR(await(api().trainingJobArtifacts("nope")), 404, "nope");
    QVERIFY_ERROR(await(api().cancelTrainingJob("nope")), 404, "nope");
    QVERIFY_ERROR(await(api().trainingJobInfo("nope")), 404, "nope");
    QVERIFY_ERROR(await(api().trainingJobMetrics("nope", 0, 10)), 404, "nope");
    QVERIFY_ERROR(await(api().resumeTrainingJob("nope")), 404, "nope");
}

void TestTrainingJobs::cancelRunningAndWaiting()
{
    // One job trains at a time: the second waits as scheduled.
    QVERIFY_RESULT(await(api().supervisedFineTune(longJob("run-a"))));
    QVERIFY_RESULT(await(api().supervisedFineTune(longJob("run-b"))));
    auto a = test::waitForJob(api(), "run-a", [](const api::TrainingJobInfo &i) { return i.step >= 2; });
    QVERIFY2(a.status == api::JobStatus::InProgress, api::enumName(a.status));
    auto b = await(api().trainingJobInfo("run-b"));
    QVERIFY_RESULT(b);
    QCOMPARE(b->status, api::JobStatus::Scheduled);

    // Waiting: cancelled at once.
    QVERIFY_RESULT(await(api().cancelTrainingJob("run-b")));
    b = await(api().trainingJobInfo("run-b"));
    QCOMPARE(b->status, api::JobStatus::Cancelled);
    QVERIFY(b->completed_at && b->scheduled_at < *b->completed_at);
    QVERIFY(!b->started_at);

    // Running: stops within a step; its checkpoints stay.
    QVERIFY_RESULT(await(api().cancelTrainingJob("run-a")));
    a = test::waitForEnd(api(), "run-a", 20000);
    QCOMPARE(a.status, api::JobStatus::Cancelled);
    QVERIFY(a.step < a.total_steps);
    QVERIFY(a.error && a.error->find("cancelled") != std::string::npos);
    QVERIFY(a.completed_at && *a.started_at < *a.completed_at);
    QVERIFY(!a.checkpoints.empty());
    QVERIFY(a.resumable);
    for (const auto &c : a.checkpoints)
        QVERIFY(QFileInfo(QString::fromStdString(c.path)).isDir());
    // Nothing moves after the job ended; cancelling again is a no-op.
    QVERIFY_RESULT(await(api().cancelTrainingJob("run-a")));
    QTest::qWait(100);
    auto again = await(api().trainingJobInfo("run-a"));
    QCOMPARE(again->step, a.step);
    QCOMPARE(again->status, api::JobStatus::Cancelled);
}

void TestTrainingJobs::closedMidJobIsResumable()
{
    QVERIFY_RESULT(await(api().supervisedFineTune(longJob("closed"))));
    auto running = test::waitForJob(api(), "closed", [](const api::TrainingJobInfo &i) {
        return i.checkpoints.size() >= 2 || test::ended(i);
    });
    QVERIFY2(running.status == api::JobStatus::InProgress, api::enumName(running.status));
    m_engine.reset(); // closes: the running job stops
    QVERIFY(open());
    auto info = await(api().trainingJobInfo("closed"));
    QVERIFY_RESULT(info);
    QCOMPARE(info->status, api::JobStatus::Failed);
    QVERIFY(info->resumable);
    QVERIFY2(info->error && info->error->find("closed") != std::string::npos, info->error.value_or("").c_str());
    QVERIFY(info->completed_at);
}

void TestTrainingJobs::crashRecoveryThenResume()
{
    // A job of 40 one-step epochs, stopped after its first checkpoints.
    QVERIFY_RESULT(await(api().supervisedFineTune(test::sftRequest("crash", kModel, kData, 40, 1))));
    auto first = test::waitForJob(api(), "crash", [](const api::TrainingJobInfo &i) {
        return i.checkpoints.size() >= 1 || test::ended(i);
    });
    QVERIFY_RESULT(await(api().cancelTrainingJob("crash")));
    first = test::waitForEnd(api(), "crash");
    if (first.status == api::JobStatus::Completed)
        QSKIP("the job finished before it could be cancelled (a very fast machine)");
    QCOMPARE(first.status, api::JobStatus::Cancelled);
    QVERIFY(!first.checkpoints.empty());

    // A crash: the process died with the job in progress (the store still says so).
    m_engine.reset();
    {
        auto store = store::Store::openSqlite(QDir(dataDir()).filePath(QStringLiteral("store.sqlite")));
        QVERIFY_RESULT(store);
        auto resource = store.value()->getResource("post_training_job", "crash");
        QVERIFY_RESULT(resource);
        QVERIFY(resource.value());
        store::Resource r = *resource.value();
        r.body["info"]["status"] = "in_progress";
        r.body["info"].erase("completed_at");
        QVERIFY_RESULT(store.value()->updateResource(r));
        // Metrics of steps after the last checkpoint, as a crash mid-epoch leaves them.
        const int64_t next = first.checkpoints.back().epoch + 2;
        api::TrainingStepMetric extra;
        extra.step = next;
        extra.loss = 1.0;
        QVERIFY_RESULT(store.value()->appendRows("post_training_job", "crash", {api::JsonObject{api::toJson(extra)}}));
    }
    QVERIFY(open());
    auto recovered = await(api().trainingJobInfo("crash"));
    QVERIFY_RESULT(recovered);
    QCOMPARE(recovered->status, api::JobStatus::Failed);
    QVERIFY(recovered->resumable);
    QVERIFY2(recovered->error->find("interrupted by a restart") != std::string::npos, recovered->error->c_str());
    QVERIFY(recovered->completed_at && *recovered->started_at < *recovered->completed_at);

    // Resume: from the last checkpoint to the end; the stray metric is dropped.
    auto resumed = await(api().resumeTrainingJob("crash"));
    QVERIFY_RESULT(resumed);
    QVERIFY_ERROR(await(api().resumeTrainingJob("crash")), 409, "crash");
    const auto done = test::waitForEnd(api(), "crash");
    QVERIFY2(done.status == api::JobStatus::Completed, done.error.value_or("(no error)").c_str());
    QCOMPARE(done.step, int64_t(40));
    QCOMPARE(done.checkpoints.size(), size_t(40));
    QVERIFY(!done.resumable);
    QVERIFY(done.scheduled_at < *done.started_at && *done.started_at < *done.completed_at);
    auto metrics = await(api().trainingJobMetrics("crash", std::nullopt, std::nullopt));
    QVERIFY_RESULT(metrics);
    QCOMPARE(metrics->total, int64_t(40));
    QVERIFY(continuousSteps(metrics->data));
}

void TestTrainingJobs::metricsPages()
{
    QVERIFY_RESULT(await(api().supervisedFineTune(test::sftRequest("pages", kModel, kData, 1, 5))));
    const auto done = test::waitForEnd(api(), "pages");
    QVERIFY2(done.status == api::JobStatus::Completed, done.error.value_or("(no error)").c_str());
    auto page = await(api().trainingJobMetrics("pages", 1, 2));
    QVERIFY_RESULT(page);
    QCOMPARE(page->total, int64_t(5));
    QCOMPARE(page->data.size(), size_t(2));
    QCOMPARE(page->data[0].step, int64_t(2));
    QVERIFY(page->has_more);
    page = await(api().trainingJobMetrics("pages", 3, std::nullopt)); // to the end
    QCOMPARE(page->data.size(), size_t(2));
    QVERIFY(!page->has_more);
    page = await(api().trainingJobMetrics("pages", 3, std::numeric_limits<int64_t>::max())); // no overflow
    QVERIFY_RESULT(page);
    QCOMPARE(page->data.size(), size_t(2));
    QVERIFY(!page->has_more);
    page = await(api().trainingJobMetrics("pages", 9, 5)); // past the end
    QCOMPARE(page->data.size(), size_t(0));
    QVERIFY(!page->has_more);
    QVERIFY_ERROR(await(api().trainingJobMetrics("pages", -1, 5)), 400, "start_index");
    QVERIFY_ERROR(await(api().trainingJobMetrics("pages", 0, -2)), 400, "limit");
}

void TestTrainingJobs::fullAndDpoJobs()
{
    // No algorithm_config: full fine-tuning; no optimizer_config: upstream's default, noted.
    auto full = test::sftRequest("full", kModel, kData, 1, 2);
    full.algorithm_config.reset();
    full.training_config.optimizer_config.reset();
    QVERIFY_RESULT(await(api().supervisedFineTune(full)));
    auto info = test::waitForEnd(api(), "full");
    QVERIFY2(info.status == api::JobStatus::Completed, info.error.value_or("(no error)").c_str());
    QCOMPARE(info.method, std::string("full"));
    QCOMPARE(info.step, int64_t(2));
    QVERIFY(std::any_of(info.notes.begin(), info.notes.end(),
                        [](const std::string &n) { return n.find("optimizer_config") != std::string::npos; }));

    // DPO on preference rows (strings and message lists).
    std::vector<api::JsonObject> pairs;
    for (int i = 0; i < 4; ++i)
        pairs.push_back(api::JsonObject{Json{
            {"prompt", "Say " + std::to_string(i)},
            {"chosen", std::to_string(i)},
            {"rejected", Json::array({{{"role", "assistant"}, {"content", "no"}}})}}});
    api::RegisterDatasetRequest dataset;
    dataset.dataset_id = "pairs";
    dataset.purpose = api::DatasetPurpose::PostTrainingMessages;
    dataset.source = api::RowsDataSource{pairs};
    QVERIFY_RESULT(await(api().registerDataset(dataset)));
    api::PreferenceOptimizeRequest dpo;
    dpo.job_uuid = "dpo";
    dpo.finetuned_model = kModel;
    dpo.algorithm_config.beta = 0.1;
    dpo.training_config = test::sftRequest("x", kModel, "pairs", 1, 2).training_config;
    dpo.training_config.data_config->data_format = api::DatasetFormat::Dialog;
    QVERIFY_RESULT(await(api().preferenceOptimize(dpo)));
    info = test::waitForEnd(api(), "dpo");
    QVERIFY2(info.status == api::JobStatus::Completed, info.error.value_or("(no error)").c_str());
    QCOMPARE(info.kind, std::string("preference-optimize"));
    QCOMPARE(info.method, std::string("dpo"));
    QCOMPARE(info.checkpoints.size(), size_t(1));
    QCOMPARE(info.checkpoints[0].identifier, std::string("tiny-dpo-0"));
    QCOMPARE(info.checkpoint_models[0], std::string("dpo/tiny-dpo-0"));
}

void TestTrainingJobs::badRowsFailTheJob()
{
    // Rows the instruct format cannot read: the job fails when it starts, naming the row.
    api::RegisterDatasetRequest dataset;
    dataset.dataset_id = "unreadable";
    dataset.purpose = api::DatasetPurpose::PostTrainingMessages;
    dataset.source = api::RowsDataSource{{api::JsonObject{Json{{"colour", "blue"}}}}};
    QVERIFY_RESULT(await(api().registerDataset(dataset)));
    QVERIFY_RESULT(await(api().supervisedFineTune(test::sftRequest("bad-rows", kModel, "unreadable", 1, 1))));
    const auto info = test::waitForEnd(api(), "bad-rows");
    QCOMPARE(info.status, api::JobStatus::Failed);
    QVERIFY(info.error && info.error->find("unreadable") != std::string::npos);
    QVERIFY(info.completed_at && *info.started_at < *info.completed_at);
    QVERIFY(info.checkpoints.empty());
    QVERIFY(!info.resumable);
    QVERIFY_ERROR(await(api().resumeTrainingJob("bad-rows")), 400, "no checkpoint");
}

QTEST_GUILESS_MAIN(TestTrainingJobs)
#include "tst_training_jobs.moc"
