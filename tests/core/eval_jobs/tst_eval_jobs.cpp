// EvalService on a real Engine (SQLite store in a temporary folder) with a tiny local model that
// really runs, and a loopback OpenAI-compatible endpoint whose answers wait behind a gate (the
// slow path for job lifecycle, concurrency and cancel tests):
//  - the prompt rules of row_prompt, table-driven;
//  - evaluate_rows: generations, scores, every sampling parameter reaching the generation
//    (max_tokens, stop, on chat and completion rows), errors (unknown benchmark / model, a row
//    without a prompt column), cancel;
//  - run_eval jobs: scheduled → in_progress → completed with num_examples, progress rows,
//    jobResult's shape, the concurrency limit, cancel within one row, a model that fails every
//    row, ownership, delete, durable ids, recovery after a restart;
//  - batching on and off give the same greedy answers.

#include "result_macros.h"
#include "api/async.h"
#include "engine/engine.h"
#include "engine/eval/eval_generator.h"
#include "engine/eval/row_prompt.h"
#include "local_http_server.h"
#include "store/store.h"
#include "tiny_model.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace wb;
using api::await;
using api::Json;

namespace {

constexpr const char *kTiny = "tiny";
constexpr const char *kGated = "gated";

api::JsonObject obj(Json j)
{
    return api::JsonObject{std::move(j)};
}

std::vector<api::JsonObject> qaRows(int n)
{
    std::vector<api::JsonObject> rows;
    for (int i = 0; i < n; ++i)
        rows.push_back(obj({{"question", "What is " + std::to_string(i) + " + " + std::to_string(i) + "?"},
                            {"answer", i % 2 == 0 ? "4" : std::to_string(2 * i)}}));
    return rows;
}

api::BenchmarkConfig config(const std::string &model, std::optional<int> maxTokens = 8)
{
    api::BenchmarkConfig c;
    c.eval_candidate.model = model;
    c.eval_candidate.sampling_params.strategy = api::GreedySamplingStrategy{};
    c.eval_candidate.sampling_params.max_tokens = maxTokens;
    return c;
}

//! A loopback OpenAI-compatible endpoint: every chat answer is "4", given out one per permit
//! (permits < 0: no gate).
class GatedEndpoint
{
public:
    GatedEndpoint()
    {
        const auto wait = [this] {
            QElapsedTimer t;
            t.start();
            while (!stopping && t.elapsed() < 20000) {
                int p = permits.load();
                if (p < 0 || (p > 0 && permits.compare_exchange_weak(p, p - 1)))
                    break;
                QThread::msleep(2);
            }
            ++answered;
        };
        server.route("/v1/chat/completions", [wait](const QHttpServerRequest &) {
            wait();
            const Json answer{{"id", "chatcmpl-1"},
                              {"object", "chat.completion"},
                              {"created", 0},
                              {"model", "remote"},
                              {"choices", Json::array({{{"index", 0},
                                                        {"message", {{"role", "assistant"}, {"content", "4"}}},
                                                        {"finish_reason", "stop"}}})}};
            return QHttpServerResponse("application/json", QByteArray::fromStdString(answer.dump()));
        });
        server.route("/v1/completions", [wait](const QHttpServerRequest &) {
            wait();
            const Json answer{{"id", "cmpl-1"},
                              {"object", "text_completion"},
                              {"created", 0},
                              {"model", "remote"},
                              {"choices", Json::array({{{"index", 0}, {"text", "4"}, {"finish_reason", "stop"}}})}};
            return QHttpServerResponse("application/json", QByteArray::fromStdString(answer.dump()));
        });
    }
    ~GatedEndpoint()
    {
        stopping = true;
        server.stop();
    }

    test::LocalHttpServer server;
    std::atomic<int> permits{0};
    std::atomic<int> answered{0};
    std::atomic<bool> stopping{false};
};

//! One engine over a temporary data folder with the tiny model, a 5-row dataset "qa" and the
//! benchmark "bench" (basic::subset_of) over it.
class Fixture
{
public:
    explicit Fixture(int batchSize = 8, int jobs = 1, QString dir = {})
        : m_dir(dir.isEmpty() ? m_tmp.path() : dir)
    {
        m_batch = batchSize;
        m_jobs = jobs;
    }

    bool start(bool seed = true)
    {
        if (seed && !test::writeTinyModel(QDir(m_dir).filePath(QStringLiteral("models/tiny")), 7, true))
            return false;
        open();
        if (!engine)
            return false;
        if (!seed)
            return true;
        api::RegisterDatasetRequest dataset;
        dataset.dataset_id = "qa";
        dataset.source = api::RowsDataSource{qaRows(5)};
        if (!await(engine->registerDataset(dataset)))
            return false;
        api::RegisterBenchmarkRequest bench;
        bench.benchmark_id = "bench";
        bench.dataset_id = "qa";
        bench.scoring_functions = {"basic::subset_of"};
        auto registered = await(engine->registerBenchmark(bench));
        if (!registered)
            qWarning("registerBenchmark: %s", registered.error().toString().c_str());
        return bool(registered);
    }

    void open()
    {
        engine::EngineConfig c;
        c.dataDir = m_dir;
        c.evalBatchSize = m_batch;
        c.evalJobs = m_jobs;
        engine = std::make_unique<engine::Engine>(c);
        if (auto opened = engine->open(); !opened) {
            qWarning("open: %s", opened.error().toString().c_str());
            engine.reset();
        }
    }

    bool addGatedModel(GatedEndpoint &endpoint, const std::string &id = kGated)
    {
        if (!endpoint.server.start())
            return false;
        api::RegisterModelRequest r;
        r.model_id = id;
        r.provider_model_id = "remote";
        r.metadata.value = {{"base_url", endpoint.server.baseUrl().toStdString() + "/v1"}};
        return bool(await(engine->registerModel(r)));
    }

    //! Polls the job until `pred(info)` holds (or `ms` pass); returns the last info.
    api::EvalJobInfo waitFor(const std::string &job, const std::function<bool(const api::EvalJobInfo &)> &pred,
                             int ms = 20000, const std::string &bench = "bench")
    {
        QElapsedTimer t;
        t.start();
        api::EvalJobInfo last;
        while (t.elapsed() < ms) {
            auto info = await(engine->evalJobInfo(bench, job));
            if (info) {
                last = info.value();
                if (pred(last))
                    return last;
            }
            QThread::msleep(10);
        }
        return last;
    }
    api::EvalJobInfo waitForStatus(const std::string &job, api::JobStatus status, int ms = 20000)
    {
        return waitFor(job, [status](const api::EvalJobInfo &i) { return i.status == status; }, ms);
    }

    QString dir() const { return m_dir; }
    //! Through the interface, where the cancel token has its default.
    api::StackApi &api() { return *engine; }

    std::unique_ptr<engine::Engine> engine;

private:
    QTemporaryDir m_tmp;
    QString m_dir;
    int m_batch = 8;
    int m_jobs = 1;
};

bool ended(const api::EvalJobInfo &i)
{
    return i.status == api::JobStatus::Completed || i.status == api::JobStatus::Failed
        || i.status == api::JobStatus::Cancelled;
}

api::EvaluateRowsRequest rowsRequest(std::vector<api::JsonObject> rows, const std::string &model,
                                     std::optional<int> maxTokens = 8)
{
    api::EvaluateRowsRequest r;
    r.input_rows = std::move(rows);
    r.benchmark_config = config(model, maxTokens);
    return r;
}

std::string answerOf(const api::EvaluateResponse &r, size_t i)
{
    return r.generations.at(i).value.value("generated_answer", std::string("<none>"));
}

} // namespace

class TestEvalJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptRules_data();
    void promptRules();
    void scoringInputColumns();
    void samplingMapping();
    void evaluateRowsGeneratesAndScores();
    void evaluateRowsSamplingReachesGeneration();
    void evaluateRowsErrors();
    void evaluateRowsCancel();
    void runEvalLifecycle();
    void concurrencyLimitAndCancel();
    void failingModelFailsJob();
    void ownershipAndDelete();
    void idsDurableAndRecovery();
    void closingMarksRunningJobFailed();
    void batchingGivesSameGreedyAnswers();
};

void TestEvalJobs::promptRules_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<bool>("withSystem");
    QTest::addColumn<QString>("expected"); // "chat:role=content|..." or "completion:text" or "error:needle"

    QTest::newRow("chat string, system first, assistant kept")
        << R"({"chat_completion_input": "[{\"role\":\"user\",\"content\":\"q1\"},{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q2\"}]"})"
        << true << "chat:system=SYS|system=s|user=q1|assistant=a1|user=q2";
    QTest::newRow("chat real array")
        << R"({"chat_completion_input": [{"role":"user","content":"hi"}]})" << false << "chat:user=hi";
    QTest::newRow("chat wins over completion and question")
        << R"({"chat_completion_input": "[{\"role\":\"user\",\"content\":\"c\"}]", "completion_input": "x", "question": "q"})"
        << false << "chat:user=c";
    QTest::newRow("completion JSON string") << R"({"completion_input": "\"Once upon\""})" << true
                                            << "completion:Once upon";
    QTest::newRow("completion plain string") << R"({"completion_input": "Once upon"})" << false
                                             << "completion:Once upon";
    QTest::newRow("messages array") << R"({"messages": [{"role":"system","content":"s"},{"role":"user","content":"u"}]})"
                                    << true << "chat:system=SYS|system=s|user=u";
    QTest::newRow("input_query first") << R"({"question": "q", "input_query": "iq"})" << true
                                       << "chat:system=SYS|user=iq";
    QTest::newRow("question") << R"({"question": "q", "answer": "a"})" << false << "chat:user=q";
    QTest::newRow("prompt") << R"({"prompt": "p"})" << false << "chat:user=p";
    QTest::newRow("input") << R"({"input": "i"})" << false << "chat:user=i";
    QTest::newRow("problem") << R"({"problem": "2+2"})" << false << "chat:user=2+2";
    QTest::newRow("no prompt column") << R"({"answer": "a"})" << false << "error:input_rows[3]: no prompt column";
    QTest::newRow("chat not JSON") << R"({"chat_completion_input": "[oops"})" << false
                                   << "error:input_rows[3].chat_completion_input: not valid JSON";
    QTest::newRow("chat bad role") << R"({"chat_completion_input": [{"role":"robot","content":"x"}]})" << false
                                   << "error:input_rows[3].chat_completion_input[0].role";
    QTest::newRow("chat empty") << R"({"chat_completion_input": "[]"})" << false << "error:empty";
    QTest::newRow("completion not a string") << R"({"completion_input": 5})" << false
                                             << "error:input_rows[3].completion_input: expected a string";
}

void TestEvalJobs::promptRules()
{
    QFETCH(QString, row);
    QFETCH(bool, withSystem);
    QFETCH(QString, expected);
    std::optional<api::SystemMessage> system;
    if (withSystem)
        system = api::SystemMessage{std::string("SYS")};
    const auto p = engine::rowPrompt(obj(Json::parse(row.toStdString())), system, 3);
    const std::string want = expected.toStdString();
    if (want.rfind("error:", 0) == 0) {
        QVERIFY_ERROR(p, 400, want.substr(6));
        return;
    }
    QVERIFY_RESULT(p);
    std::string got;
    if (p->kind == engine::RowPrompt::Kind::Completion) {
        got = "completion:" + p->prompt;
    } else {
        got = "chat:";
        for (size_t i = 0; i < p->messages.size(); ++i)
            got += (i ? "|" : "") + p->messages[i].role + "=" + p->messages[i].content;
    }
    QCOMPARE(QString::fromStdString(got), expected);
}

void TestEvalJobs::scoringInputColumns()
{
    const auto p = engine::rowPrompt(obj({{"question", "q"}, {"answer", "a"}, {"generated_answer", "old"}}),
                                     std::nullopt, 0);
    QVERIFY_RESULT(p);
    const auto row = engine::scoringInput(obj({{"question", "q"}, {"answer", "a"}, {"generated_answer", "old"}}),
                                          &p.value(), "new");
    QCOMPARE(row.value.value("generated_answer", ""), std::string("new")); // overwritten
    QCOMPARE(row.value.value("expected_answer", ""), std::string("a"));
    QCOMPARE(row.value.value("input_query", ""), std::string("q"));
    QCOMPARE(row.value.value("answer", ""), std::string("a")); // the row's own columns stay

    // Columns the row has win; "target" is an answer column too; chat rows get the last user turn.
    const auto chat = engine::rowPrompt(
        obj({{"chat_completion_input", R"([{"role":"user","content":"u1"},{"role":"user","content":"u2"}])"},
             {"target", "t"}}),
        std::nullopt, 0);
    QVERIFY_RESULT(chat);
    const auto row2 = engine::scoringInput(obj({{"target", "t"}, {"expected_answer", "e"}}), &chat.value(), "g");
    QCOMPARE(row2.value.value("expected_answer", ""), std::string("e"));
    QCOMPARE(row2.value.value("input_query", ""), std::string("u2"));
}

void TestEvalJobs::samplingMapping()
{
    api::SamplingParams p;
    p.strategy = api::GreedySamplingStrategy{};
    p.max_tokens = 7;
    p.repetition_penalty = 1.3;
    p.stop = std::vector<std::string>{"\n", "END"};
    auto s = engine::completionSampling(p);
    QCOMPARE(s.temperature.value_or(-1), 0.0);
    QCOMPARE(s.max_tokens.value_or(-1), int64_t(7));
    QCOMPARE(s.repetition_penalty.value_or(-1), 1.3);
    QCOMPARE(s.stop, (std::vector<std::string>{"\n", "END"}));

    p.strategy = api::TopPSamplingStrategy{0.7, 0.9};
    s = engine::completionSampling(p);
    QCOMPARE(s.temperature.value_or(-1), 0.7);
    QCOMPARE(s.top_p.value_or(-1), 0.9);
    p.strategy = api::TopPSamplingStrategy{std::nullopt, 0.5};
    QCOMPARE(engine::completionSampling(p).temperature.value_or(-1), 1.0);

    p.strategy = api::TopKSamplingStrategy{5};
    s = engine::completionSampling(p);
    QCOMPARE(s.top_k.value_or(-1), int64_t(5));
    QCOMPARE(s.temperature.value_or(-1), 1.0);

    p.max_tokens.reset();
    QVERIFY(!engine::completionSampling(p).max_tokens); // the model's default

    p.max_tokens = 0;
    QVERIFY_ERROR(engine::checkSampling(p, "sp"), 400, "sp.max_tokens");
    p.max_tokens = 5;
    p.strategy = api::TopPSamplingStrategy{std::nullopt, 1.5};
    QVERIFY_ERROR(engine::checkSampling(p, "sp"), 400, "sp.strategy.top_p");
    p.strategy = api::TopKSamplingStrategy{0};
    QVERIFY_ERROR(engine::checkSampling(p, "sp"), 400, "sp.strategy.top_k");
}

void TestEvalJobs::evaluateRowsGeneratesAndScores()
{
    Fixture f;
    QVERIFY(f.start());
    auto req = rowsRequest(qaRows(3), kTiny);
    req.scoring_functions = {"basic::subset_of", "basic::equality"};
    const auto r = await(f.api().evaluateRows("bench", req));
    QVERIFY_RESULT(r);
    QCOMPARE(r->generations.size(), size_t(3));
    for (const auto &g : r->generations) {
        QCOMPARE(g.value.size(), size_t(1));
        QVERIFY(g.value.contains("generated_answer"));
    }
    // Scores keyed by the request's functions in request order, one score row per input row.
    QCOMPARE(r->scores.size(), size_t(2));
    QCOMPARE(r->scores.entries[0].first, std::string("basic::subset_of"));
    QCOMPARE(r->scores.entries[1].first, std::string("basic::equality"));
    for (const auto &[fn, result] : r->scores.entries) {
        QCOMPARE(result.score_rows.size(), size_t(3));
        QVERIFY(result.aggregated_results.value.contains("accuracy"));
    }
    // equality compares the generated answer with expected_answer (taken from "answer").
    for (size_t i = 0; i < 3; ++i) {
        const double want = answerOf(*r, i) == qaRows(3)[i].value["answer"].get<std::string>() ? 1.0 : 0.0;
        QCOMPARE(r->scores.entries[1].second.score_rows[i].value.value("score", -1.0), want);
    }

    // Through an endpoint: the answers are "4"; subset_of finds "4" in rows 0 and 2 only... of the
    // expected answers "4", "2", "4": 2 of 3.
    GatedEndpoint endpoint;
    endpoint.permits = -1;
    QVERIFY(f.addGatedModel(endpoint));
    auto remote = rowsRequest(qaRows(3), kGated);
    remote.scoring_functions = {"basic::subset_of"};
    const auto rr = await(f.api().evaluateRows("bench", remote));
    QVERIFY_RESULT(rr);
    QCOMPARE(answerOf(*rr, 1), std::string("4"));
    const Json acc = rr->scores.entries[0].second.aggregated_results.value["accuracy"];
    QCOMPARE(acc.value("num_correct", -1.0), 2.0);
    QCOMPARE(acc.value("num_total", -1), 3);
}

void TestEvalJobs::evaluateRowsSamplingReachesGeneration()
{
    Fixture f;
    QVERIFY(f.start());
    const std::vector<api::JsonObject> chatRow{obj({{"question", "Tell me a story"}})};
    const std::vector<api::JsonObject> textRow{obj({{"completion_input", "Once upon a time"}})};
    for (const auto &rows : {chatRow, textRow}) {
        // max_tokens 1: one token, which for the tiny tokenizer is at most one character.
        auto one = await(f.api().evaluateRows("bench", rowsRequest(rows, kTiny, 1)));
        QVERIFY_RESULT(one);
        QVERIFY2(answerOf(*one, 0).size() <= 1, answerOf(*one, 0).c_str());

        auto longer = await(f.api().evaluateRows("bench", rowsRequest(rows, kTiny, 24)));
        QVERIFY_RESULT(longer);
        const std::string full = answerOf(*longer, 0);
        QVERIFY2(full.size() >= 3, full.c_str());
        QVERIFY(full.size() > answerOf(*one, 0).size());
        QCOMPARE(full.substr(0, answerOf(*one, 0).size()), answerOf(*one, 0)); // greedy: a prefix

        // stop: generation ends before the first occurrence of the stop string.
        const std::string stop = full.substr(2, 1);
        auto stopped = rowsRequest(rows, kTiny, 24);
        stopped.benchmark_config.eval_candidate.sampling_params.stop = std::vector<std::string>{stop};
        auto s = await(f.api().evaluateRows("bench", stopped));
        QVERIFY_RESULT(s);
        QCOMPARE(answerOf(*s, 0), full.substr(0, full.find(stop)));

        // repetition_penalty changes greedy answers on this model (penalised logits).
        auto penalised = rowsRequest(rows, kTiny, 24);
        penalised.benchmark_config.eval_candidate.sampling_params.repetition_penalty = 5.0;
        auto pr = await(f.api().evaluateRows("bench", penalised));
        QVERIFY_RESULT(pr);
        QVERIFY(answerOf(*pr, 0) != full);
    }
    // The system message reaches the prompt: a different prompt, a different greedy answer.
    auto plain = await(f.api().evaluateRows("bench", rowsRequest(chatRow, kTiny, 16)));
    auto withSystem = rowsRequest(chatRow, kTiny, 16);
    withSystem.benchmark_config.eval_candidate.system_message = api::SystemMessage{std::string("Be brief.")};
    auto sys = await(f.api().evaluateRows("bench", withSystem));
    QVERIFY_RESULT(plain);
    QVERIFY_RESULT(sys);
    QVERIFY(answerOf(*plain, 0) != answerOf(*sys, 0));
}

void TestEvalJobs::evaluateRowsErrors()
{
    Fixture f;
    QVERIFY(f.start());
    QVERIFY_ERROR(await(f.api().evaluateRows("nope", rowsRequest(qaRows(1), kTiny))), 404, "nope");
    QVERIFY_ERROR(await(f.api().evaluateRows("bench", rowsRequest(qaRows(1), "no-such-model"))), 404,
                  "no-such-model");
    auto bad = rowsRequest(qaRows(2), kTiny);
    bad.input_rows.push_back(obj({{"answer", "x"}}));
    QVERIFY_ERROR(await(f.api().evaluateRows("bench", bad)), 400, "input_rows[2]: no prompt column");
    auto zero = rowsRequest(qaRows(1), kTiny, 0);
    QVERIFY_ERROR(await(f.api().evaluateRows("bench", zero)), 400,
                  "benchmark_config.eval_candidate.sampling_params.max_tokens");
    auto fn = rowsRequest(qaRows(1), kTiny);
    fn.scoring_functions = {"basic::nope"};
    QVERIFY_ERROR(await(f.api().evaluateRows("bench", fn)), 404, "basic::nope");
    // A prompt longer than the model's context (512 tokens) fails the call, naming the row.
    auto tooLong = rowsRequest({obj({{"question", "hi"}}), obj({{"question", std::string(600, 'x')}})}, kTiny);
    QVERIFY_ERROR(await(f.api().evaluateRows("bench", tooLong)), 400, "input_rows[1]");
    // An agent candidate is refused when the request is read.
    const Json agent = {{"input_rows", Json::array()}, {"scoring_functions", Json::array()},
                        {"benchmark_config", {{"eval_candidate", {{"type", "agent"}, {"config", Json::object()}}}}}};
    QVERIFY_ERROR(api::parse<api::EvaluateRowsRequest>(agent), 400, "type");
}

void TestEvalJobs::evaluateRowsCancel()
{
    Fixture f;
    QVERIFY(f.start());
    GatedEndpoint endpoint; // never opens
    QVERIFY(f.addGatedModel(endpoint));
    api::CancelToken cancel;
    auto future = f.api().evaluateRows("bench", rowsRequest(qaRows(3), kGated), cancel);
    QThread::msleep(200);
    QElapsedTimer t;
    t.start();
    cancel.cancel();
    const auto r = await(future);
    QVERIFY_ERROR(r, 499, "cancel");
    QVERIFY2(t.elapsed() < 3000, std::to_string(t.elapsed()).c_str());
}

void TestEvalJobs::runEvalLifecycle()
{
    Fixture f(1);
    QVERIFY(f.start());
    GatedEndpoint endpoint;
    QVERIFY(f.addGatedModel(endpoint));
    api::RunEvalRequest run;
    run.benchmark_config = config(kGated);
    run.benchmark_config.num_examples = 3;
    const auto job = await(f.engine->runEval("bench", run));
    QVERIFY_RESULT(job);
    QCOMPARE(job->job_id, std::string("0")); // as upstream's first job
    QCOMPARE(job->status, api::JobStatus::Scheduled);

    auto info = f.waitForStatus(job->job_id, api::JobStatus::InProgress);
    QCOMPARE(info.status, api::JobStatus::InProgress);
    QVERIFY(info.started_at);
    QVERIFY_ERROR(await(f.engine->jobResult("bench", job->job_id)), 400, "in_progress");
    QVERIFY_ERROR(await(f.engine->deleteEvalJob("bench", job->job_id)), 409, "in_progress");

    // One row at a time: progress shows in the rows and, within ~250 ms, in rows_done.
    endpoint.permits = 1;
    info = f.waitFor(job->job_id, [](const api::EvalJobInfo &i) { return i.rows_done == 1; });
    QCOMPARE(info.rows_done, int64_t(1));
    QCOMPARE(info.rows_total, int64_t(3));
    QCOMPARE(info.status, api::JobStatus::InProgress);
    auto rows = await(f.engine->evalJobRows("bench", job->job_id, std::nullopt, std::nullopt));
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->total, int64_t(1));
    QCOMPARE(rows->data.at(0).index, int64_t(0));
    QCOMPARE(rows->data.at(0).generated_answer, std::string("4"));
    QCOMPARE(rows->data.at(0).input_row, qaRows(1)[0]);

    endpoint.permits = -1;
    info = f.waitFor(job->job_id, ended);
    QCOMPARE(info.status, api::JobStatus::Completed);
    QVERIFY(!info.error);
    QVERIFY(info.completed_at);
    QCOMPARE(info.rows_done, int64_t(3));
    QCOMPARE(info.rows_failed, int64_t(0));
    QCOMPARE(info.dataset_id, std::string("qa"));
    QCOMPARE(info.scoring_functions, std::vector<std::string>{"basic::subset_of"});
    QCOMPARE(info.benchmark_config, run.benchmark_config);
    QVERIFY(info.aggregated_results.contains("basic::subset_of"));

    const auto status = await(f.engine->jobStatus("bench", job->job_id));
    QVERIFY_RESULT(status);
    QCOMPARE(status->status, api::JobStatus::Completed);
    const auto result = await(f.engine->jobResult("bench", job->job_id));
    QVERIFY_RESULT(result);
    QCOMPARE(result->generations.size(), size_t(3));
    QCOMPARE(result->generations[2].value, (Json{{"generated_answer", "4"}}));
    QCOMPARE(result->scores.size(), size_t(1));
    const auto &subset = result->scores.entries[0].second;
    QCOMPARE(subset.score_rows.size(), size_t(3));
    // expected answers "4", "2", "4" against "4".
    QCOMPARE(subset.aggregated_results.value["accuracy"].value("num_correct", -1.0), 2.0);

    // Pagination like iterrows.
    rows = await(f.engine->evalJobRows("bench", job->job_id, 1, 1));
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->data.size(), size_t(1));
    QCOMPARE(rows->data[0].index, int64_t(1));
    QVERIFY(rows->has_more);
    QCOMPARE(rows->total, int64_t(3));
    QVERIFY_ERROR(await(f.engine->evalJobRows("bench", job->job_id, -1, 1)), 400, "start_index");

    // Wrong benchmark, unknown job, unknown benchmark for run_eval, a bad num_examples.
    QVERIFY_ERROR(await(f.engine->jobStatus("other", job->job_id)), 404, job->job_id);
    QVERIFY_ERROR(await(f.engine->jobStatus("bench", "99")), 404, "99");
    QVERIFY_ERROR(await(f.engine->runEval("nope", run)), 404, "nope");
    auto zero = run;
    zero.benchmark_config.num_examples = 0;
    QVERIFY_ERROR(await(f.engine->runEval("bench", zero)), 400, "num_examples");
    auto unknownModel = run;
    unknownModel.benchmark_config.eval_candidate.model = "no-such-model";
    QVERIFY_ERROR(await(f.engine->runEval("bench", unknownModel)), 404, "no-such-model");

    // Every row of the dataset without num_examples, on the local model.
    api::RunEvalRequest all;
    all.benchmark_config = config(kTiny);
    const auto local = await(f.engine->runEval("bench", all));
    QVERIFY_RESULT(local);
    QCOMPARE(local->job_id, std::string("1"));
    info = f.waitFor(local->job_id, ended);
    QCOMPARE(info.status, api::JobStatus::Completed);
    QCOMPARE(info.rows_done, int64_t(5));
    const auto localResult = await(f.engine->jobResult("bench", local->job_id));
    QVERIFY_RESULT(localResult);
    QCOMPARE(localResult->generations.size(), size_t(5));

    // Newest first; filtered by benchmark.
    const auto list = await(f.engine->listEvalJobs(std::nullopt));
    QVERIFY_RESULT(list);
    QCOMPARE(list->data.size(), size_t(2));
    QCOMPARE(list->data[0].job_id, std::string("1"));
    QCOMPARE(list->data[1].job_id, std::string("0"));
    QCOMPARE(await(f.engine->listEvalJobs(std::string("other")))->data.size(), size_t(0));
}

void TestEvalJobs::concurrencyLimitAndCancel()
{
    Fixture f(1, 1);
    QVERIFY(f.start());
    GatedEndpoint endpoint;
    QVERIFY(f.addGatedModel(endpoint));
    api::RunEvalRequest run;
    run.benchmark_config = config(kGated);
    const auto a = await(f.engine->runEval("bench", run));
    const auto b = await(f.engine->runEval("bench", run));
    const auto c = await(f.engine->runEval("bench", run));
    QVERIFY_RESULT(a);
    QVERIFY_RESULT(b);
    QVERIFY_RESULT(c);
    QCOMPARE(f.waitForStatus(a->job_id, api::JobStatus::InProgress).status, api::JobStatus::InProgress);
    QThread::msleep(300);
    // One job at a time: the others wait.
    QCOMPARE(await(f.engine->evalJobInfo("bench", b->job_id))->status, api::JobStatus::Scheduled);
    QCOMPARE(await(f.engine->evalJobInfo("bench", c->job_id))->status, api::JobStatus::Scheduled);

    // A waiting job is cancelled at once and never runs.
    QVERIFY_RESULT(await(f.engine->jobCancel("bench", c->job_id)));
    const auto cInfo = await(f.engine->evalJobInfo("bench", c->job_id));
    QVERIFY_RESULT(cInfo);
    QCOMPARE(cInfo->status, api::JobStatus::Cancelled);
    QVERIFY(cInfo->completed_at);

    // Two rows done, then cancel while the third row's request waits: cancelled within one row,
    // the rows done kept and aggregated.
    endpoint.permits = 2;
    QCOMPARE(f.waitFor(a->job_id, [](const api::EvalJobInfo &i) { return i.rows_done == 2; }).rows_done,
             int64_t(2));
    QThread::msleep(100);
    QElapsedTimer t;
    t.start();
    QVERIFY_RESULT(await(f.engine->jobCancel("bench", a->job_id)));
    const api::EvalJobInfo aInfo = f.waitFor(a->job_id, ended, 3000);
    QVERIFY2(t.elapsed() < 3000, std::to_string(t.elapsed()).c_str());
    QCOMPARE(aInfo.status, api::JobStatus::Cancelled);
    QCOMPARE(aInfo.rows_done, int64_t(2));
    QVERIFY(aInfo.completed_at);
    QCOMPARE(await(f.engine->evalJobRows("bench", a->job_id, std::nullopt, std::nullopt))->total, int64_t(2));
    QVERIFY(aInfo.aggregated_results.contains("basic::subset_of"));
    QCOMPARE(aInfo.aggregated_results.find("basic::subset_of")->value["accuracy"].value("num_total", -1), 2);
    QVERIFY_ERROR(await(f.engine->jobResult("bench", a->job_id)), 400, "cancelled");
    // Cancelling an ended job leaves it as it is.
    QVERIFY_RESULT(await(f.engine->jobCancel("bench", a->job_id)));
    QCOMPARE(await(f.engine->evalJobInfo("bench", a->job_id))->status, api::JobStatus::Cancelled);

    // Then b runs, after a ended; c never does.
    endpoint.permits = -1;
    const api::EvalJobInfo bInfo = f.waitFor(b->job_id, ended);
    QCOMPARE(bInfo.status, api::JobStatus::Completed);
    QVERIFY(*bInfo.started_at >= *aInfo.completed_at);
    QCOMPARE(await(f.engine->evalJobInfo("bench", c->job_id))->status, api::JobStatus::Cancelled);
    QVERIFY(!await(f.engine->evalJobInfo("bench", c->job_id))->started_at);
}

void TestEvalJobs::failingModelFailsJob()
{
    Fixture f(1);
    QVERIFY(f.start());
    api::RegisterModelRequest r;
    r.model_id = "down";
    r.provider_model_id = "remote";
    r.metadata.value = {{"base_url", QStringLiteral("http://127.0.0.1:%1/v1")
                                         .arg(test::LocalHttpServer::unusedPort())
                                         .toStdString()}};
    QVERIFY_RESULT(await(f.engine->registerModel(r)));
    api::RunEvalRequest run;
    run.benchmark_config = config("down");
    const auto job = await(f.engine->runEval("bench", run));
    QVERIFY_RESULT(job);
    const auto info = f.waitFor(job->job_id, ended);
    QCOMPARE(info.status, api::JobStatus::Failed);
    QVERIFY(info.error);
    QVERIFY2(info.error->find("the first 5 rows failed") != std::string::npos, info.error->c_str());
    QCOMPARE(info.rows_failed, int64_t(5));
    const auto rows = await(f.engine->evalJobRows("bench", job->job_id, std::nullopt, std::nullopt));
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->total, int64_t(5));
    QVERIFY(rows->data[0].error);

    // One prompt too long fails only its row: the job completes, that row has the error and an
    // empty answer.
    api::JsonObject longRow = obj({{"question", std::string(600, 'y')}, {"answer", "4"}});
    QVERIFY_RESULT(await(f.engine->appendRows("qa", {longRow})));
    api::RunEvalRequest local;
    local.benchmark_config = config(kTiny);
    const auto ok = await(f.engine->runEval("bench", local));
    QVERIFY_RESULT(ok);
    const auto okInfo = f.waitFor(ok->job_id, ended);
    QCOMPARE(okInfo.status, api::JobStatus::Completed);
    QCOMPARE(okInfo.rows_done, int64_t(6));
    QCOMPARE(okInfo.rows_failed, int64_t(1));
    const auto last = await(f.engine->evalJobRows("bench", ok->job_id, 5, 1));
    QVERIFY_RESULT(last);
    QVERIFY(last->data.at(0).error);
    QVERIFY2(last->data[0].error->find("context") != std::string::npos, last->data[0].error->c_str());
    QCOMPARE(last->data[0].generated_answer, std::string());
}

void TestEvalJobs::ownershipAndDelete()
{
    Fixture f(1);
    QVERIFY(f.start());
    auto alice = f.engine->forPrincipal("alice");
    auto bob = f.engine->forPrincipal("bob");
    api::RunEvalRequest run;
    run.benchmark_config = config(kTiny, 4);
    run.benchmark_config.num_examples = 2;
    const auto job = await(alice->runEval("bench", run));
    QVERIFY_RESULT(job);
    QVERIFY_ERROR(await(bob->jobStatus("bench", job->job_id)), 404, job->job_id);
    QVERIFY_ERROR(await(bob->jobCancel("bench", job->job_id)), 404, job->job_id);
    QVERIFY_ERROR(await(bob->deleteEvalJob("bench", job->job_id)), 404, job->job_id);
    QCOMPARE(await(bob->listEvalJobs(std::nullopt))->data.size(), size_t(0));
    QCOMPARE(await(alice->listEvalJobs(std::nullopt))->data.size(), size_t(1));
    const auto info = f.waitFor(job->job_id, ended);
    QCOMPARE(info.status, api::JobStatus::Completed);

    QVERIFY_RESULT(await(alice->deleteEvalJob("bench", job->job_id)));
    QVERIFY_ERROR(await(alice->jobStatus("bench", job->job_id)), 404, job->job_id);
    QVERIFY_ERROR(await(alice->evalJobRows("bench", job->job_id, std::nullopt, std::nullopt)), 404,
                  job->job_id);
    // A deleted job's id is never handed out again.
    const auto next = await(alice->runEval("bench", run));
    QVERIFY_RESULT(next);
    QCOMPARE(next->job_id, std::string("1"));
    f.waitFor(next->job_id, ended);
}

void TestEvalJobs::idsDurableAndRecovery()
{
    QTemporaryDir dir;
    {
        Fixture f(1, 1, dir.path());
        QVERIFY(f.start());
        api::RunEvalRequest run;
        run.benchmark_config = config(kTiny, 2);
        run.benchmark_config.num_examples = 1;
        for (const char *id : {"0", "1"}) {
            const auto job = await(f.engine->runEval("bench", run));
            QVERIFY_RESULT(job);
            QCOMPARE(job->job_id, std::string(id));
            QCOMPARE(f.waitFor(job->job_id, ended).status, api::JobStatus::Completed);
        }
        QVERIFY_RESULT(await(f.engine->deleteEvalJob("bench", "1")));
    }
    // Jobs a previous process left running or waiting, written directly into the store.
    {
        auto store = store::Store::openSqlite(QDir(dir.path()).filePath(QStringLiteral("store.sqlite")));
        QVERIFY_RESULT(store);
        api::EvalJobInfo running;
        running.job_id = "running-before";
        running.benchmark_id = "bench";
        running.status = api::JobStatus::InProgress;
        running.benchmark_config = config(kTiny);
        running.rows_total = 10;
        running.rows_done = 2;
        running.started_at = "2026-01-01T00:00:00.000Z";
        QVERIFY_RESULT((*store)->registerResource({"eval_job", running.job_id, api::toJson(running), "", 0}));
        std::vector<api::JsonObject> rows;
        for (int i = 0; i < 3; ++i) {
            api::EvalRowResult r;
            r.index = i;
            r.input_row = qaRows(1)[0];
            rows.push_back(obj(api::toJson(r)));
        }
        QVERIFY_RESULT((*store)->appendRows("eval_job", running.job_id, rows));
        api::EvalJobInfo waiting = running;
        waiting.job_id = "waiting-before";
        waiting.status = api::JobStatus::Scheduled;
        waiting.started_at.reset();
        QVERIFY_RESULT((*store)->registerResource({"eval_job", waiting.job_id, api::toJson(waiting), "", 0}));
    }
    Fixture again(1, 1, dir.path());
    again.open();
    QVERIFY(again.engine);
    auto info = await(again.engine->evalJobInfo("bench", "running-before"));
    QVERIFY_RESULT(info);
    QCOMPARE(info->status, api::JobStatus::Failed);
    QVERIFY(info->completed_at);
    QCOMPARE(QString::fromStdString(info->error.value_or("")),
             QStringLiteral("the workbench stopped while this job was running (3 of 10 rows done; "
                            "those rows are kept)"));
    QCOMPARE(await(again.engine->evalJobRows("bench", "running-before", std::nullopt, std::nullopt))->total,
             int64_t(3));
    info = await(again.engine->evalJobInfo("bench", "waiting-before"));
    QCOMPARE(info->status, api::JobStatus::Failed);
    QVERIFY(info->error);
    QCOMPARE(await(again.engine->evalJobInfo("bench", "0"))->status, api::JobStatus::Completed);

    // Ids continue after the restart and skip the deleted "1".
    api::RunEvalRequest run;
    run.benchmark_config = config(kTiny, 2);
    run.benchmark_config.num_examples = 1;
    const auto job = await(again.engine->runEval("bench", run));
    QVERIFY_RESULT(job);
    QCOMPARE(job->job_id, std::string("2"));
    QCOMPARE(again.waitFor(job->job_id, ended).status, api::JobStatus::Completed);
}

void TestEvalJobs::closingMarksRunningJobFailed()
{
    QTemporaryDir dir;
    GatedEndpoint endpoint;
    std::string running, waiting;
    {
        Fixture f(1, 1, dir.path());
        QVERIFY(f.start());
        QVERIFY(f.addGatedModel(endpoint));
        api::RunEvalRequest run;
        run.benchmark_config = config(kGated);
        running = await(f.engine->runEval("bench", run))->job_id;
        waiting = await(f.engine->runEval("bench", run))->job_id;
        endpoint.permits = 1;
        QCOMPARE(f.waitFor(running, [](const api::EvalJobInfo &i) { return i.rows_done == 1; }).rows_done,
                 int64_t(1));
        QElapsedTimer t;
        t.start();
        f.engine.reset(); // mid-job: the request waiting at the gate is cancelled
        QVERIFY2(t.elapsed() < 5000, std::to_string(t.elapsed()).c_str());
    }
    Fixture again(1, 1, dir.path());
    again.open();
    QVERIFY(again.engine);
    auto info = await(again.engine->evalJobInfo("bench", running));
    QVERIFY_RESULT(info);
    QCOMPARE(info->status, api::JobStatus::Failed);
    QVERIFY2(info->error.value_or("").find("closed while this job was running (1 of 5 rows done")
                 != std::string::npos,
             info->error.value_or("").c_str());
    info = await(again.engine->evalJobInfo("bench", waiting));
    QCOMPARE(info->status, api::JobStatus::Failed);
    QVERIFY(info->error);
}

void TestEvalJobs::batchingGivesSameGreedyAnswers()
{
    QTemporaryDir dir;
    std::vector<api::JsonObject> rows;
    for (int i = 0; i < 11; ++i) // prompts of different lengths; one text completion in the middle
        rows.push_back(i == 5 ? obj({{"completion_input", "Once upon a time"}})
                              : obj({{"question", std::string(size_t(3 + 7 * i), char('a' + i))}}));
    api::EvaluateResponse answers[2];
    std::vector<api::EvalRowResult> jobRows[2];
    int k = 0;
    for (int batch : {1, 8}) {
        Fixture f(batch, 1, dir.path());
        QVERIFY(f.start(k == 0));
        auto r = await(f.api().evaluateRows("bench", rowsRequest(rows, kTiny, 12)));
        QVERIFY_RESULT(r);
        answers[k] = r.value();
        api::RunEvalRequest run;
        run.benchmark_config = config(kTiny, 12);
        const auto job = await(f.engine->runEval("bench", run));
        QVERIFY_RESULT(job);
        QCOMPARE(f.waitFor(job->job_id, ended).status, api::JobStatus::Completed);
        jobRows[k] = await(f.engine->evalJobRows("bench", job->job_id, std::nullopt, std::nullopt))->data;
        ++k;
    }
    QCOMPARE(answers[0].generations.size(), rows.size());
    bool varied = false;
    for (size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(answerOf(answers[1], i), answerOf(answers[0], i));
        varied = varied || answerOf(answers[0], i) != answerOf(answers[0], 0);
    }
    QVERIFY(varied); // the rows really got different prompts
    QCOMPARE(jobRows[0].size(), size_t(5));
    for (size_t i = 0; i < jobRows[0].size(); ++i)
        QCOMPARE(jobRows[1][i].generated_answer, jobRows[0][i].generated_answer);
}

QTEST_GUILESS_MAIN(TestEvalJobs)
#include "tst_eval_jobs.moc"
