// BenchmarkService on a real Engine (SQLite store in a temporary folder):
//  - register / list / get / unregister, the same content again a no-op, other content a 409;
//  - what registering checks: the dataset and every scoring function exist as the caller sees
//    them (404 naming the missing one), at least one function, no function twice, the provider;
//  - persistence across a restart, principals kept apart;
//  - the bundled sample benchmarks seeded once per store over the sample datasets.

#include "result_macros.h"
#include "api/async.h"
#include "engine/engine.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace wb;
using api::await;
using api::Json;

namespace {

// A built-in function that exists whatever else is there.
constexpr const char *kJudgeFn = "llm-as-judge::base";

api::RegisterDatasetRequest rowsDataset(const std::string &id)
{
    api::RegisterDatasetRequest r;
    r.dataset_id = id;
    r.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    r.source = api::RowsDataSource{{api::JsonObject{
        Json{{"input_query", "2+2?"}, {"expected_answer", "4"}, {"generated_answer", "4"}}}}};
    return r;
}

api::RegisterBenchmarkRequest benchmark(const std::string &id, const std::string &dataset,
                                        std::vector<std::string> functions = {kJudgeFn})
{
    api::RegisterBenchmarkRequest r;
    r.benchmark_id = id;
    r.dataset_id = dataset;
    r.scoring_functions = std::move(functions);
    return r;
}

std::vector<std::string> ids(const api::ListBenchmarksResponse &list)
{
    std::vector<std::string> out;
    for (const auto &b : list.data)
        out.push_back(b.identifier);
    return out;
}

} // namespace

class TestBenchmarks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dataDirs = 0;

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

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void registerListGetUnregister()
    {
        auto engine = openEngine();
        QVERIFY_RESULT(await(engine->registerDataset(rowsDataset("qa"))));
        QCOMPARE(await(engine->listBenchmarks())->data.size(), size_t(0));

        auto request = benchmark("bench", "qa");
        request.metadata.value = {{"note", "kept"}};
        QVERIFY_RESULT(await(engine->registerBenchmark(request)));
        QVERIFY_RESULT(await(engine->registerBenchmark(request))); // identical: a no-op
        auto second = benchmark("other", "qa");
        second.provider_benchmark_id = "upstream-name";
        second.provider_id = "meta-reference";
        QVERIFY_RESULT(await(engine->registerBenchmark(second)));

        const auto list = await(engine->listBenchmarks());
        QVERIFY_RESULT(list);
        QCOMPARE(ids(*list), (std::vector<std::string>{"bench", "other"}));
        const auto got = await(engine->getBenchmark("bench"));
        QVERIFY_RESULT(got);
        QCOMPARE(got->provider_id, std::string("meta-reference"));
        QCOMPARE(got->provider_resource_id, std::optional<std::string>("bench"));
        QCOMPARE(got->dataset_id, std::string("qa"));
        QCOMPARE(got->scoring_functions, std::vector<std::string>{kJudgeFn});
        QCOMPARE(got->metadata.value, Json({{"note", "kept"}}));
        QCOMPARE(await(engine->getBenchmark("other"))->provider_resource_id,
                 std::optional<std::string>("upstream-name"));
        const Json wire = api::toJson(*got);
        QCOMPARE(wire["type"], Json("benchmark"));

        auto changed = request;
        changed.metadata.value = {{"note", "different"}};
        QVERIFY_ERROR(await(engine->registerBenchmark(changed)), 409,
                      "already registered with different settings");
        QCOMPARE(await(engine->getBenchmark("bench"))->metadata.value, Json({{"note", "kept"}}));

        QVERIFY_RESULT(await(engine->unregisterBenchmark("bench")));
        QVERIFY_ERROR(await(engine->getBenchmark("bench")), 404, "Benchmark 'bench' not found");
        QVERIFY_ERROR(await(engine->unregisterBenchmark("bench")), 404, "Benchmark 'bench' not found");
        QCOMPARE(ids(*await(engine->listBenchmarks())), std::vector<std::string>{"other"});
        // The dataset is untouched, and the id can be taken again with other content.
        QVERIFY_RESULT(await(engine->getDataset("qa")));
        QVERIFY_RESULT(await(engine->registerBenchmark(changed)));
    }

    void registrationChecks()
    {
        auto engine = openEngine();
        QVERIFY_RESULT(await(engine->registerDataset(rowsDataset("qa"))));
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("b", "missing"))), 404,
                      "Dataset 'missing' not found");
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("b", "qa", {kJudgeFn, "no::such-fn"}))), 404,
                      "Scoring function 'no::such-fn' not found");
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("b", "qa", {}))), 400,
                      "at least one scoring function");
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("b", "qa", {kJudgeFn, kJudgeFn}))), 400,
                      "listed twice");
        auto provider = benchmark("b", "qa");
        provider.provider_id = "nvidia";
        QVERIFY_ERROR(await(engine->registerBenchmark(provider)), 400, "provider_id");
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("", "qa"))), 400, "benchmark_id");
        QVERIFY_ERROR(await(engine->getBenchmark("b")), 404, "'b' not found"); // nothing stored

        // A user-defined judge function counts; once unregistered it no longer does.
        auto fn = api::parse<api::RegisterScoringFunctionRequest>(
            Json{{"scoring_fn_id", "my-judge"},
                 {"description", "d"},
                 {"return_type", {{"type", "string"}}},
                 {"params",
                  {{"type", "llm_as_judge"}, {"judge_model", "m"}, {"prompt_template", "{input_query}"}}}});
        QVERIFY_RESULT(fn);
        QVERIFY_RESULT(await(engine->registerScoringFunction(*fn)));
        QVERIFY_RESULT(await(engine->registerBenchmark(benchmark("mine", "qa", {"my-judge"}))));
        QVERIFY_RESULT(await(engine->unregisterScoringFunction("my-judge")));
        QVERIFY_ERROR(await(engine->registerBenchmark(benchmark("mine2", "qa", {"my-judge"}))), 404,
                      "my-judge");
    }

    void persistedAndOwned()
    {
        const QString data = m_dir.filePath(QStringLiteral("persist"));
        {
            auto engine = openEngine(data);
            QVERIFY_RESULT(await(engine->registerDataset(rowsDataset("shared-qa"))));
            QVERIFY_RESULT(await(engine->registerBenchmark(benchmark("shared", "shared-qa"))));
            auto alice = engine->forPrincipal("alice");
            QVERIFY_RESULT(await(alice->registerDataset(rowsDataset("alice-qa"))));
            QVERIFY_RESULT(await(alice->registerBenchmark(benchmark("alice-bench", "alice-qa"))));
        }
        auto engine = openEngine(data);
        QCOMPARE(ids(*await(engine->listBenchmarks())), (std::vector<std::string>{"shared", "alice-bench"}));
        auto alice = engine->forPrincipal("alice");
        auto bob = engine->forPrincipal("bob");
        QCOMPARE(ids(*await(alice->listBenchmarks())), (std::vector<std::string>{"shared", "alice-bench"}));
        QCOMPARE(ids(*await(bob->listBenchmarks())), std::vector<std::string>{"shared"});
        QVERIFY_ERROR(await(bob->getBenchmark("alice-bench")), 404, "alice-bench");
        QVERIFY_ERROR(await(bob->unregisterBenchmark("alice-bench")), 404, "alice-bench");
        QVERIFY_ERROR(await(bob->registerBenchmark(benchmark("alice-bench", "shared-qa"))), 403,
                      "another principal");
        // Alice's dataset does not exist for Bob.
        QVERIFY_ERROR(await(bob->registerBenchmark(benchmark("bobs", "alice-qa"))), 404,
                      "Dataset 'alice-qa' not found");
        QVERIFY_RESULT(await(alice->getBenchmark("alice-bench")));
        QVERIFY_RESULT(await(alice->unregisterBenchmark("alice-bench")));
        QVERIFY_ERROR(await(engine->getBenchmark("alice-bench")), 404, "alice-bench");
    }

    void sampleBenchmarks()
    {
        const QString data = m_dir.filePath(QStringLiteral("samples"));
        {
            auto engine = openEngine(data, true);
            const auto list = await(engine->listBenchmarks());
            QVERIFY_RESULT(list);
            QCOMPARE(ids(*list), (std::vector<std::string>{"sample/capitals-qa", "sample/arithmetic"}));
            const auto capitals = await(engine->getBenchmark("sample/capitals-qa"));
            QVERIFY_RESULT(capitals);
            QCOMPARE(capitals->dataset_id, std::string("sample/capitals-and-facts-qa"));
            QCOMPARE(capitals->scoring_functions, std::vector<std::string>{"basic::subset_of"});
            QVERIFY(capitals->metadata.value.value("description", "").find("sample") != std::string::npos);
            const auto arithmetic = await(engine->getBenchmark("sample/arithmetic"));
            QVERIFY_RESULT(arithmetic);
            QCOMPARE(arithmetic->dataset_id, std::string("sample/arithmetic-messages-answer"));
            QCOMPARE(arithmetic->scoring_functions, std::vector<std::string>{"basic::equality"});
            // Every principal sees them.
            QCOMPARE(ids(*await(engine->forPrincipal("alice")->listBenchmarks())).size(), size_t(2));
            QVERIFY_RESULT(await(engine->unregisterBenchmark("sample/arithmetic")));
        }
        // Seeded once per store: the one the user removed stays removed.
        auto engine = openEngine(data, true);
        QCOMPARE(ids(*await(engine->listBenchmarks())), std::vector<std::string>{"sample/capitals-qa"});
        // Without seeding, no samples.
        auto plain = openEngine();
        QCOMPARE(await(plain->listBenchmarks())->data.size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestBenchmarks)
#include "tst_benchmarks.moc"
