// The bundled fine-tuning example end to end, as a new user meets it: a fresh data folder seeded
// with the samples and the starter model, the bundled preset (:/starter/finetune-capitals.json)
// run as a post-training job through the PostTrainingApi, and the sample benchmark
// sample/capitals-qa evaluated through run_eval jobs on the starter model and on the job's last
// checkpoint (registered as a model by the job). The checkpoint must score clearly better
// (docs/starter-model.md has the figures).

#include "api/async.h"
#include "api/json_io.h"
#include "engine/engine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace wb;

namespace {

#define VERIFY_OK(r)                                                                               \
    do {                                                                                           \
        QVERIFY2((r).ok(), (r).ok() ? "" : (r).error().toString().c_str());                      \
    } while (false)

bool ended(api::JobStatus s)
{
    return s == api::JobStatus::Completed || s == api::JobStatus::Failed || s == api::JobStatus::Cancelled;
}

} // namespace

class TestStarterFinetune : public QObject
{
    Q_OBJECT

    //! Greedy run_eval of sample/capitals-qa on `model`: the fraction of rows basic::subset_of
    //! scores 1, or a negative value after a failed QVERIFY.
    double benchmarkScore(api::StackApi &api, const std::string &model)
    {
        api::RunEvalRequest request;
        request.benchmark_config.eval_candidate.model = model;
        request.benchmark_config.eval_candidate.sampling_params.strategy = api::GreedySamplingStrategy{};
        request.benchmark_config.eval_candidate.sampling_params.max_tokens = 24;
        auto job = api::await(api.runEval("sample/capitals-qa", request));
        if (!job)
            return qWarning("%s", job.error().toString().c_str()), -1.0;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            auto status = api::await(api.jobStatus("sample/capitals-qa", job->job_id));
            if (!status || ended(status->status) || timer.elapsed() > 240000)
                break;
            QThread::msleep(200);
        }
        auto result = api::await(api.jobResult("sample/capitals-qa", job->job_id));
        if (!result)
            return qWarning("%s", result.error().toString().c_str()), -1.0;
        const auto it = std::find_if(result->scores.begin(), result->scores.end(),
                                     [](const auto &entry) { return entry.first == "basic::subset_of"; });
        if (it == result->scores.end() || it->second.score_rows.empty())
            return -1.0;
        int correct = 0;
        for (const api::JsonObject &row : it->second.score_rows)
            correct += row.value.value("score", 0.0) == 1.0 ? 1 : 0;
        return double(correct) / double(it->second.score_rows.size());
    }

private Q_SLOTS:
    void bundledExampleImprovesTheSampleBenchmark()
    {
        QTemporaryDir dir;
        engine::EngineConfig config;
        config.dataDir = dir.filePath(QStringLiteral("data"));
        config.seedSamples = true;
        engine::Engine engine(config);
        VERIFY_OK(engine.open());

        auto model = api::await(engine.getModel("starter"));
        VERIFY_OK(model); // seeded into <data folder>/models/starter

        QFile presetFile(QStringLiteral(":/starter/finetune-capitals.json"));
        QVERIFY(presetFile.open(QIODevice::ReadOnly));
        api::Json preset = api::Json::parse(presetFile.readAll().toStdString());
        preset["job_uuid"] = "bundled-example";
        api::SupervisedFineTuneRequest request;
        api::fromJson(preset, request, "preset");
        QCOMPARE(request.model.value_or(""), std::string("starter"));

        auto job = api::await(engine.supervisedFineTune(request));
        VERIFY_OK(job);
        QElapsedTimer timer;
        timer.start();
        api::Result<api::TrainingJobInfo> info = api::Error::internal("not polled");
        do {
            QThread::msleep(200);
            info = api::await(engine.trainingJobInfo("bundled-example"));
            VERIFY_OK(info);
        } while (!ended(info->status) && timer.elapsed() < 240000);
        QVERIFY2(info->status == api::JobStatus::Completed, info->error.value_or("not completed").c_str());
        QVERIFY(!info->checkpoint_models.empty());
        qInfo("fine-tuning: %lld steps in %.1f s", (long long)info->step, timer.elapsed() / 1000.0);

        const double before = benchmarkScore(engine, "starter");
        const double after = benchmarkScore(engine, info->checkpoint_models.back());
        qInfo("sample/capitals-qa (basic::subset_of): starter %.3f, after the bundled example %.3f", before, after);
        QVERIFY(before >= 0.0);
        QVERIFY(after >= 0.0);
        // Measured 0.0 → 1.0 (docs/starter-model.md); the margin leaves room for the thread
        // count's rounding differences, not for a fine-tuning that does nothing.
        QVERIFY2(after >= before + 0.5, "the bundled fine-tuning example did not improve the benchmark");
    }
};

QTEST_GUILESS_MAIN(TestStarterFinetune)
#include "tst_starter_finetune.moc"
