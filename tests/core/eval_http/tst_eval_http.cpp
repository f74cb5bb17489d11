// Scoring, benchmarks and eval over HTTP, end to end: RemoteClient (and a raw socket, for the wire
// details) → ApiServer → the engine with a tiny random Llama found in a Hugging Face cache folder
// ("org/tiny"). Ids with '/' everywhere ("qa/upstream", "org/bench", "my/judge").
//
// Generation is greedy, so evaluate_rows gives the same answer in process and over HTTP.

#include "result_macros.h"
#include "api/async.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "forwarding_api.h"
#include "local_http_server.h"
#include "remote/remote_client.h"
#include "tiny_model.h"

#include "../models_http/raw_http.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>

using namespace wb;
using api::await;
using api::Json;

namespace {

const char *kModel = "org/tiny";
const char *kDataset = "qa/upstream";   //!< upstream's test_dataset.csv, 5 rows
const char *kLongDataset = "qa/long";   //!< 400 rows, for cancelling a job
const char *kBenchmark = "org/bench";   //!< over kDataset, basic::equality and basic::subset_of
//! evaluate_rows calls that take minutes on the tiny model (batched generation is fast).
constexpr int kLongRows = 2000;
constexpr int kLongTokens = 200;

//! Upstream's tests/integration/datasets/test_dataset.csv.
QByteArray upstreamCsv()
{
    const char *rows[][3] = {
        {"What is the capital of France?", "London", "Paris"},
        {"Who is the CEO of Meta?", "Mark Zuckerberg", "Mark Zuckerberg"},
        {"What is the largest planet in our solar system?", "Jupiter", "Jupiter"},
        {"What is the smallest country in the world?", "China", "Vatican City"},
        {"What is the currency of Japan?", "Yen", "Yen"},
    };
    QByteArray csv = "input_query,generated_answer,expected_answer,chat_completion_input\n";
    for (const auto &r : rows) {
        csv += QByteArray(r[0]) + ',' + r[1] + ',' + r[2] + ",\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\""
               + r[0] + "\"\"}]\"\n";
    }
    return csv;
}

//! The CSV rows as pandas would read them (every value a string).
std::vector<api::JsonObject> upstreamRows()
{
    std::vector<api::JsonObject> out;
    const QList<QByteArray> lines = upstreamCsv().split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QList<QByteArray> cells = lines[i].split(',');
        const std::string question = cells[0].toStdString();
        api::JsonObject row;
        row.value = {{"input_query", question},
                     {"generated_answer", cells[1].toStdString()},
                     {"expected_answer", cells[2].toStdString()},
                     {"chat_completion_input",
                      "[{\"role\": \"user\", \"content\": \"" + question + "\"}]"}};
        out.push_back(std::move(row));
    }
    return out;
}

api::BenchmarkConfig candidate(int maxTokens = 6)
{
    api::BenchmarkConfig config;
    config.eval_candidate.model = kModel;
    config.eval_candidate.sampling_params.max_tokens = maxTokens;
    return config;
}

QByteArray body(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

Json parsed(const test::RawResponse &r)
{
    return Json::parse(r.body.toStdString(), nullptr, false);
}

std::string detailOf(const test::RawResponse &r)
{
    const Json j = parsed(r);
    return j.is_object() && j.contains("detail") && j["detail"].is_string() ? j["detail"].get<std::string>()
                                                                              : r.body.toStdString();
}

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.rfind(prefix, 0) == 0;
}

//! The engine, recording the CancelToken of each evaluate_rows and score call, so a test can
//! see that the server cancels what a client walked away from.
class TokenWatch final : public ForwardingApi
{
public:
    using ForwardingApi::ForwardingApi;

    QFuture<api::Result<api::EvaluateResponse>> evaluateRows(std::string benchmarkId,
                                                             api::EvaluateRowsRequest request,
                                                             api::CancelToken cancel) override
    {
        remember(cancel);
        return ForwardingApi::evaluateRows(std::move(benchmarkId), std::move(request), cancel);
    }
    QFuture<api::Result<api::ScoreResponse>> score(api::ScoreRequest request, api::CancelToken cancel) override
    {
        remember(cancel);
        return ForwardingApi::score(std::move(request), cancel);
    }

    size_t calls() const
    {
        std::lock_guard lock(m_mutex);
        return m_tokens.size();
    }
    api::CancelToken last() const
    {
        std::lock_guard lock(m_mutex);
        return m_tokens.back();
    }

private:
    void remember(const api::CancelToken &token)
    {
        std::lock_guard lock(m_mutex);
        m_tokens.push_back(token);
    }
    mutable std::mutex m_mutex;
    std::vector<api::CancelToken> m_tokens;
};

//! Sends a request and hangs up after `ms` without reading the answer.
void postAndHangUp(quint16 port, const QByteArray &path, const QByteArray &json, int ms)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return;
    socket.write("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 + "Content-Length: " + QByteArray::number(json.size()) + "\r\n\r\n" + json);
    socket.waitForBytesWritten(5000);
    QThread::msleep(ms);
    socket.abort();
}

} // namespace

class TstEvalHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::shared_ptr<TokenWatch> m_api;
    std::unique_ptr<test::ApiServerThread> m_server;
    std::unique_ptr<remote::RemoteClient> m_client;
    std::unique_ptr<test::RawHttp> m_raw;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    quint16 port() const { return quint16(m_server->baseUrl().port()); }
    //! Polls the job until it has ended (completed, failed, cancelled) or 60 s pass.
    api::Result<api::Job> waitForEnd(const std::string &benchmark, const std::string &job);

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scoringFunctions();
    void scoringFunctionErrors();
    void scoreUpstreamRows();
    void scoreAggregations();
    void scoreErrors();
    void benchmarks();
    void benchmarkErrors();
    void evaluateRowsSameAsInProcess();
    void evaluateRowsRaw();
    void runEvalJob();
    void cancelJob();
    void disconnectCancelsEvaluateRows();
    void remoteCancelAbortsEvaluateRows();
    void extensionsMissingUpstream();
};

void TstEvalHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("HF_HOME", path(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");
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
    m_api = std::make_shared<TokenWatch>(m_engine->forPrincipal(""));

    server::ServerOptions options;
    options.port = 0;
    auto api = m_api;
    m_server = std::make_unique<test::ApiServerThread>(
        [api](const std::string &) { return std::static_pointer_cast<api::StackApi>(api); }, options);
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    remote::RemoteOptions remote;
    remote.baseUrl = m_server->baseUrl();
    remote.timeoutMs = 20000;
    m_client = std::make_unique<remote::RemoteClient>(remote);
    m_raw = std::make_unique<test::RawHttp>(port());

    // The datasets, as upstream's tests register them: a CSV data: URL.
    api::RegisterDatasetRequest upstream;
    upstream.purpose = api::DatasetPurpose::EvalMessagesAnswer;
    upstream.source = api::UriDataSource{"data:text/csv;base64," + upstreamCsv().toBase64().toStdString()};
    upstream.dataset_id = kDataset;
    QVERIFY_RESULT(await(m_client->registerDataset(upstream)));

    api::RegisterDatasetRequest longer;
    longer.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    api::RowsDataSource rows;
    for (int i = 0; i < 400; ++i) {
        api::JsonObject row;
        const std::string q = "Question number " + std::to_string(i) + "?";
        row.value = {{"input_query", q}, {"expected_answer", "yes"},
                     {"chat_completion_input", "[{\"role\": \"user\", \"content\": \"" + q + "\"}]"}};
        rows.rows.push_back(std::move(row));
    }
    longer.source = rows;
    longer.dataset_id = kLongDataset;
    QVERIFY_RESULT(await(m_client->registerDataset(longer)));
}

void TstEvalHttp::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    m_api.reset();
    m_engine.reset();
}

api::Result<api::Job> TstEvalHttp::waitForEnd(const std::string &benchmark, const std::string &job)
{
    QDeadlineTimer deadline(60000);
    while (true) {
        auto status = await(m_client->jobStatus(benchmark, job));
        if (!status || deadline.hasExpired())
            return status;
        if (status->status != api::JobStatus::Scheduled && status->status != api::JobStatus::InProgress)
            return status;
        QThread::msleep(50);
    }
}

void TstEvalHttp::scoringFunctions()
{
    // The built-ins are listed, through the client and on the wire.
    const auto list = await(m_client->listScoringFunctions());
    QVERIFY_RESULT(list);
    for (const char *id : {"basic::equality", "basic::subset_of", "basic::regex_parser_multiple_choice_answer",
                           "basic::regex_parser_math_response", "basic::ifeval", "basic::docvqa",
                           "llm-as-judge::base", "llm-as-judge::405b-simpleqa"}) {
        QVERIFY2(std::any_of(list->data.begin(), list->data.end(),
                             [&](const api::ScoringFn &f) { return f.identifier == id; }),
                 id);
    }
    const auto rawList = m_raw->get("/v1/scoring-functions");
    QCOMPARE(rawList.status, 200);
    QCOMPARE(rawList.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(parsed(rawList)["data"].is_array());

    const auto equality = await(m_client->getScoringFunction("basic::equality"));
    QVERIFY_RESULT(equality);
    QCOMPARE(equality->identifier, std::string("basic::equality"));

    // Register a judge (upstream's test_scoring_functions_register), id with a '/'.
    const Json judge = {{"scoring_fn_id", "my/judge"},
                        {"description", "rates answers"},
                        {"return_type", {{"type", "string"}}},
                        {"provider_id", "llm-as-judge"},
                        {"params", {{"type", "llm_as_judge"},
                                    {"judge_model", kModel},
                                    {"prompt_template", "Rate {generated_answer}: Score: "},
                                    {"judge_score_regexes", {"Score: (\\d+)"}}}}};
    const auto registered = m_raw->post("/v1/scoring-functions", body(judge));
    QCOMPARE(registered.status, 200);
    QCOMPARE(registered.body, QByteArray("null"));
    QCOMPARE(registered.header("Content-Type"), QByteArray("application/json"));
    // The same again: a no-op; different content under the id: 409.
    QCOMPARE(m_raw->post("/v1/scoring-functions", body(judge)).status, 200);
    Json other = judge;
    other["description"] = "something else";
    const auto conflict = m_raw->post("/v1/scoring-functions", body(other));
    QCOMPARE(conflict.status, 409);
    QVERIFY2(detailOf(conflict).find("my/judge") != std::string::npos, conflict.body.constData());

    // Readable with the '/' plain and percent-encoded.
    const auto plain = m_raw->get("/v1/scoring-functions/my/judge");
    QCOMPARE(plain.status, 200);
    QCOMPARE(parsed(plain)["identifier"].get<std::string>(), std::string("my/judge"));
    QCOMPARE(m_raw->get("/v1/scoring-functions/my%2Fjudge").status, 200);
    const auto fn = await(m_client->getScoringFunction("my/judge"));
    QVERIFY_RESULT(fn);
    QVERIFY(fn->params);
    QVERIFY(std::holds_alternative<api::LlmAsJudgeScoringFnParams>(*fn->params));

    // Unregister: 204 without a body; then 404, and gone from the list.
    const auto removed = m_raw->send("DELETE", "/v1/scoring-functions/my/judge", {}, false);
    QCOMPARE(removed.status, 204);
    QVERIFY(removed.body.isEmpty());
    QCOMPARE(m_raw->send("DELETE", "/v1/scoring-functions/my/judge", {}, false).status, 404);
    QCOMPARE(await(m_client->getScoringFunction("my/judge")).error().status, 404);

    // The same through the client.
    api::RegisterScoringFunctionRequest request;
    request.scoring_fn_id = "client-judge";
    request.description = "judge";
    request.return_type.type = api::ParamTypeKind::String;
    api::LlmAsJudgeScoringFnParams params;
    params.judge_model = kModel;
    params.prompt_template = "Score: ";
    request.params = params;
    QVERIFY_RESULT(await(m_client->registerScoringFunction(request)));
    QVERIFY_RESULT(await(m_client->getScoringFunction("client-judge")));
    QVERIFY_RESULT(await(m_client->unregisterScoringFunction("client-judge")));
    QCOMPARE(await(m_client->unregisterScoringFunction("client-judge")).error().status, 404);
    const auto after = await(m_client->listScoringFunctions());
    QVERIFY_RESULT(after);
    QVERIFY(std::none_of(after->data.begin(), after->data.end(),
                         [](const api::ScoringFn &f) { return f.identifier == "client-judge"; }));
}

void TstEvalHttp::scoringFunctionErrors()
{
    const auto unknown = m_raw->get("/v1/scoring-functions/basic::nope");
    QCOMPARE(unknown.status, 404);
    QVERIFY2(detailOf(unknown).find("basic::nope") != std::string::npos, unknown.body.constData());
    QCOMPARE(await(m_client->getScoringFunction("basic::nope")).error().status, 404);

    // Bad bodies name the field.
    const auto noId = m_raw->post("/v1/scoring-functions",
                                  body({{"description", "x"}, {"return_type", {{"type", "string"}}}}));
    QCOMPARE(noId.status, 400);
    QVERIFY2(startsWith(detailOf(noId), "scoring_fn_id"), noId.body.constData());
    const auto badType = m_raw->post("/v1/scoring-functions",
                                     body({{"scoring_fn_id", "x"}, {"description", "x"},
                                           {"return_type", {{"type", "string"}}},
                                           {"params", {{"type", "llm_as_judge"}, {"judge_model", 3}}}}));
    QCOMPARE(badType.status, 400);
    QVERIFY2(startsWith(detailOf(badType), "params.judge_model"), badType.body.constData());
    QCOMPARE(m_raw->post("/v1/scoring-functions", "{not json").status, 400);
    // Only judges can be user-defined; built-ins cannot be removed.
    const auto basic = m_raw->post("/v1/scoring-functions",
                                   body({{"scoring_fn_id", "mine"}, {"description", "x"},
                                         {"return_type", {{"type", "number"}}},
                                         {"params", {{"type", "basic"}}}}));
    QCOMPARE(basic.status, 400);
    QCOMPARE(m_raw->send("DELETE", "/v1/scoring-functions/basic::equality", {}, false).status, 400);
    QVERIFY_RESULT(await(m_client->getScoringFunction("basic::equality")));
    // Wrong method.
    const auto wrong = m_raw->send("DELETE", "/v1/scoring-functions", {}, false);
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.header("Allow"), QByteArray("GET, POST"));
}

void TstEvalHttp::scoreUpstreamRows()
{
    // upstream's test_scoring_score[basic::equality]: the CSV rows, params null → accuracy 0.6.
    api::ScoreRequest request;
    request.input_rows = upstreamRows();
    request.scoring_functions.entries.emplace_back("basic::equality", std::nullopt);
    const auto remote = await(m_client->score(request, {}));
    QVERIFY_RESULT(remote);
    QCOMPARE(remote->results.entries.size(), size_t(1));
    const api::ScoringResult &result = remote->results.entries.at(0).second;
    QCOMPARE(result.score_rows.size(), size_t(5));
    const Json &accuracy = result.aggregated_results.value["accuracy"];
    QCOMPARE(accuracy["accuracy"].get<double>(), 0.6);
    QCOMPARE(accuracy["num_correct"].get<double>(), 3.0);
    QCOMPARE(accuracy["num_total"].get<int>(), 5);

    // The same answer in process, and on the wire with upstream's body (params null).
    const auto local = await(m_engine->score(request, {}));
    QVERIFY_RESULT(local);
    QVERIFY(local.value() == remote.value());
    Json rows = Json::array();
    for (const auto &r : upstreamRows())
        rows.push_back(r.value);
    const auto raw = m_raw->post("/v1/scoring/score",
                                 body({{"input_rows", rows}, {"scoring_functions", {{"basic::equality", nullptr}}}}));
    QCOMPARE(raw.status, 200);
    QCOMPARE(parsed(raw), api::toJson(remote.value()));
}

void TstEvalHttp::scoreAggregations()
{
    // upstream's test_scoring_score_with_aggregation_functions: one aggregated key per function.
    const std::vector<api::AggregationFunctionType> aggregations = {
        api::AggregationFunctionType::Accuracy, api::AggregationFunctionType::Median,
        api::AggregationFunctionType::CategoricalCount, api::AggregationFunctionType::Average};
    api::ScoreRequest request;
    request.input_rows = upstreamRows();
    api::BasicScoringFnParams basic;
    basic.aggregation_functions = aggregations;
    request.scoring_functions.entries.emplace_back("basic::equality", api::ScoringFnParams(basic));
    api::RegexParserScoringFnParams regex;
    regex.parsing_regexes = {"Score: (\\d+)"};
    regex.aggregation_functions = aggregations;
    request.scoring_functions.entries.emplace_back("basic::regex_parser_multiple_choice_answer",
                                           api::ScoringFnParams(regex));
    const auto r = await(m_client->score(request, {}));
    QVERIFY_RESULT(r);
    QCOMPARE(r->results.entries.size(), size_t(2));
    QCOMPARE(r->results.entries.at(0).first, std::string("basic::equality"));
    for (const auto &[fn, result] : r->results.entries) {
        QCOMPARE(result.score_rows.size(), size_t(5));
        QVERIFY2(result.aggregated_results.value.size() == aggregations.size(),
                 result.aggregated_results.value.dump().c_str());
    }
    const Json &eq = r->results.entries.at(0).second.aggregated_results.value;
    QCOMPARE(eq["average"]["average"].get<double>(), 0.6);
    QCOMPARE(eq["accuracy"]["num_correct"].get<double>(), 3.0);

    // The request's aggregations did not change the function's defaults.
    api::ScoreRequest plain;
    plain.input_rows = upstreamRows();
    plain.scoring_functions.entries.emplace_back("basic::equality", std::nullopt);
    const auto again = await(m_client->score(plain, {}));
    QVERIFY_RESULT(again);
    QCOMPARE(again->results.entries.at(0).second.aggregated_results.value.size(), size_t(1));
}

void TstEvalHttp::scoreErrors()
{
    api::ScoreRequest request;
    request.input_rows = upstreamRows();
    request.scoring_functions.entries.emplace_back("basic::nope", std::nullopt);
    const auto unknown = await(m_client->score(request, {}));
    QCOMPARE(unknown.error().status, 404);
    QVERIFY2(unknown.error().detail.find("basic::nope") != std::string::npos, unknown.error().detail.c_str());

    const auto noRows = m_raw->post("/v1/scoring/score", body({{"scoring_functions", {{"basic::equality", nullptr}}}}));
    QCOMPARE(noRows.status, 400);
    QVERIFY2(startsWith(detailOf(noRows), "input_rows"), noRows.body.constData());
    const auto badParams = m_raw->post(
        "/v1/scoring/score",
        body({{"input_rows", Json::array({{{"expected_answer", "a"}, {"generated_answer", "a"}}})},
              {"scoring_functions", {{"basic::equality", {{"type", "nonsense"}}}}}}));
    QCOMPARE(badParams.status, 400);
    QVERIFY2(startsWith(detailOf(badParams), "scoring_functions.basic::equality"), badParams.body.constData());
    const auto wrong = m_raw->get("/v1/scoring/score");
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.header("Allow"), QByteArray("POST"));

    // score-batch on an unknown dataset.
    api::ScoreBatchRequest batch;
    batch.dataset_id = "qa/none";
    batch.scoring_functions.entries.emplace_back("basic::equality", std::nullopt);
    QCOMPARE(await(m_client->scoreBatch(batch, {})).error().status, 404);
}

void TstEvalHttp::benchmarks()
{
    const Json registration = {{"benchmark_id", kBenchmark},
                               {"dataset_id", kDataset},
                               {"scoring_functions", {"basic::equality", "basic::subset_of"}}};
    const auto registered = m_raw->post("/v1alpha/eval/benchmarks", body(registration));
    QCOMPARE(registered.status, 200);
    QCOMPARE(registered.body, QByteArray("null"));
    QCOMPARE(m_raw->post("/v1alpha/eval/benchmarks", body(registration)).status, 200); // no-op

    const auto list = await(m_client->listBenchmarks());
    QVERIFY_RESULT(list);
    QVERIFY(std::any_of(list->data.begin(), list->data.end(),
                        [](const api::Benchmark &b) { return b.identifier == kBenchmark; }));
    const auto got = await(m_client->getBenchmark(kBenchmark));
    QVERIFY_RESULT(got);
    QCOMPARE(got->dataset_id, std::string(kDataset));
    QCOMPARE(got->scoring_functions, (std::vector<std::string>{"basic::equality", "basic::subset_of"}));
    const auto encoded = m_raw->get("/v1alpha/eval/benchmarks/org%2Fbench");
    QCOMPARE(encoded.status, 200);
    QCOMPARE(parsed(encoded)["identifier"].get<std::string>(), std::string(kBenchmark));
    QCOMPARE(parsed(encoded)["type"].get<std::string>(), std::string("benchmark"));

    // Register and unregister one through the client; ids ending like a sub-route still work.
    api::RegisterBenchmarkRequest request;
    request.benchmark_id = "tmp/jobs";
    request.dataset_id = kDataset;
    request.scoring_functions = {"basic::equality"};
    QVERIFY_RESULT(await(m_client->registerBenchmark(request)));
    QCOMPARE(await(m_client->getBenchmark("tmp/jobs"))->identifier, std::string("tmp/jobs"));
    const auto removed = m_raw->send("DELETE", "/v1alpha/eval/benchmarks/tmp/jobs", {}, false);
    QCOMPARE(removed.status, 204);
    QVERIFY(removed.body.isEmpty());
    QCOMPARE(await(m_client->getBenchmark("tmp/jobs")).error().status, 404);
    QCOMPARE(await(m_client->unregisterBenchmark("tmp/jobs")).error().status, 404);
}

void TstEvalHttp::benchmarkErrors()
{
    // 409: the id is taken by a different benchmark.
    Json other = {{"benchmark_id", kBenchmark}, {"dataset_id", kDataset}, {"scoring_functions", {"basic::equality"}}};
    const auto conflict = m_raw->post("/v1alpha/eval/benchmarks", body(other));
    QCOMPARE(conflict.status, 409);
    // Unknown dataset or function: 404 naming it.
    const auto noDataset = m_raw->post("/v1alpha/eval/benchmarks",
                                       body({{"benchmark_id", "b2"}, {"dataset_id", "qa/none"},
                                             {"scoring_functions", {"basic::equality"}}}));
    QCOMPARE(noDataset.status, 404);
    QVERIFY2(detailOf(noDataset).find("qa/none") != std::string::npos, noDataset.body.constData());
    const auto noFn = m_raw->post("/v1alpha/eval/benchmarks",
                                  body({{"benchmark_id", "b2"}, {"dataset_id", kDataset},
                                        {"scoring_functions", {"basic::nope"}}}));
    QCOMPARE(noFn.status, 404);
    QVERIFY2(detailOf(noFn).find("basic::nope") != std::string::npos, noFn.body.constData());
    // Bad bodies name the field.
    const auto noDatasetId = m_raw->post("/v1alpha/eval/benchmarks",
                                         body({{"benchmark_id", "b2"}, {"scoring_functions", {"basic::equality"}}}));
    QCOMPARE(noDatasetId.status, 400);
    QVERIFY2(startsWith(detailOf(noDatasetId), "dataset_id"), noDatasetId.body.constData());
    const auto badFns = m_raw->post("/v1alpha/eval/benchmarks",
                                    body({{"benchmark_id", "b2"}, {"dataset_id", kDataset},
                                          {"scoring_functions", "basic::equality"}}));
    QCOMPARE(badFns.status, 400);
    QVERIFY2(startsWith(detailOf(badFns), "scoring_functions"), badFns.body.constData());
    // Nothing was stored by the failures.
    QCOMPARE(await(m_client->getBenchmark("b2")).error().status, 404);
    QCOMPARE(await(m_client->getBenchmark(kBenchmark))->scoring_functions.size(), size_t(2));

    // Unknown benchmark everywhere: 404.
    QCOMPARE(m_raw->get("/v1alpha/eval/benchmarks/org/none").status, 404);
    QCOMPARE(m_raw->send("DELETE", "/v1alpha/eval/benchmarks/org/none", {}, false).status, 404);
    QCOMPARE(m_raw->post("/v1alpha/eval/benchmarks/org/none/jobs",
                         body({{"benchmark_config", api::toJson(candidate())}})).status, 404);
    QCOMPARE(m_raw->get("/v1alpha/eval/benchmarks/org/none/jobs/0").status, 404);
    QCOMPARE(m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs/no-such-job").status, 404);
    QCOMPARE(m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs/no-such-job/result").status, 404);

    // Methods per sub-route.
    const auto postBenchmark = m_raw->post("/v1alpha/eval/benchmarks/org/bench", "{}");
    QCOMPARE(postBenchmark.status, 405);
    QCOMPARE(postBenchmark.header("Allow"), QByteArray("GET, DELETE"));
    const auto postResult = m_raw->post("/v1alpha/eval/benchmarks/org/bench/jobs/1/result", "{}");
    QCOMPARE(postResult.status, 405);
    QCOMPARE(postResult.header("Allow"), QByteArray("GET"));
    const auto getRecord = m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs/1/record");
    QCOMPARE(getRecord.status, 405);
    QCOMPARE(getRecord.header("Allow"), QByteArray("DELETE"));
    QCOMPARE(m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs//result").status, 404);
}

void TstEvalHttp::evaluateRowsSameAsInProcess()
{
    api::EvaluateRowsRequest request;
    request.input_rows = upstreamRows();
    request.input_rows.resize(3);
    request.scoring_functions = {"basic::equality"};
    request.benchmark_config = candidate();
    const auto local = await(m_engine->evaluateRows(kBenchmark, request, {}));
    QVERIFY_RESULT(local);
    const auto remote = await(m_client->evaluateRows(kBenchmark, request, {}));
    QVERIFY_RESULT(remote);
    QCOMPARE(remote->generations.size(), size_t(3));
    QVERIFY(remote->scores.entries.size() == 1 && remote->scores.entries.at(0).first == "basic::equality");
    QCOMPARE(remote->scores.entries.at(0).second.score_rows.size(), size_t(3));
    for (const auto &g : remote->generations)
        QVERIFY2(g.value.contains("generated_answer") && g.value["generated_answer"].is_string(),
                 g.value.dump().c_str());
    QCOMPARE(api::toJson(remote.value()), api::toJson(local.value()));
}

void TstEvalHttp::evaluateRowsRaw()
{
    // Upstream's body: sampling_params without strategy and with an unknown key (temperature).
    Json rows = Json::array();
    for (const auto &r : upstreamRows())
        rows.push_back(r.value);
    rows.erase(rows.begin() + 3, rows.end());
    const Json request = {{"input_rows", rows},
                          {"scoring_functions", {"basic::equality"}},
                          {"benchmark_config",
                           {{"eval_candidate",
                             {{"type", "model"}, {"model", kModel},
                              {"sampling_params", {{"temperature", 0.0}, {"max_tokens", 6}}}}}}}};
    const auto ok = m_raw->post("/v1alpha/eval/benchmarks/org/bench/evaluations", body(request));
    QCOMPARE(ok.status, 200);
    const Json answer = parsed(ok);
    QCOMPARE(answer["generations"].size(), size_t(3));
    QVERIFY(answer["scores"].contains("basic::equality"));
    // Percent-encoded id: the same benchmark.
    QCOMPARE(m_raw->post("/v1alpha/eval/benchmarks/org%2Fbench/evaluations", body(request)).status, 200);

    Json noConfig = request;
    noConfig.erase("benchmark_config");
    const auto missing = m_raw->post("/v1alpha/eval/benchmarks/org/bench/evaluations", body(noConfig));
    QCOMPARE(missing.status, 400);
    QVERIFY2(startsWith(detailOf(missing), "benchmark_config"), missing.body.constData());
    Json noModel = request;
    noModel["benchmark_config"]["eval_candidate"].erase("model");
    const auto noModelAnswer = m_raw->post("/v1alpha/eval/benchmarks/org/bench/evaluations", body(noModel));
    QCOMPARE(noModelAnswer.status, 400);
    QVERIFY2(startsWith(detailOf(noModelAnswer), "benchmark_config.eval_candidate.model"),
             noModelAnswer.body.constData());
    Json unknownModel = request;
    unknownModel["benchmark_config"]["eval_candidate"]["model"] = "org/none";
    QCOMPARE(m_raw->post("/v1alpha/eval/benchmarks/org/bench/evaluations", body(unknownModel)).status, 404);
    QCOMPARE(m_raw->post("/v1alpha/eval/benchmarks/org/none/evaluations", body(request)).status, 404);
}

void TstEvalHttp::runEvalJob()
{
    api::RunEvalRequest request;
    request.benchmark_config = candidate();
    const auto job = await(m_client->runEval(kBenchmark, request));
    QVERIFY_RESULT(job);
    QVERIFY(!job->job_id.empty());
    QVERIFY(job->status == api::JobStatus::Scheduled || job->status == api::JobStatus::InProgress
            || job->status == api::JobStatus::Completed);

    const auto ended = waitForEnd(kBenchmark, job->job_id);
    QVERIFY_RESULT(ended);
    QCOMPARE(api::toJson(ended->status), Json("completed"));
    const auto raw = m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs/" + QByteArray::fromStdString(job->job_id));
    QCOMPARE(raw.status, 200);
    QCOMPARE(parsed(raw), (Json{{"job_id", job->job_id}, {"status", "completed"}}));

    // upstream's test_evaluate_benchmark: 5 generations, the benchmark's functions scored.
    const auto result = await(m_client->jobResult(kBenchmark, job->job_id));
    QVERIFY_RESULT(result);
    QCOMPARE(result->generations.size(), size_t(5));
    QCOMPARE(result->scores.entries.size(), size_t(2));
    QCOMPARE(result->scores.entries.at(0).first, std::string("basic::equality"));
    QCOMPARE(result->scores.entries.at(1).first, std::string("basic::subset_of"));
    QCOMPARE(result->scores.entries.at(1).second.score_rows.size(), size_t(5));

    // The extensions: info, rows, the job list.
    const auto info = await(m_client->evalJobInfo(kBenchmark, job->job_id));
    QVERIFY_RESULT(info);
    QCOMPARE(info->job_id, job->job_id);
    QCOMPARE(info->benchmark_id, std::string(kBenchmark));
    QCOMPARE(info->rows_total, int64_t(5));
    QCOMPARE(info->rows_done, int64_t(5));
    QCOMPARE(info->status, api::JobStatus::Completed);
    QVERIFY(info->completed_at);
    const auto page = await(m_client->evalJobRows(kBenchmark, job->job_id, 1, 2));
    QVERIFY_RESULT(page);
    QCOMPARE(page->data.size(), size_t(2));
    QCOMPARE(page->total, int64_t(5));
    QVERIFY(page->has_more);
    QCOMPARE(page->data.at(0).index, int64_t(1));
    QCOMPARE(page->data.at(0).generated_answer,
             result->generations.at(1).value["generated_answer"].get<std::string>());
    QCOMPARE(page->data.at(0).scores.entries.size(), size_t(2));
    const auto all = await(m_client->evalJobRows(kBenchmark, job->job_id, std::nullopt, std::nullopt));
    QVERIFY_RESULT(all);
    QCOMPARE(all->data.size(), size_t(5));
    QVERIFY(!all->has_more);
    const auto badLimit = m_raw->get("/v1alpha/eval/benchmarks/org/bench/jobs/"
                                     + QByteArray::fromStdString(job->job_id) + "/rows?limit=lots");
    QCOMPARE(badLimit.status, 400);
    QVERIFY2(startsWith(detailOf(badLimit), "limit"), badLimit.body.constData());

    const auto jobs = await(m_client->listEvalJobs(std::string(kBenchmark)));
    QVERIFY_RESULT(jobs);
    QVERIFY(std::any_of(jobs->data.begin(), jobs->data.end(),
                        [&](const api::EvalJobInfo &j) { return j.job_id == job->job_id; }));
    for (const auto &j : jobs->data)
        QCOMPARE(j.benchmark_id, std::string(kBenchmark));
    const auto rawJobs = m_raw->get("/v1alpha/eval/jobs?benchmark_id=org%2Fbench");
    QCOMPARE(rawJobs.status, 200);
    QCOMPARE(parsed(rawJobs)["data"].size(), jobs->data.size());
    const auto everyJob = await(m_client->listEvalJobs(std::nullopt));
    QVERIFY_RESULT(everyJob);
    QVERIFY(everyJob->data.size() >= jobs->data.size());

    // Cancelling an ended job leaves it as it is; its record can then be deleted.
    const auto cancelled = m_raw->send("DELETE", "/v1alpha/eval/benchmarks/org/bench/jobs/"
                                                     + QByteArray::fromStdString(job->job_id), {}, false);
    QCOMPARE(cancelled.status, 204);
    QCOMPARE(await(m_client->jobStatus(kBenchmark, job->job_id))->status, api::JobStatus::Completed);
    QVERIFY_RESULT(await(m_client->deleteEvalJob(kBenchmark, job->job_id)));
    QCOMPARE(await(m_client->jobStatus(kBenchmark, job->job_id)).error().status, 404);
    QCOMPARE(await(m_client->deleteEvalJob(kBenchmark, job->job_id)).error().status, 404);
}

void TstEvalHttp::cancelJob()
{
    api::RegisterBenchmarkRequest bench;
    bench.benchmark_id = "org/long";
    bench.dataset_id = kLongDataset;
    bench.scoring_functions = {"basic::subset_of"};
    QVERIFY_RESULT(await(m_client->registerBenchmark(bench)));

    api::RunEvalRequest request;
    request.benchmark_config = candidate(kLongTokens);
    const auto job = await(m_client->runEval("org/long", request));
    QVERIFY_RESULT(job);
    QVERIFY_RESULT(await(m_client->jobCancel("org/long", job->job_id)));
    const auto ended = waitForEnd("org/long", job->job_id);
    QVERIFY_RESULT(ended);
    QCOMPARE(ended->status, api::JobStatus::Cancelled);

    const auto info = await(m_client->evalJobInfo("org/long", job->job_id));
    QVERIFY_RESULT(info);
    QCOMPARE(info->status, api::JobStatus::Cancelled);
    QVERIFY2(info->rows_done < 400, std::to_string(info->rows_done).c_str());
    // No result for a job that did not complete: 400 naming its status.
    const auto result = await(m_client->jobResult("org/long", job->job_id));
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().detail.find("cancelled") != std::string::npos, result.error().detail.c_str());
}

void TstEvalHttp::disconnectCancelsEvaluateRows()
{
    // Minutes of work. The client hangs up; the server must cancel it (a token that was never
    // cancelled means the work ran to its end).
    Json rows = Json::array();
    for (int i = 0; i < kLongRows; ++i)
        rows.push_back({{"input_query", "q"}, {"expected_answer", "a"},
                        {"chat_completion_input", "[{\"role\": \"user\", \"content\": \"Tell me a story\"}]"}});
    api::BenchmarkConfig config = candidate(kLongTokens);
    const Json request = {{"input_rows", rows}, {"scoring_functions", {"basic::subset_of"}},
                          {"benchmark_config", api::toJson(config)}};
    const size_t before = m_api->calls();
    postAndHangUp(port(), "/v1alpha/eval/benchmarks/org/bench/evaluations", body(request), 300);
    QTRY_VERIFY_WITH_TIMEOUT(m_api->calls() == before + 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_api->last().isCancelled(), 10000);
    // The server is still fine.
    QCOMPARE(m_raw->get("/v1/health").status, 200);
}

void TstEvalHttp::remoteCancelAbortsEvaluateRows()
{
    api::EvaluateRowsRequest request;
    for (int i = 0; i < kLongRows; ++i) {
        api::JsonObject row;
        row.value = {{"input_query", "q"}, {"expected_answer", "a"},
                     {"chat_completion_input", "[{\"role\": \"user\", \"content\": \"Tell me a story\"}]"}};
        request.input_rows.push_back(std::move(row));
    }
    request.scoring_functions = {"basic::subset_of"};
    request.benchmark_config = candidate(kLongTokens);
    api::CancelToken cancel;
    const size_t before = m_api->calls();
    auto future = m_client->evaluateRows(kBenchmark, request, cancel);
    QTRY_VERIFY_WITH_TIMEOUT(m_api->calls() == before + 1, 10000);
    QElapsedTimer timer;
    timer.start();
    cancel.cancel();
    const auto r = await(future);
    QVERIFY2(!r, "the call ends cancelled, not finished");
    QCOMPARE(r.error().status, 499);
    QVERIFY2(timer.elapsed() < 2000, std::to_string(timer.elapsed()).c_str());
    // The aborted request closed the connection: the server cancels the work.
    QTRY_VERIFY_WITH_TIMEOUT(m_api->last().isCancelled(), 10000);
}

void TstEvalHttp::extensionsMissingUpstream()
{
    // A server without the workbench's job extensions (an upstream Llama Stack): 404 on those
    // routes becomes a clear 501; the spec's calls still work.
    test::LocalHttpServer upstream;
    upstream.route(QStringLiteral("/v1alpha/eval/jobs"), [](const QHttpServerRequest &) {
        return QHttpServerResponse("application/json", "{\"detail\":\"Not Found\"}",
                                   QHttpServerResponse::StatusCode::NotFound);
    });
    upstream.route(QStringLiteral("/v1alpha/eval/benchmarks/b/jobs/0"), [](const QHttpServerRequest &) {
        return QHttpServerResponse("application/json", "{\"job_id\":\"0\",\"status\":\"completed\"}");
    });
    upstream.route(QStringLiteral("/v1alpha/eval/benchmarks/b/jobs/7/info"), [](const QHttpServerRequest &) {
        return QHttpServerResponse("application/json", "{\"detail\":\"Job 7 not found\"}",
                                   QHttpServerResponse::StatusCode::NotFound);
    });
    QVERIFY(upstream.start());
    remote::RemoteOptions options;
    options.baseUrl = QUrl(upstream.baseUrl());
    options.maxRetries = 0;
    remote::RemoteClient client(options);

    const auto list = await(client.listEvalJobs(std::nullopt));
    QCOMPARE(list.error().status, 501);
    QVERIFY2(list.error().detail.find("does not offer") != std::string::npos, list.error().detail.c_str());
    QVERIFY2(list.error().detail.find("upstream Llama Stack") != std::string::npos, list.error().detail.c_str());
    QCOMPARE(await(client.evalJobInfo("b", "0")).error().status, 501);
    QCOMPARE(await(client.evalJobRows("b", "0", 0, 10)).error().status, 501);
    QCOMPARE(await(client.deleteEvalJob("b", "0")).error().status, 501);
    // A 404 that names the job is an answer about the job, not a missing route.
    QCOMPARE(await(client.evalJobInfo("b", "7")).error().status, 404);
    const auto status = await(client.jobStatus("b", "0"));
    QVERIFY_RESULT(status);
    QCOMPARE(status->status, api::JobStatus::Completed);
    // Empty ids never leave the client.
    QCOMPARE(await(client.jobStatus("", "0")).error().status, 400);
    QCOMPARE(await(client.jobStatus("b", "")).error().status, 400);
}

QTEST_GUILESS_MAIN(TstEvalHttp)
#include "tst_eval_http.moc"
