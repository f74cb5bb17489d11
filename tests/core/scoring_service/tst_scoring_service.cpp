// ScoringService and the LLM-as-judge functions on a real Engine (SQLite store in a temporary
// folder) with a real loopback OpenAI-compatible judge registered as an endpoint model:
//  - the built-in functions listed (basic first, then the judges), get and 404;
//  - user-defined judge functions: register, conflicts, bad templates and regexes, non-judge
//    params refused, unregister rules, persistence across a restart, principals kept apart;
//  - the judge prompt template (Python str.format rules), table-driven;
//  - score: judge scores and judge_feedback, request params vs defaults (the defaults stay),
//    params of the wrong type, a missing judge model, a missing column naming the row, cancel;
//  - score with the basic functions (rows scored in parallel keep their order), aggregations;
//  - score_batch, and saving the scored rows as a new dataset.

#include "result_macros.h"
#include "api/async.h"
#include "engine/engine.h"
#include "engine/scoring/judge_prompt.h"
#include "local_http_server.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <mutex>

using namespace wb;
using api::await;
using api::Json;

namespace {

constexpr const char *kDefaultJudge = "meta-llama/Llama-3.1-405B-Instruct";
const char *const kJudgePrompt = "Question: {input_query}\nExpected: {expected_answer}\n"
                                 "Answer: {generated_answer}\nReply as {{Score: N}}.";

api::JsonObject obj(Json j)
{
    return api::JsonObject{std::move(j)};
}

//! Three rows: the second answer is wrong.
std::vector<api::JsonObject> capitalRows()
{
    return {obj({{"input_query", "Capital of France?"},
                 {"expected_answer", "Paris"},
                 {"generated_answer", "Paris"}}),
            obj({{"input_query", "Capital of Spain?"},
                 {"expected_answer", "Madrid"},
                 {"generated_answer", "Lisbon"}}),
            obj({{"input_query", "Capital of Italy?"},
                 {"expected_answer", "Rome"},
                 {"generated_answer", "Rome"}})};
}

template<typename T>
T parsed(const Json &j)
{
    auto r = api::parse<T>(j);
    if (!r)
        qFatal("test request does not parse: %s", r.error().toString().c_str());
    return std::move(r).value();
}

api::ScoreRequest scoreRequest(std::vector<api::JsonObject> rows, const Json &functions)
{
    api::ScoreRequest r;
    r.input_rows = std::move(rows);
    r.scoring_functions = parsed<api::ScoringFunctionsParams>(functions);
    return r;
}

Json judgeParams(const std::string &model, std::vector<std::string> aggregations = {})
{
    return {{"type", "llm_as_judge"},
            {"judge_model", model},
            {"prompt_template", kJudgePrompt},
            {"judge_score_regexes", {"Score: (\\d+)"}},
            {"aggregation_functions", aggregations}};
}

api::RegisterScoringFunctionRequest judgeFunction(const std::string &id, const Json &params)
{
    return parsed<api::RegisterScoringFunctionRequest>(
        Json{{"scoring_fn_id", id}, {"description", "test judge"}, {"return_type", {{"type", "string"}}},
             {"params", params}});
}

//! A loopback OpenAI-compatible judge: "Score: 4" when the prompt's answer equals the expected
//! one, else "Score: 1"; for the SimpleQA grader "A" or "B". Records every prompt.
class Judge
{
public:
    Judge()
    {
        server.route("/v1/chat/completions", [this](const QHttpServerRequest &request) {
            const Json body = Json::parse(request.body().toStdString(), nullptr, false);
            std::string prompt;
            if (body.is_object() && body.contains("messages") && !body["messages"].empty())
                prompt = body["messages"][0].value("content", "");
            {
                std::lock_guard lock(mutex);
                prompts.push_back(prompt);
            }
            if (onRequest)
                onRequest();
            std::string reply;
            if (prompt.find("Gold target:") != std::string::npos)
                reply = (prompt.find("Gold target: Paris\nPredicted answer: Paris") != std::string::npos
                         || prompt.find("Gold target: Rome\nPredicted answer: Rome") != std::string::npos)
                            ? "A"
                            : "B";
            else
                reply = (prompt.find("Expected: Paris\nAnswer: Paris") != std::string::npos
                         || prompt.find("Expected: Rome\nAnswer: Rome") != std::string::npos)
                            ? "Score: 4"
                            : "Score: 1";
            const Json answer{{"id", "chatcmpl-1"},
                              {"object", "chat.completion"},
                              {"created", 0},
                              {"model", "judge"},
                              {"choices",
                               Json::array({{{"index", 0},
                                             {"message", {{"role", "assistant"}, {"content", reply}}},
                                             {"finish_reason", "stop"}}})}};
            return QHttpServerResponse("application/json", QByteArray::fromStdString(answer.dump()));
        });
    }

    std::vector<std::string> takePrompts()
    {
        std::lock_guard lock(mutex);
        return std::exchange(prompts, {});
    }

    test::LocalHttpServer server;
    std::function<void()> onRequest; // set before the scoring call only
    std::mutex mutex;
    std::vector<std::string> prompts;
};

api::RegisterModelRequest endpointModel(const std::string &id, const Judge &judge)
{
    api::RegisterModelRequest r;
    r.model_id = id;
    r.provider_model_id = "judge";
    r.metadata.value = {{"base_url", judge.server.baseUrl().toStdString() + "/v1"}};
    return r;
}

// EngineSession overrides score/scoreBatch without the interface's default CancelToken.
QFuture<api::Result<api::ScoreResponse>> scoreOn(api::StackApi &api, api::ScoreRequest r,
                                                 api::CancelToken c = {})
{
    return api.score(std::move(r), std::move(c));
}
QFuture<api::Result<api::ScoreBatchResponse>> batchOn(api::StackApi &api, api::ScoreBatchRequest r)
{
    return api.scoreBatch(std::move(r), {});
}

bool hasBasicFunctions(api::StackApi &api)
{
    auto fn = await(api.getScoringFunction("basic::equality"));
    return bool(fn);
}

} // namespace

class TestScoringService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dataDirs = 0;
    Judge m_judge;

    std::unique_ptr<engine::Engine> openEngine(QString dataDir = {}, bool seed = false)
    {
        if (dataDir.isEmpty())
            dataDir = m_dir.filePath(QStringLiteral("data-%1").arg(++m_dataDirs));
        engine::EngineConfig config;
        config.dataDir = dataDir;
        config.threads = 2;
        config.seedSamples = seed;
        auto e = std::make_unique<engine::Engine>(config);
        const auto opened = e->open();
        if (!opened)
            qFatal("engine did not open: %s", opened.error().toString().c_str());
        return e;
    }

    //! An engine with the loopback judge registered as "judge".
    std::unique_ptr<engine::Engine> engineWithJudge()
    {
        auto e = openEngine();
        const auto model = await(e->registerModel(endpointModel("judge", m_judge)));
        if (!model)
            qFatal("judge model: %s", model.error().toString().c_str());
        return e;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); QVERIFY(m_judge.server.start()); }
    void init() { m_judge.takePrompts(); }

    void builtinsListed()
    {
        auto engine = openEngine();
        const auto list = await(engine->listScoringFunctions());
        QVERIFY_RESULT(list);
        std::vector<std::string> ids;
        for (const auto &fn : list->data)
            ids.push_back(fn.identifier);
        const std::vector<std::string> judges{"llm-as-judge::base", "llm-as-judge::405b-simpleqa"};
        QVERIFY(ids.size() >= 2);
        // Basic functions first, the judges right after them, nothing user-defined yet.
        QCOMPARE(std::vector<std::string>(ids.end() - 2, ids.end()), judges);
        if (hasBasicFunctions(*engine)) {
            const std::vector<std::string> basics{"basic::equality", "basic::subset_of",
                                                  "basic::regex_parser_multiple_choice_answer",
                                                  "basic::regex_parser_math_response", "basic::ifeval",
                                                  "basic::docvqa"};
            for (const auto &id : basics)
                QVERIFY2(std::find(ids.begin(), ids.end() - 2, id) != ids.end() - 2, id.c_str());
            QCOMPARE(ids.size(), size_t(8));
        } else {
            qWarning("basic functions not there yet: only the judges checked");
        }
        for (const auto &fn : list->data)
            QVERIFY(fn.provider_id == "basic" || fn.provider_id == "llm-as-judge");

        const auto simpleqa = await(engine->getScoringFunction("llm-as-judge::405b-simpleqa"));
        QVERIFY_RESULT(simpleqa);
        QCOMPARE(simpleqa->provider_resource_id, std::optional<std::string>("llm-as-judge-405b-simpleqa"));
        const auto &p = std::get<api::LlmAsJudgeScoringFnParams>(*simpleqa->params);
        QCOMPARE(p.judge_model, std::string(kDefaultJudge));
        QCOMPARE(p.judge_score_regexes, std::vector<std::string>{"(A|B|C)"});
        QCOMPARE(p.aggregation_functions,
                 std::vector<api::AggregationFunctionType>{api::AggregationFunctionType::CategoricalCount});
        QVERIFY(p.prompt_template->rfind("Your job is to look at a question, a gold target", 0) == 0);
        QVERIFY(p.prompt_template->find("Question: {input_query}\nGold target: {expected_answer}\n"
                                        "Predicted answer: {generated_answer}")
                != std::string::npos);
        QVERIFY_RESULT(engine::JudgePrompt::parse(*p.prompt_template));

        const auto base = await(engine->getScoringFunction("llm-as-judge::base"));
        QVERIFY_RESULT(base);
        const auto &b = std::get<api::LlmAsJudgeScoringFnParams>(*base->params);
        QCOMPARE(*b.prompt_template, std::string("Enter custom LLM as Judge Prompt Template"));
        QVERIFY(b.judge_score_regexes.empty() && b.aggregation_functions.empty());

        QVERIFY_ERROR(await(engine->getScoringFunction("nope")), 404, "Scoring function 'nope' not found");
    }

    void promptTemplate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error"); // empty: valid
        QTest::addColumn<QString>("filled");
        QTest::newRow("fields") << "{input_query}|{expected_answer}|{generated_answer}" << ""
                                << "Q?|E|G";
        QTest::newRow("braces") << "{{x}} {{{input_query}}} }}" << "" << "{x} {Q?} }";
        QTest::newRow("no fields") << "plain" << "" << "plain";
        QTest::newRow("unknown") << "{question}" << "unknown field '{question}'" << "";
        QTest::newRow("positional") << "{}" << "positional field '{}'" << "";
        QTest::newRow("index") << "{0}" << "positional field '{0}'" << "";
        QTest::newRow("single close") << "a } b" << "single '}'" << "";
        QTest::newRow("unclosed") << "{input_query" << "without a matching '}'" << "";
        QTest::newRow("format spec") << "{input_query:>10}" << "format spec" << "";
        QTest::newRow("conversion") << "{input_query!r}" << "conversion" << "";
        QTest::newRow("attribute") << "{input_query.upper}" << "attribute" << "";
    }
    void promptTemplate()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(QString, filled);
        const auto prompt = engine::JudgePrompt::parse(text.toStdString());
        if (!error.isEmpty()) {
            QVERIFY_ERROR(prompt, 400, error.toStdString());
            return;
        }
        QVERIFY_RESULT(prompt);
        const auto out
            = prompt->fill(obj({{"input_query", "Q?"}, {"expected_answer", "E"}, {"generated_answer", "G"}}));
        QVERIFY_RESULT(out);
        QCOMPARE(QString::fromStdString(*out), filled);
        // Non-string columns read as Python's str() of them; a missing one is named.
        const auto numbers = prompt->fill(
            obj({{"input_query", 2}, {"expected_answer", nullptr}, {"generated_answer", true}}));
        QVERIFY_RESULT(numbers);
        QVERIFY_ERROR(prompt->fill(obj({{"input_query", "Q"}, {"generated_answer", "G"}})), 400,
                      "row is missing 'expected_answer'");
    }

    void registerJudgeFunctions()
    {
        auto engine = openEngine();
        // The judge model need not exist yet.
        QVERIFY_RESULT(
            await(engine->registerScoringFunction(judgeFunction("my-judge", judgeParams("later-model")))));
        QVERIFY_RESULT(
            await(engine->registerScoringFunction(judgeFunction("my-judge", judgeParams("later-model")))));
        const auto got = await(engine->getScoringFunction("my-judge"));
        QVERIFY_RESULT(got);
        QCOMPARE(got->provider_id, std::string("llm-as-judge"));
        QCOMPARE(got->provider_resource_id, std::optional<std::string>("my-judge"));
        QCOMPARE(got->return_type.type, api::ParamTypeKind::String);
        QCOMPARE(std::get<api::LlmAsJudgeScoringFnParams>(*got->params).judge_model,
                 std::string("later-model"));
        const auto list = await(engine->listScoringFunctions());
        QVERIFY_RESULT(list);
        QCOMPARE(list->data.back().identifier, std::string("my-judge")); // after the built-ins

        QVERIFY_ERROR(await(engine->registerScoringFunction(judgeFunction("my-judge", judgeParams("other")))),
                      409, "already registered with different settings");
        QVERIFY_ERROR(
            await(engine->registerScoringFunction(judgeFunction("llm-as-judge::base", judgeParams("m")))),
            409, "built-in");
        QVERIFY_ERROR(await(engine->registerScoringFunction(
                          judgeFunction("b", {{"type", "basic"}, {"aggregation_functions", {"accuracy"}}}))),
                      400, "Only LLM-as-judge functions can be user-defined");
        QVERIFY_ERROR(await(engine->registerScoringFunction(
                          judgeFunction("r", {{"type", "regex_parser"}, {"parsing_regexes", {"(x)"}}}))),
                      400, "Only LLM-as-judge functions can be user-defined");
        auto noParams = judgeFunction("n", judgeParams("m"));
        noParams.params.reset();
        QVERIFY_ERROR(await(engine->registerScoringFunction(noParams)), 400, "Only LLM-as-judge");
        auto otherProvider = judgeFunction("p", judgeParams("m"));
        otherProvider.provider_id = "basic";
        QVERIFY_ERROR(await(engine->registerScoringFunction(otherProvider)), 400, "Only LLM-as-judge");
        Json noTemplate = judgeParams("m");
        noTemplate.erase("prompt_template");
        QVERIFY_ERROR(await(engine->registerScoringFunction(judgeFunction("t", noTemplate))), 400,
                      "params.prompt_template: field required");
        Json badTemplate = judgeParams("m");
        badTemplate["prompt_template"] = "Rate {answer}";
        QVERIFY_ERROR(await(engine->registerScoringFunction(judgeFunction("t", badTemplate))), 400,
                      "unknown field '{answer}'");
        badTemplate["prompt_template"] = "Rate {0}";
        QVERIFY_ERROR(await(engine->registerScoringFunction(judgeFunction("t", badTemplate))), 400,
                      "positional");
        Json badRegex = judgeParams("m");
        badRegex["judge_score_regexes"] = {"Score: (\\d+)", "(unclosed"};
        QVERIFY_ERROR(await(engine->registerScoringFunction(judgeFunction("t", badRegex))), 400,
                      "judge_score_regexes[1]");
        for (const char *id : {"b", "r", "n", "p", "t"})
            QCOMPARE(await(engine->getScoringFunction(id)).error().status, 404); // nothing half-stored

        QVERIFY_ERROR(await(engine->unregisterScoringFunction("llm-as-judge::base")), 400, "built in");
        QVERIFY_ERROR(await(engine->unregisterScoringFunction("nope")), 404, "'nope' not found");
        QVERIFY_RESULT(await(engine->getScoringFunction("llm-as-judge::base")));
        QVERIFY_RESULT(await(engine->unregisterScoringFunction("my-judge")));
        QVERIFY_ERROR(await(engine->getScoringFunction("my-judge")), 404, "my-judge");
        QVERIFY_ERROR(await(engine->unregisterScoringFunction("my-judge")), 404, "my-judge");
    }

    void persistedAndOwned()
    {
        const QString data = m_dir.filePath(QStringLiteral("persist"));
        {
            auto engine = openEngine(data);
            QVERIFY_RESULT(await(engine->registerScoringFunction(judgeFunction("kept", judgeParams("m")))));
            auto alice = engine->forPrincipal("alice");
            QVERIFY_RESULT(
                await(alice->registerScoringFunction(judgeFunction("alice-judge", judgeParams("m")))));
        }
        auto engine = openEngine(data);
        QVERIFY_RESULT(await(engine->getScoringFunction("kept")));
        auto alice = engine->forPrincipal("alice");
        auto bob = engine->forPrincipal("bob");
        QVERIFY_RESULT(await(alice->getScoringFunction("alice-judge")));
        QVERIFY_RESULT(await(alice->getScoringFunction("kept"))); // registered without auth: everyone's
        QVERIFY_RESULT(await(bob->getScoringFunction("kept")));
        QVERIFY_ERROR(await(bob->getScoringFunction("alice-judge")), 404, "alice-judge");
        const auto bobs = await(bob->listScoringFunctions());
        QVERIFY_RESULT(bobs);
        for (const auto &fn : bobs->data)
            QVERIFY(fn.identifier != "alice-judge");
        QVERIFY_ERROR(await(bob->registerScoringFunction(judgeFunction("alice-judge", judgeParams("m")))),
                      403, "another principal");
        QVERIFY_ERROR(await(bob->unregisterScoringFunction("alice-judge")), 404, "alice-judge");
        QVERIFY_RESULT(await(alice->getScoringFunction("alice-judge")));
        // Bob cannot score with Alice's function either.
        QVERIFY_ERROR(await(scoreOn(*bob, scoreRequest(capitalRows(), {{"alice-judge", nullptr}}))), 404,
                      "alice-judge");
    }

    void judgeScores()
    {
        auto engine = engineWithJudge();
        const auto scored = await(
            scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::base", judgeParams("judge")}})));
        QVERIFY_RESULT(scored);
        QCOMPARE(scored->results.size(), size_t(1));
        const api::ScoringResult &r = *scored->results.find("llm-as-judge::base");
        QCOMPARE(r.score_rows.size(), size_t(3));
        QCOMPARE(r.score_rows[0].value, Json({{"score", "4"}, {"judge_feedback", "Score: 4"}}));
        QCOMPARE(r.score_rows[1].value, Json({{"score", "1"}, {"judge_feedback", "Score: 1"}}));
        QCOMPARE(r.score_rows[2].value["score"], Json("4"));
        QCOMPARE(r.aggregated_results.value, Json::object()); // no aggregation asked
        auto prompts = m_judge.takePrompts();
        QCOMPARE(prompts.size(), size_t(3));
        std::sort(prompts.begin(), prompts.end());
        QCOMPARE(prompts[0], std::string("Question: Capital of France?\nExpected: Paris\nAnswer: Paris\n"
                                         "Reply as {Score: N}."));

        // A regex that matches nothing gives a null score, the feedback still there.
        Json noMatch = judgeParams("judge");
        noMatch["judge_score_regexes"] = {"Grade: (\\w)"};
        const auto none
            = await(scoreOn(*engine, scoreRequest({capitalRows()[0]}, {{"llm-as-judge::base", noMatch}})));
        QVERIFY_RESULT(none);
        QCOMPARE(none->results.find("llm-as-judge::base")->score_rows[0].value,
                 Json({{"score", nullptr}, {"judge_feedback", "Score: 4"}}));

        // The request's params did not change the defaults.
        const auto base = await(engine->getScoringFunction("llm-as-judge::base"));
        QVERIFY_RESULT(base);
        const auto &b = std::get<api::LlmAsJudgeScoringFnParams>(*base->params);
        QCOMPARE(b.judge_model, std::string(kDefaultJudge));
        QCOMPARE(*b.prompt_template, std::string("Enter custom LLM as Judge Prompt Template"));
        QVERIFY(b.judge_score_regexes.empty());

        // A user-defined function scores with its own defaults.
        QVERIFY_RESULT(
            await(engine->registerScoringFunction(judgeFunction("capitals", judgeParams("judge")))));
        const auto own = await(scoreOn(*engine, scoreRequest(capitalRows(), {{"capitals", nullptr}})));
        QVERIFY_RESULT(own);
        QCOMPARE(own->results.find("capitals")->score_rows[1].value["score"], Json("1"));
    }

    void judgeAggregates()
    {
        auto engine = engineWithJudge();
        const auto scored = await(
            scoreOn(*engine,
                    scoreRequest(capitalRows(),
                                 {{"llm-as-judge::base", judgeParams("judge", {"categorical_count"})}})));
        QVERIFY_RESULT(scored);
        QCOMPARE(scored->results.find("llm-as-judge::base")->aggregated_results.value,
                 Json({{"categorical_count", {{"categorical_count", {{"1", 1}, {"4", 2}}}}}}));
    }

    void simpleQaJudge()
    {
        auto engine = engineWithJudge();
        // Its default judge is not registered: 404 naming the model, not a row error.
        const auto missing = await(
            scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::405b-simpleqa", nullptr}})));
        QVERIFY_ERROR(missing, 404, kDefaultJudge);
        QVERIFY(missing.error().detail.find("input_rows[") == std::string::npos);

        // Only the judge model given: the grader template and (A|B|C) stay the function's.
        Json onlyModel{{"type", "llm_as_judge"}, {"judge_model", "judge"}};
        const auto graded = await(
            scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::405b-simpleqa", onlyModel}})));
        QVERIFY_RESULT(graded);
        const auto &rows = graded->results.find("llm-as-judge::405b-simpleqa")->score_rows;
        QCOMPARE(rows[0].value["score"], Json("A"));
        QCOMPARE(rows[1].value["score"], Json("B"));
        QCOMPARE(rows[2].value["score"], Json("A"));
        const auto prompts = m_judge.takePrompts();
        QVERIFY(!prompts.empty());
        QVERIFY(prompts[0].find("Just return the letters \"A\", \"B\", or \"C\"") != std::string::npos);

        // With the default judge registered, the defaults work, aggregated by categorical_count.
        QVERIFY_RESULT(await(engine->registerModel(endpointModel(kDefaultJudge, m_judge))));
        const auto defaults = await(
            scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::405b-simpleqa", nullptr}})));
        QVERIFY_RESULT(defaults);
        QCOMPARE(defaults->results.find("llm-as-judge::405b-simpleqa")->aggregated_results.value,
                 Json({{"categorical_count", {{"categorical_count", {{"A", 2}, {"B", 1}}}}}}));
    }

    void badRowsAndParams()
    {
        auto engine = engineWithJudge();
        auto rows = capitalRows();
        rows.push_back(obj({{"input_query", "Capital of Peru?"}, {"expected_answer", "Lima"}}));
        QVERIFY_ERROR(
            await(scoreOn(*engine, scoreRequest(rows, {{"llm-as-judge::base", judgeParams("judge")}}))), 400,
            "input_rows[3]: row is missing 'generated_answer'");
        QVERIFY_ERROR(await(scoreOn(*engine, scoreRequest(capitalRows(), {{"nope", nullptr}}))), 404,
                      "Scoring function 'nope' not found");
        QVERIFY_ERROR(await(scoreOn(*engine, scoreRequest(capitalRows(), Json::object()))), 400,
                      "scoring_functions");
        QVERIFY_ERROR(
            await(scoreOn(*engine,
                          scoreRequest(capitalRows(),
                                       {{"llm-as-judge::base",
                                         {{"type", "basic"}, {"aggregation_functions", Json::array()}}}}))),
            400, "takes params of type llm_as_judge");
        Json badRegex = judgeParams("judge");
        badRegex["judge_score_regexes"] = {"(("};
        QVERIFY_ERROR(
            await(scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::base", badRegex}}))), 400,
            "judge_score_regexes[0]");
        Json badTemplate = judgeParams("judge");
        badTemplate["prompt_template"] = "{answer}";
        QVERIFY_ERROR(
            await(scoreOn(*engine, scoreRequest(capitalRows(), {{"llm-as-judge::base", badTemplate}}))), 400,
            "unknown field '{answer}'");
        QCOMPARE(m_judge.takePrompts().size(), size_t(0)); // every bad request stopped before the judge
        QVERIFY_ERROR(await(scoreOn(*engine,
                                    scoreRequest(capitalRows(),
                                                 {{"llm-as-judge::base", judgeParams("no-such-model")}}))),
                      404, "no-such-model");

        if (!hasBasicFunctions(*engine))
            QSKIP("basic functions not there yet");
        QVERIFY_ERROR(
            await(scoreOn(*engine, scoreRequest(capitalRows(), {{"basic::equality", judgeParams("judge")}}))),
            400, "takes params of type basic");
        QVERIFY_ERROR(
            await(scoreOn(*engine,
                          scoreRequest(capitalRows(),
                                       {{"basic::equality",
                                         {{"type", "regex_parser"}, {"parsing_regexes", {"(x)"}}}}}))),
            400, "takes params of type basic");
        // A regex function takes basic params: its default regexes with those aggregations.
        const auto mc = await(scoreOn(
            *engine,
            scoreRequest({obj({{"expected_answer", "B"}, {"generated_answer", "The best answer is B"}})},
                         {{"basic::regex_parser_multiple_choice_answer",
                           {{"type", "basic"}, {"aggregation_functions", {"accuracy"}}}}})));
        QVERIFY_RESULT(mc);
        QCOMPARE(mc->results.find("basic::regex_parser_multiple_choice_answer")->score_rows[0].value["score"],
                 Json(1.0));
        rows = capitalRows();
        rows[1].value.erase("expected_answer");
        QVERIFY_ERROR(await(scoreOn(*engine, scoreRequest(rows, {{"basic::equality", nullptr}}))), 400,
                      "input_rows[1]: row is missing 'expected_answer'");
    }

    void cancelStopsBetweenRows()
    {
        auto engine = engineWithJudge();
        std::vector<api::JsonObject> rows;
        for (int i = 0; i < 40; ++i)
            rows.push_back(capitalRows()[size_t(i % 3)]);
        api::CancelToken cancel;
        m_judge.onRequest = [cancel] { cancel.cancel(); };
        const auto scored = await(
            scoreOn(*engine, scoreRequest(rows, {{"llm-as-judge::base", judgeParams("judge")}}), cancel));
        m_judge.onRequest = nullptr;
        QVERIFY_ERROR(scored, 499, "cancel");
        // At most the rows already in flight (4 at once) reached the judge.
        QVERIFY2(m_judge.takePrompts().size() <= 4, "rows kept going after the cancel");
    }

    void basicScoring()
    {
        auto engine = openEngine();
        if (!hasBasicFunctions(*engine))
            QSKIP("basic functions not there yet");
        // Upstream's test_dataset.csv answers: equality gives 3 of 5.
        std::vector<api::JsonObject> five;
        const char *pairs[5][2] = {{"a", "a"}, {"b", "x"}, {"c", "c"}, {"d", "y"}, {"e", "e"}};
        for (auto &p : pairs)
            five.push_back(
                obj({{"input_query", "q"}, {"expected_answer", p[0]}, {"generated_answer", p[1]}}));
        const auto defaults = await(scoreOn(*engine, scoreRequest(five, {{"basic::equality", nullptr}})));
        QVERIFY_RESULT(defaults);
        QCOMPARE(defaults->results.find("basic::equality")->aggregated_results.value,
                 Json({{"accuracy", {{"accuracy", 0.6}, {"num_correct", 3.0}, {"num_total", 5}}}}));
        const auto withParams = await(scoreOn(
            *engine,
            scoreRequest(five,
                         {{"basic::equality", {{"type", "basic"}, {"aggregation_functions", {"average"}}}},
                          {"basic::subset_of", nullptr}})));
        QVERIFY_RESULT(withParams);
        QCOMPARE(withParams->results.entries[0].first, std::string("basic::equality")); // request order
        QCOMPARE(withParams->results.entries[1].first, std::string("basic::subset_of"));
        QCOMPARE(withParams->results.entries[0].second.aggregated_results.value,
                 Json({{"average", {{"average", 0.6}}}}));
        // The defaults stay: accuracy again.
        const auto fn = await(engine->getScoringFunction("basic::equality"));
        QVERIFY_RESULT(fn);
        QCOMPARE(api::aggregationFunctions(*fn->params),
                 std::vector<api::AggregationFunctionType>{api::AggregationFunctionType::Accuracy});
        const auto again = await(scoreOn(*engine, scoreRequest(five, {{"basic::equality", nullptr}})));
        QVERIFY_RESULT(again);
        QVERIFY(again->results.find("basic::equality")->aggregated_results.value.contains("accuracy"));

        // Many rows are scored in parallel and come back in order.
        std::vector<api::JsonObject> many;
        for (int i = 0; i < 20000; ++i)
            many.push_back(obj({{"expected_answer", std::to_string(i)},
                                {"generated_answer", i % 3 == 0 ? std::to_string(i) : "no"}}));
        many[15001].value.erase("generated_answer");
        QVERIFY_ERROR(await(scoreOn(*engine, scoreRequest(many, {{"basic::equality", nullptr}}))), 400,
                      "input_rows[15001]: row is missing 'generated_answer'");
        many[15001].value["generated_answer"] = "no";
        const auto big = await(scoreOn(*engine, scoreRequest(many, {{"basic::equality", nullptr}})));
        QVERIFY_RESULT(big);
        const auto &scores = big->results.find("basic::equality")->score_rows;
        QCOMPARE(scores.size(), many.size());
        for (size_t i = 0; i < scores.size(); ++i)
            if (scores[i].value["score"] != Json(i % 3 == 0 ? 1.0 : 0.0))
                QFAIL(qPrintable(QStringLiteral("row %1 out of order").arg(i)));
    }

    void scoreBatchAndSave()
    {
        auto engine = engineWithJudge();
        api::RegisterDatasetRequest dataset;
        dataset.dataset_id = "capitals";
        dataset.purpose = api::DatasetPurpose::EvalQuestionAnswer;
        dataset.source = api::RowsDataSource{capitalRows()};
        QVERIFY_RESULT(await(engine->registerDataset(dataset)));

        api::ScoreBatchRequest request;
        request.dataset_id = "capitals";
        request.scoring_functions
            = parsed<api::ScoringFunctionsParams>({{"llm-as-judge::base", judgeParams("judge")}});
        const auto plain = await(batchOn(*engine, request));
        QVERIFY_RESULT(plain);
        QVERIFY(!plain->dataset_id);
        QCOMPARE(plain->results.find("llm-as-judge::base")->score_rows.size(), size_t(3));

        request.save_results_dataset = true;
        const auto saved = await(batchOn(*engine, request));
        QVERIFY_RESULT(saved);
        QCOMPARE(saved->dataset_id, std::optional<std::string>("capitals-scored-1"));
        const auto page = await(engine->iterrows("capitals-scored-1", std::nullopt, std::nullopt));
        QVERIFY_RESULT(page);
        QCOMPARE(page->data.size(), size_t(3));
        QCOMPARE(page->data[1].value["input_query"], Json("Capital of Spain?"));
        QCOMPARE(page->data[1].value["llm-as-judge::base.score"], Json("1"));
        QCOMPARE(page->data[0].value["llm-as-judge::base.score"], Json("4"));
        const auto again = await(batchOn(*engine, request));
        QVERIFY_RESULT(again);
        QCOMPARE(again->dataset_id, std::optional<std::string>("capitals-scored-2"));

        request.dataset_id = "nope";
        QVERIFY_ERROR(await(batchOn(*engine, request)), 404, "Dataset 'nope' not found");
        // Another principal does not see the dataset at all.
        request.dataset_id = "capitals";
        auto alice = engine->forPrincipal("alice");
        QVERIFY_RESULT(await(alice->getDataset("capitals"))); // registered without auth: shared
        api::RegisterDatasetRequest hers = dataset;
        hers.dataset_id = "hers";
        QVERIFY_RESULT(await(alice->registerDataset(hers)));
        request.dataset_id = "hers";
        request.save_results_dataset = false;
        QVERIFY_ERROR(await(batchOn(*engine->forPrincipal("bob"), request)), 404, "Dataset 'hers' not found");
    }
};

QTEST_GUILESS_MAIN(TestScoringService)
#include "tst_scoring_service.moc"
