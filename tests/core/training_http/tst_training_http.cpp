// Post-training over HTTP: RemoteClient → ApiServer → Engine training the tiny random Llama, and
// raw HTTP for the wire shapes:
//  - a LoRA fine-tune through the client reaches completed; status, artifacts, jobs, info and
//    metrics answer what the engine answers in process;
//  - errors: duplicate 409, unknown job 404 (status, artifacts, cancel, info, metrics, resume),
//    a request without data_config 400, a missing job_uuid query parameter 400, a body that is
//    not a request 400;
//  - cancel and resume over the wire;
//  - against a server with only the spec's routes (a loopback server that forwards them to the
//    same engine, as an upstream Llama Stack would offer them), the client's fallbacks: info from
//    status, the info list from /jobs + status, metrics from the checkpoints' training_metrics,
//    and a 501 for resume;
//  - serve's --training-jobs option.

#include "result_macros.h"
#include "../models_http/raw_http.h"
#include "../training_jobs/training_fixture.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "local_http_server.h"
#include "remote/remote_client.h"
#include "server/serve_options.h"
#include "tiny_model.h"

#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;
using api::await;
using api::Json;

namespace {

constexpr const char *kModel = "org/tiny";   //!< a '/' in the model id, as hub ids have
constexpr const char *kData = "sft/qa";
constexpr const char *kValidation = "sft/qa-validation";

QHttpServerResponse jsonResponse(const Json &j, QHttpServerResponse::StatusCode code = QHttpServerResponse::StatusCode::Ok)
{
    return QHttpServerResponse("application/json", QByteArray::fromStdString(j.dump()), code);
}

//! The spec's Error body, or upstream's {"detail"} form, for an api::Error.
QHttpServerResponse errorResponse(const api::Error &e)
{
    return jsonResponse(Json{{"detail", e.detail}}, QHttpServerResponse::StatusCode(e.status));
}

} // namespace

class TestTrainingHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<test::ApiServerThread> m_server;
    std::unique_ptr<remote::RemoteClient> m_client;
    std::unique_ptr<test::RawHttp> m_raw;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fineTuneThroughClient();
    void errors();
    void cancelAndResumeOverTheWire();
    void fallbacksWithoutExtensions();
    void trainingJobsOption();
};

void TestTrainingHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QLoggingCategory::setFilterRules(QStringLiteral("wb.server.info=false")); // one line per request
    qputenv("HF_HOME", path(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");
    // In a Hugging Face cache, so the model id is the hub's "org/tiny".
    const QString repo = path(QStringLiteral("hf/hub/models--org--tiny"));
    QVERIFY(QDir().mkpath(repo + QStringLiteral("/refs")));
    QFile ref(repo + QStringLiteral("/refs/main"));
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write("0123abcd");
    ref.close();
    QVERIFY_RESULT(test::writeTinyModel(repo + QStringLiteral("/snapshots/0123abcd"), 7, true));

    engine::EngineConfig config;
    config.dataDir = path(QStringLiteral("data"));
    config.threads = 2;
    m_engine = std::make_unique<engine::Engine>(config);
    QVERIFY_RESULT(m_engine->open());
    QVERIFY_RESULT(test::registerRows(*m_engine, kData, 4));
    QVERIFY_RESULT(test::registerRows(*m_engine, kValidation, 2));

    server::ServerOptions options;
    options.port = 0;
    std::shared_ptr<api::StackApi> api = m_engine->forPrincipal("");
    m_server = std::make_unique<test::ApiServerThread>([api](const std::string &) { return api; }, options);
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    remote::RemoteOptions remote;
    remote.baseUrl = m_server->baseUrl();
    remote.timeoutMs = 20000;
    m_client = std::make_unique<remote::RemoteClient>(remote);
    m_raw = std::make_unique<test::RawHttp>(quint16(m_server->baseUrl().port()));
}

void TestTrainingHttp::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    m_engine.reset();
}

void TestTrainingHttp::fineTuneThroughClient()
{
    auto request = test::sftRequest("http-job", kModel, kData, 2, 2, std::string(kValidation));
    auto started = await(m_client->supervisedFineTune(request));
    QVERIFY_RESULT(started);
    QCOMPARE(started->job_uuid, std::string("http-job"));
    const auto info = test::waitForEnd(*m_client, "http-job");
    QVERIFY2(info.status == api::JobStatus::Completed, info.error.value_or("(no error)").c_str());
    QCOMPARE(info.checkpoints.size(), size_t(2));
    // '/' in the model id becomes '_' in the checkpoint names.
    QCOMPARE(info.checkpoints[0].identifier, std::string("org_tiny-sft-0"));
    QCOMPARE(info.checkpoint_models[0], std::string("http-job/org_tiny-sft-0"));

    // The same answers as in process.
    QCOMPARE(info, await(m_engine->trainingJobInfo("http-job")).value());
    QCOMPARE(await(m_client->trainingJobStatus("http-job")).value(),
             await(m_engine->trainingJobStatus("http-job")).value());
    QCOMPARE(await(m_client->trainingJobArtifacts("http-job")).value(),
             await(m_engine->trainingJobArtifacts("http-job")).value());
    QCOMPARE(await(m_client->listTrainingJobs()).value(), await(m_engine->listTrainingJobs()).value());
    QCOMPARE(await(m_client->listTrainingJobInfo()).value(), await(m_engine->listTrainingJobInfo()).value());
    auto metrics = await(m_client->trainingJobMetrics("http-job", 1, 2));
    QVERIFY_RESULT(metrics);
    QCOMPARE(metrics.value(), await(m_engine->trainingJobMetrics("http-job", 1, 2)).value());
    QCOMPARE(metrics->total, int64_t(4));
    QCOMPARE(metrics->data.size(), size_t(2));

    // The wire shapes: the spec's status fields; artifacts without resources_allocated.
    const auto raw = m_raw->get("/v1alpha/post-training/job/status?job_uuid=http-job");
    QCOMPARE(raw.status, 200);
    const Json status = Json::parse(raw.body.toStdString());
    QCOMPARE(status["status"].get<std::string>(), std::string("completed"));
    for (const char *key : {"job_uuid", "scheduled_at", "started_at", "completed_at", "resources_allocated", "checkpoints"})
        QVERIFY2(status.contains(key), key);
    const Json checkpoint = status["checkpoints"][0];
    for (const char *key : {"identifier", "created_at", "epoch", "post_training_job_id", "path", "training_metrics"})
        QVERIFY2(checkpoint.contains(key), key);
    const auto artifacts = m_raw->get("/v1alpha/post-training/job/artifacts?job_uuid=http-job");
    QCOMPARE(artifacts.status, 200);
    const Json a = Json::parse(artifacts.body.toStdString());
    QVERIFY(!a.contains("resources_allocated"));
    QCOMPARE(a["checkpoints"].size(), size_t(2));
}

void TestTrainingHttp::errors()
{
    auto request = test::sftRequest("http-job", kModel, kData, 1, 1);
    QVERIFY_ERROR(await(m_client->supervisedFineTune(request)), 409, "already exists");
    QVERIFY_ERROR(await(m_client->trainingJobStatus("none")), 404, "Job none not found");
    QVERIFY_ERROR(await(m_client->trainingJobArtifacts("none")), 404, "none");
    QVERIFY_ERROR(await(m_client->cancelTrainingJob("none")), 404, "none");
    QVERIFY_ERROR(await(m_client->trainingJobInfo("none")), 404, "none");
    QVERIFY_ERROR(await(m_client->trainingJobMetrics("none", 0, 5)), 404, "none");
    QVERIFY_ERROR(await(m_client->resumeTrainingJob("none")), 404, "none");
    auto noData = test::sftRequest("no-data", kModel, kData, 1, 1);
    noData.training_config.data_config.reset();
    QVERIFY_ERROR(await(m_client->supervisedFineTune(noData)), 400, "data_config");
    // Empty ids never leave the client.
    QVERIFY_ERROR(await(m_client->trainingJobStatus("")), 400, "job_uuid");

    for (const char *route : {"status", "artifacts", "info", "metrics"}) {
        const auto missing = m_raw->get(QByteArray("/v1alpha/post-training/job/") + route);
        QCOMPARE(missing.status, 400);
        QVERIFY2(missing.body.contains("job_uuid"), missing.body.constData());
    }
    QCOMPARE(m_raw->post("/v1alpha/post-training/job/cancel", "{}").status, 400);
    QCOMPARE(m_raw->post("/v1alpha/post-training/job/resume", "{\"job_uuid\": \"\"}").status, 400);
    QCOMPARE(m_raw->post("/v1alpha/post-training/supervised-fine-tune", "{\"job_uuid\": 5}").status, 400);
    QCOMPARE(m_raw->get("/v1alpha/post-training/job/metrics?job_uuid=http-job&limit=x").status, 400);
    QCOMPARE(m_raw->get("/v1alpha/post-training/supervised-fine-tune").status, 405);

    // checkpoint_dir is a folder the server would write into: outside --allow-files (here none)
    // it is a 403, and no job is created.
    auto elsewhere = test::sftRequest("elsewhere", kModel, kData, 1, 1);
    elsewhere.checkpoint_dir = "/tmp/not-allowed";
    QVERIFY_ERROR(await(m_client->supervisedFineTune(elsewhere)), 403, "checkpoint_dir");
    QVERIFY_ERROR(await(m_client->trainingJobStatus("elsewhere")), 404, "elsewhere");
}

void TestTrainingHttp::cancelAndResumeOverTheWire()
{
    auto request = test::sftRequest("wire-cancel", kModel, kData, 60, 1);
    QVERIFY_RESULT(await(m_client->supervisedFineTune(request)));
    test::waitForJob(*m_client, "wire-cancel", [](const api::TrainingJobInfo &i) {
        return !i.checkpoints.empty() || test::ended(i);
    });
    // The spec's cancel: 200 with the body null.
    const auto cancelled = m_raw->post("/v1alpha/post-training/job/cancel", "{\"job_uuid\": \"wire-cancel\"}");
    QCOMPARE(cancelled.status, 200);
    auto info = test::waitForEnd(*m_client, "wire-cancel");
    if (info.status == api::JobStatus::Completed)
        QSKIP("the job finished before it could be cancelled (a very fast machine)");
    QCOMPARE(info.status, api::JobStatus::Cancelled);
    QVERIFY(info.resumable);

    auto resumed = await(m_client->resumeTrainingJob("wire-cancel"));
    QVERIFY_RESULT(resumed);
    QCOMPARE(resumed->job_uuid, std::string("wire-cancel"));
    info = test::waitForJob(*m_client, "wire-cancel", [](const api::TrainingJobInfo &i) {
        return i.status != api::JobStatus::Scheduled;
    });
    QVERIFY_RESULT(await(m_client->cancelTrainingJob("wire-cancel")));
    info = test::waitForEnd(*m_client, "wire-cancel");
    QVERIFY(info.status == api::JobStatus::Cancelled || info.status == api::JobStatus::Completed);
    auto metrics = await(m_client->trainingJobMetrics("wire-cancel", std::nullopt, std::nullopt));
    QVERIFY_RESULT(metrics);
    for (size_t i = 0; i < metrics->data.size(); ++i)
        QCOMPARE(metrics->data[i].step, int64_t(i) + 1);
}

void TestTrainingHttp::fallbacksWithoutExtensions()
{
    // The spec's routes only, answered by the same engine; every other path 404 {"detail":"Not Found"}.
    engine::Engine *engine = m_engine.get();
    test::LocalHttpServer upstream;
    const auto jobOf = [](const QHttpServerRequest &r) {
        return QUrlQuery(r.url()).queryItemValue(QStringLiteral("job_uuid"), QUrl::FullyDecoded).toStdString();
    };
    upstream.route(QStringLiteral("/v1alpha/post-training/jobs"), [engine](const QHttpServerRequest &) {
        auto list = await(engine->listTrainingJobs());
        return list ? jsonResponse(api::toJson(list.value())) : errorResponse(list.error());
    });
    upstream.route(QStringLiteral("/v1alpha/post-training/job/status"), [engine, jobOf](const QHttpServerRequest &r) {
        auto status = await(engine->trainingJobStatus(jobOf(r)));
        return status ? jsonResponse(api::toJson(status.value())) : errorResponse(status.error());
    });
    for (const char *missing : {"/v1alpha/post-training/jobs/info", "/v1alpha/post-training/job/info",
                                "/v1alpha/post-training/job/metrics", "/v1alpha/post-training/job/resume"})
        upstream.route(QString::fromLatin1(missing), [](const QHttpServerRequest &) {
            return jsonResponse(Json{{"detail", "Not Found"}}, QHttpServerResponse::StatusCode::NotFound);
        });
    QVERIFY(upstream.start());
    remote::RemoteOptions options;
    options.baseUrl = QUrl(upstream.baseUrl());
    options.maxRetries = 0;
    remote::RemoteClient client(options);

    const api::TrainingJobInfo full = await(m_engine->trainingJobInfo("http-job")).value();
    auto info = await(client.trainingJobInfo("http-job"));
    QVERIFY_RESULT(info);
    QCOMPARE(info->status, api::JobStatus::Completed);
    QCOMPARE(info->checkpoints, full.checkpoints);
    QCOMPARE(info->scheduled_at, full.scheduled_at);
    QCOMPARE(info->completed_at, full.completed_at);
    QVERIFY(info->kind.empty()); // what status does not say stays unknown

    auto list = await(client.listTrainingJobInfo());
    QVERIFY_RESULT(list);
    const auto jobs = await(m_engine->listTrainingJobs()).value();
    QCOMPARE(list->data.size(), jobs.data.size());
    QCOMPARE(list->data.back().job_uuid, jobs.data.front().job_uuid); // newest first

    // One point per checkpoint with training_metrics (the job had a validation dataset).
    auto metrics = await(client.trainingJobMetrics("http-job", std::nullopt, std::nullopt));
    QVERIFY_RESULT(metrics);
    QCOMPARE(metrics->total, int64_t(2));
    QCOMPARE(metrics->data[0].step, int64_t(1));
    QCOMPARE(metrics->data[1].epoch, int64_t(1));
    QCOMPARE(metrics->data[1].loss, full.checkpoints[1].training_metrics->train_loss);
    QCOMPARE(metrics->data[1].validation_loss, std::optional<double>(full.checkpoints[1].training_metrics->validation_loss));
    auto page = await(client.trainingJobMetrics("http-job", 1, 5));
    QCOMPARE(page->data.size(), size_t(1));
    QVERIFY(!page->has_more);

    QVERIFY_ERROR(await(client.resumeTrainingJob("http-job")), 501, "does not offer resuming");
    // An unknown job through a fallback is still the job's 404.
    QVERIFY_ERROR(await(client.trainingJobInfo("ghost")), 404, "ghost");
}

void TestTrainingHttp::trainingJobsOption()
{
    QCOMPARE(server::parseServeArguments({QStringLiteral("x")})->trainingJobs, 1);
    QCOMPARE(server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--training-jobs"), QStringLiteral("3")})
                 ->trainingJobs,
             3);
    QVERIFY_ERROR(server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--training-jobs"), QStringLiteral("0")}),
                  400, "--training-jobs");
}

QTEST_GUILESS_MAIN(TestTrainingHttp)
#include "tst_training_http.moc"
