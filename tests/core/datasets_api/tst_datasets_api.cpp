// Datasets and DatasetIO behaviour through the StackApi interface, with a real SQLite store and real
// files. Every test runs twice with the same assertions: on the in-process engine, and through the
// remote client to a real server on loopback (remote client → HTTP → ApiServer → engine).

#include "result_macros.h"
#include "api/async.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "local_http_server.h"
#include "remote/remote_client.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;
using api::await;

namespace {

// Upstream's tests/integration/datasets/test_dataset.csv, as the peer tests upload it.
const char *kUpstreamTestCsv =
    "input_query,generated_answer,expected_answer,chat_completion_input\n"
    "What is the capital of France?,London,Paris,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"What is the capital of France?\"\"}]\"\n"
    "Who is the CEO of Meta?,Mark Zuckerberg,Mark Zuckerberg,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"Who is the CEO of Meta?\"\"}]\"\n"
    "What is the largest planet in our solar system?,Jupiter,Jupiter,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"What is the largest planet in our solar system?\"\"}]\"\n"
    "What is the smallest country in the world?,China,Vatican City,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"What is the smallest country in the world?\"\"}]\"\n"
    "What is the currency of Japan?,Yen,Yen,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"What is the currency of Japan?\"\"}]\"\n";

api::JsonObject row(api::Json j)
{
    return api::JsonObject{std::move(j)};
}

api::RegisterDatasetRequest uriRequest(const std::string &uri, std::optional<std::string> id = {})
{
    api::RegisterDatasetRequest r;
    r.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    r.source = api::UriDataSource{uri};
    r.dataset_id = std::move(id);
    return r;
}

api::RegisterDatasetRequest rowsRequest(int n, std::optional<std::string> id = {})
{
    api::RegisterDatasetRequest r;
    r.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    api::RowsDataSource rows;
    for (int i = 0; i < n; ++i)
        rows.rows.push_back(row({{"question", "q" + std::to_string(i)}, {"answer", std::to_string(i)}}));
    r.source = rows;
    r.dataset_id = std::move(id);
    return r;
}

} // namespace

// Evaluates its argument once: the argument is often the call under test.
enum class Backend { Engine, Remote };

class TestDatasetsApi : public QObject
{
    Q_OBJECT

public:
    explicit TestDatasetsApi(Backend backend) : m_backend(backend) {}

private:
    const Backend m_backend;
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<test::ApiServerThread> m_server;     // remote: no auth, principal ""
    std::unique_ptr<test::ApiServerThread> m_authServer; // remote: tokens for alice and bob
    std::unique_ptr<remote::RemoteClient> m_client;

    api::StackApi &api() { return m_backend == Backend::Engine ? static_cast<api::StackApi &>(*m_engine) : *m_client; }

    server::StackApiProvider provider()
    {
        engine::Engine *engine = m_engine.get();
        return [engine](const std::string &principal) { return engine->forPrincipal(principal); };
    }

    static server::ServerOptions serverOptions()
    {
        server::ServerOptions options;
        options.port = 0;
        options.allowFiles = {QStringLiteral("/")}; // path policy has its own tests (tst_server)
        options.allowRemoteUris = true;
        return options;
    }

    //! The API as `principal` sees it: an engine session, or a client with that principal's token.
    std::shared_ptr<api::StackApi> principalApi(const std::string &principal)
    {
        if (m_backend == Backend::Engine)
            return m_engine->forPrincipal(principal);
        if (!m_authServer) {
            auto options = serverOptions();
            options.authTokens = {{"tok-alice", "alice"}, {"tok-bob", "bob"}};
            m_authServer = std::make_unique<test::ApiServerThread>(provider(), options);
        }
        remote::RemoteOptions options;
        options.baseUrl = m_authServer->baseUrl();
        options.token = QString::fromStdString("tok-" + principal);
        return std::make_shared<remote::RemoteClient>(options);
    }

    //! (Re)starts everything on the same data folder: a restart of the app or of the server.
    void openEngine(bool seedSamples = false)
    {
        m_client.reset();
        m_authServer.reset();
        m_server.reset();
        m_engine.reset();
        m_engine = std::make_unique<engine::Engine>(
            engine::EngineConfig{m_dir.filePath(QStringLiteral("data")), seedSamples, 2, 1 << 20});
        auto opened = m_engine->open();
        QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
        if (m_backend == Backend::Remote) {
            m_server = std::make_unique<test::ApiServerThread>(provider(), serverOptions());
            QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
            remote::RemoteOptions options;
            options.baseUrl = m_server->baseUrl();
            options.timeoutMs = 10000;
            m_client = std::make_unique<remote::RemoteClient>(options);
        }
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

    std::vector<std::string> ids()
    {
        std::vector<std::string> out;
        auto list = await(api().listDatasets());
        if (list)
            for (const auto &d : list->data)
                out.push_back(d.identifier);
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.filePath(QStringLiteral("data"))).removeRecursively();
        openEngine();
    }
    void cleanup()
    {
        m_client.reset();
        m_authServer.reset();
        m_server.reset();
        m_engine.reset();
    }

    void registerWithoutIdGeneratesDatasetUuidAndInfersProvider()
    {
        auto rows = await(api().registerDataset(rowsRequest(2)));
        QVERIFY_RESULT(rows);
        QVERIFY(rows->identifier.rfind("dataset-", 0) == 0);
        QCOMPARE(rows->identifier.size(), std::string("dataset-").size() + 36);
        QCOMPARE(rows->provider_id, std::string("localfs"));
        QCOMPARE(*rows->provider_resource_id, rows->identifier);

        auto hf = await(api().registerDataset(uriRequest("huggingface://datasets/llamastack/simpleqa?split=train")));
        QVERIFY_RESULT(hf);
        QCOMPARE(hf->provider_id, std::string("huggingface"));

        auto explicitId = await(api().registerDataset(uriRequest("/tmp/x.csv", std::string("my/ds"))));
        QVERIFY_RESULT(explicitId);
        QCOMPARE(explicitId->identifier, std::string("my/ds")); // ids may contain '/'
        QCOMPARE(explicitId->provider_id, std::string("localfs"));
    }

    void registerWithEmptyIdGeneratesOne()
    {
        auto r = await(api().registerDataset(rowsRequest(1, std::string())));
        QVERIFY_RESULT(r);
        QVERIFY(r->identifier.rfind("dataset-", 0) == 0);
    }

    void metadataProviderIdIsHonouredAndUnknownProviderIsBadRequest()
    {
        auto req = rowsRequest(1);
        req.metadata.value = {{"provider_id", "nvidia"}};
        auto r = await(api().registerDataset(req));
        QVERIFY(!r);
        QCOMPARE(r.error().status, 400);
        QVERIFY(r.error().detail.find("nvidia") != std::string::npos);
        QVERIFY(ids().empty()); // nothing stored
    }

    void identicalReRegistrationIsNoOpDifferentIsConflict()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(2, std::string("d")))));
        auto again = await(api().registerDataset(rowsRequest(2, std::string("d"))));
        QVERIFY_RESULT(again);
        auto other = await(api().registerDataset(rowsRequest(3, std::string("d"))));
        QVERIFY(!other);
        QCOMPARE(other.error().status, 409);
        // The original is intact.
        auto page = await(api().iterrows("d", {}, {}));
        QVERIFY_RESULT(page);
        QCOMPARE(page->data.size(), size_t(2));
    }

    void getListUnregisterAndNotFoundEverywhere()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(2, std::string("a")))));
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(2, std::string("b")))));
        QCOMPARE(ids(), (std::vector<std::string>{"a", "b"}));
        auto got = await(api().getDataset("a"));
        QVERIFY_RESULT(got);
        QCOMPARE(api::toJson(got.value())["type"].get<std::string>(), std::string("dataset"));
        QVERIFY_RESULT(await(api().unregisterDataset("a")));
        QCOMPARE(ids(), (std::vector<std::string>{"b"}));

        QCOMPARE(await(api().getDataset("a")).error().status, 404);
        QCOMPARE(await(api().unregisterDataset("a")).error().status, 404);
        QCOMPARE(await(api().iterrows("a", 0, 10)).error().status, 404);
        QCOMPARE(await(api().appendRows("a", {row({{"x", 1}})})).error().status, 404);
        QCOMPARE(await(api().datasetStats("a")).error().status, 404);
        QVERIFY(await(api().getDataset("a")).error().detail.find("'a'") != std::string::npos);
    }

    void iterrowsPagination_data()
    {
        QTest::addColumn<int>("start");   // -2: absent
        QTest::addColumn<int>("limit");   // -2: absent
        QTest::addColumn<int>("first");   // expected first row index, -1 for none
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("hasMore");
        // 10 rows.
        QTest::newRow("no limit returns all") << -2 << -2 << 0 << 10 << false;
        QTest::newRow("no limit ignores start") << 5 << -2 << 0 << 10 << false;
        QTest::newRow("limit -1 ignores start") << 5 << -1 << 0 << 10 << false;
        QTest::newRow("first page") << 0 << 3 << 0 << 3 << true;
        QTest::newRow("start absent is 0") << -2 << 4 << 0 << 4 << true;
        QTest::newRow("middle page") << 3 << 3 << 3 << 3 << true;
        QTest::newRow("exact last page") << 7 << 3 << 7 << 3 << false;
        QTest::newRow("short last page") << 8 << 5 << 8 << 2 << false;
        QTest::newRow("start at end") << 10 << 5 << -1 << 0 << false;
        QTest::newRow("start beyond end") << 50 << 5 << -1 << 0 << false;
        QTest::newRow("limit 0 before end") << 2 << 0 << -1 << 0 << true;
        QTest::newRow("limit 0 at end") << 10 << 0 << -1 << 0 << false;
    }

    void iterrowsPagination()
    {
        QFETCH(int, start);
        QFETCH(int, limit);
        QFETCH(int, first);
        QFETCH(int, count);
        QFETCH(bool, hasMore);
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(10, std::string("p")))));
        auto page = await(api().iterrows("p", start == -2 ? std::nullopt : std::optional<int64_t>(start),
                                         limit == -2 ? std::nullopt : std::optional<int64_t>(limit)));
        QVERIFY_RESULT(page);
        QCOMPARE(int(page->data.size()), count);
        QCOMPARE(page->has_more, hasMore);
        if (first >= 0)
            QCOMPARE(page->data.front().value["question"].get<std::string>(), "q" + std::to_string(first));
    }

    void iterrowsRejectsNegativeValues()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(3, std::string("p")))));
        auto badStart = await(api().iterrows("p", -1, 2));
        QCOMPARE(badStart.error().status, 400);
        QVERIFY(badStart.error().detail.rfind("start_index", 0) == 0);
        auto badLimit = await(api().iterrows("p", 0, -5));
        QCOMPARE(badLimit.error().status, 400);
        QVERIFY(badLimit.error().detail.rfind("limit", 0) == 0);
    }

    void appendedRowsFollowSourceRowsAndSurviveRestart()
    {
        const QString csv = writeFile(QStringLiteral("qa.csv"), "question,answer\nq0,a0\nq1,a1\nq2,a2\n");
        QVERIFY_RESULT(await(api().registerDataset(uriRequest(csv.toStdString(), std::string("f")))));
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(2, std::string("r")))));
        QVERIFY_RESULT(await(api().appendRows("f", {row({{"question", "q3"}, {"answer", "a3"}}),
                                                    row({{"question", "q4"}, {"answer", "a4"}, {"extra", true}})})));
        QVERIFY_RESULT(await(api().appendRows("r", {row({{"question", "new"}, {"answer", "x"}})})));

        auto check = [this] {
            auto page = await(api().iterrows("f", 2, 10));
            QVERIFY_RESULT(page);
            QCOMPARE(page->data.size(), size_t(3));
            QCOMPARE(page->data[0].value["question"].get<std::string>(), std::string("q2"));
            QCOMPARE(page->data[1].value["question"].get<std::string>(), std::string("q3"));
            QCOMPARE(page->data[2].value["extra"].get<bool>(), true);
            auto tail = await(api().iterrows("f", 4, 1));
            QVERIFY_RESULT(tail);
            QCOMPARE(tail->data.size(), size_t(1));
            QCOMPARE(tail->has_more, false);
            auto all = await(api().iterrows("r", {}, {}));
            QVERIFY_RESULT(all);
            QCOMPARE(all->data.size(), size_t(3));
            QCOMPARE(all->data[2].value["question"].get<std::string>(), std::string("new"));
            auto stats = await(api().datasetStats("f"));
            QVERIFY_RESULT(stats);
            QCOMPARE(stats->row_count, int64_t(5));
            QCOMPARE(stats->appended_row_count, int64_t(2));
            QCOMPARE(stats->columns, (std::vector<std::string>{"question", "answer", "extra"}));
            QCOMPARE(stats->format, std::string("csv"));
        };
        check();
        if (QTest::currentTestFailed())
            return;
        openEngine(); // a restart: a new engine on the same data folder
        check();
    }

    void unregisterDropsAppendedRows()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(1, std::string("r")))));
        QVERIFY_RESULT(await(api().appendRows("r", {row({{"question", "x"}})})));
        QVERIFY_RESULT(await(api().unregisterDataset("r")));
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(1, std::string("r")))));
        auto all = await(api().iterrows("r", {}, {}));
        QVERIFY_RESULT(all);
        QCOMPARE(all->data.size(), size_t(1));
        // Registered again with other content under the same id: nothing cached from before shows.
        QVERIFY_RESULT(await(api().unregisterDataset("r")));
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(3, std::string("r")))));
        QCOMPARE(await(api().iterrows("r", {}, {}))->data.size(), size_t(3));
        const std::string csv = "data:text/csv,question%2Canswer%0Aa%2Cb%0A";
        QVERIFY_RESULT(await(api().unregisterDataset("r")));
        QVERIFY_RESULT(await(api().registerDataset(uriRequest(csv, std::string("r")))));
        QCOMPARE(await(api().iterrows("r", {}, {}))->data.size(), size_t(1));
    }

    void sourcesPathFileUriAndDataUri()
    {
        const QString csv = writeFile(QStringLiteral("upstream.csv"), kUpstreamTestCsv);
        const std::string fileUri = QUrl::fromLocalFile(csv).toString().toStdString();
        const std::string dataUri = "data:text/csv;base64," + QByteArray(kUpstreamTestCsv).toBase64().toStdString();
        for (const std::string &uri : {csv.toStdString(), fileUri, dataUri}) {
            auto ds = await(api().registerDataset(uriRequest(uri)));
            QVERIFY_RESULT(ds);
            auto page = await(api().iterrows(ds->identifier, {}, 5));
            QVERIFY_RESULT(page);
            QCOMPARE(page->data.size(), size_t(5));
            QCOMPARE(page->data[0].value.size(), size_t(4));
            // CSV cells stay strings, JSON columns included (as upstream).
            QVERIFY(page->data[0].value["chat_completion_input"].is_string());
            QCOMPARE(page->data[3].value["expected_answer"].get<std::string>(), std::string("Vatican City"));
        }
        // Percent-encoded data: URI with a charset.
        auto pct = await(api().registerDataset(uriRequest("data:text/csv;charset=utf-8,question%2Canswer%0Ah%C3%A9%2Cx%0A")));
        QVERIFY_RESULT(pct);
        auto page = await(api().iterrows(pct->identifier, {}, {}));
        QVERIFY_RESULT(page);
        QCOMPARE(page->data.size(), size_t(1));
        QCOMPARE(page->data[0].value["question"].get<std::string>(), std::string("h\xC3\xA9"));
    }

    void jsonlAndJsonFilesAreSupported()
    {
        const QString jsonl = writeFile(QStringLiteral("m.jsonl"),
                                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"answer\":\"x\"}\n"
                                        "\n{\"messages\":[],\"answer\":\"y\"}\n");
        const QString json = writeFile(QStringLiteral("m.json"), "[{\"a\":1},{\"a\":2,\"b\":[1,2]}]");
        auto l = await(api().registerDataset(uriRequest(jsonl.toStdString())));
        auto j = await(api().registerDataset(uriRequest(json.toStdString())));
        QVERIFY_RESULT(l);
        QVERIFY_RESULT(j);
        auto lp = await(api().iterrows(l->identifier, {}, {}));
        QVERIFY_RESULT(lp);
        QCOMPARE(lp->data.size(), size_t(2));
        QVERIFY(lp->data[0].value["messages"].is_array());
        auto jp = await(api().iterrows(j->identifier, 1, 1));
        QVERIFY_RESULT(jp);
        QCOMPARE(jp->data.size(), size_t(1));
        QCOMPARE(jp->data[0].value["b"].size(), size_t(2));
    }

    void localFileChangesAreSeen()
    {
        const QString csv = writeFile(QStringLiteral("grow.csv"), "question,answer\nq0,a0\n");
        QVERIFY_RESULT(await(api().registerDataset(uriRequest(csv.toStdString(), std::string("g")))));
        QCOMPARE(await(api().iterrows("g", {}, {}))->data.size(), size_t(1));
        QTest::qWait(20); // a later modification time
        writeFile(QStringLiteral("grow.csv"), "question,answer\nq0,a0\nq1,a1\nq2,a2\n");
        QCOMPARE(await(api().iterrows("g", {}, {}))->data.size(), size_t(3));
    }

    void badInputGivesClearErrorsAndKeepsWhatIsStored()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(2, std::string("good")))));

        // Unsupported scheme: accepted at register like upstream, fails clearly at iterrows.
        auto lsfs = await(api().registerDataset(uriRequest("lsfs://mydata.jsonl", std::string("lsfs"))));
        QVERIFY_RESULT(lsfs);
        auto lsfsRows = await(api().iterrows("lsfs", 0, 1));
        QCOMPARE(lsfsRows.error().status, 400);
        QVERIFY(lsfsRows.error().detail.find("lsfs") != std::string::npos);

        auto missing = await(api().registerDataset(uriRequest("/nonexistent/dir/x.csv", std::string("missing"))));
        QVERIFY_RESULT(missing);
        auto missingRows = await(api().iterrows("missing", 0, 1));
        QCOMPARE(missingRows.error().status, 404);
        QVERIFY(missingRows.error().detail.find("/nonexistent/dir/x.csv") != std::string::npos);

        const QString unknown = writeFile(QStringLiteral("notes.txt"), "hello");
        QVERIFY_RESULT(await(api().registerDataset(uriRequest(unknown.toStdString(), std::string("txt")))));
        auto txtRows = await(api().iterrows("txt", 0, 1));
        QCOMPARE(txtRows.error().status, 400);
        QVERIFY(txtRows.error().detail.find("Unsupported file type") != std::string::npos);

        const QString broken = writeFile(QStringLiteral("broken.jsonl"), "{\"a\":1}\n{\"a\":\n{\"a\":3}\n");
        QVERIFY_RESULT(await(api().registerDataset(uriRequest(broken.toStdString(), std::string("broken")))));
        auto brokenRows = await(api().iterrows("broken", {}, {}));
        QCOMPARE(brokenRows.error().status, 400);
        QVERIFY2(brokenRows.error().detail.find("line 2") != std::string::npos, brokenRows.error().detail.c_str());

        auto badData = await(api().registerDataset(uriRequest("data:text/csv;base64,@@@not-base64@@@", std::string("bad64"))));
        QVERIFY_RESULT(badData);
        QCOMPARE(await(api().iterrows("bad64", 0, 1)).error().status, 400);

        // Over the data: URI limit (1 MiB in this fixture): refused at register, nothing stored.
        const std::string huge = "data:text/csv;base64," + std::string(3 << 20, 'A');
        auto tooBig = await(api().registerDataset(uriRequest(huge, std::string("huge"))));
        QVERIFY(!tooBig);
        QCOMPARE(tooBig.error().status, 413);
        QCOMPARE(await(api().getDataset("huge")).error().status, 404);

        // What was stored before is untouched.
        auto good = await(api().iterrows("good", {}, {}));
        QVERIFY_RESULT(good);
        QCOMPARE(good->data.size(), size_t(2));
        QCOMPARE(ids().size(), size_t(6));
    }

    void samplesAreSeededOnceAndDeletionIsRespected()
    {
        openEngine(true);
        auto list = ids();
        // One per purpose, the fine-tuning example's training set and the rerank sample.
        QCOMPARE(list.size(), size_t(5));
        for (const auto &id : list) {
            auto ds = await(api().getDataset(id));
            QVERIFY_RESULT(ds);
            auto stats = await(api().datasetStats(id));
            QVERIFY_RESULT(stats);
            // The rerank sample has no purpose of its own in the spec: it has the columns the rerank
            // playground's batch mode reads instead.
            const bool rerank = id == "sample/rerank-queries";
            QVERIFY(stats->row_count >= (rerank ? 10 : 20));
            const auto columns = rerank ? std::vector<std::string>{"query", "candidates", "relevance"}
                                        : api::expectedColumns(ds->purpose); // each sample fits its purpose
            for (const auto &col : columns)
                QVERIFY2(std::find(stats->columns.begin(), stats->columns.end(), col) != stats->columns.end(),
                         (id + " lacks " + col).c_str());
        }
        QVERIFY_RESULT(await(api().unregisterDataset(list.front())));
        openEngine(true);
        QCOMPARE(ids().size(), size_t(4));
    }

    void aStoreSeededByAnEarlierVersionGetsOnlyTheNewerSamples()
    {
        // Seeding round 1 (the three first samples) is what a store made before post-training
        // has; round 2 added the fine-tuning example's training set.
        openEngine(true);
        QVERIFY_RESULT(await(api().unregisterDataset("sample/capitals-and-facts-train")));
        QVERIFY_RESULT(await(api().unregisterDataset("sample/arithmetic-messages-answer")));
        m_client.reset();
        m_authServer.reset();
        m_server.reset();
        m_engine.reset();
        {
            auto store = store::Store::openSqlite(QDir(m_dir.filePath(QStringLiteral("data"))).filePath(
                QStringLiteral("store.sqlite")));
            QVERIFY_RESULT(store);
            QVERIFY_RESULT((*store)->setMeta("samples_seeded", "1"));
        }
        openEngine(true);
        const auto list = ids();
        // The round-2 sample comes back; the round-1 sample the user deleted stays deleted.
        QVERIFY(std::find(list.begin(), list.end(), "sample/capitals-and-facts-train") != list.end());
        QVERIFY(std::find(list.begin(), list.end(), "sample/rerank-queries") != list.end()); // round 3
        QVERIFY(std::find(list.begin(), list.end(), "sample/arithmetic-messages-answer") == list.end());
        QCOMPARE(list.size(), size_t(4));
        openEngine(true); // seeded once: nothing changes on the next start
        QCOMPARE(ids().size(), size_t(4));
    }

    void httpSourceIsFetchedOnceCachedAndRefetchedWhenChanged()
    {
        test::LocalHttpServer server;
        std::atomic<int> version{1};
        server.route(QStringLiteral("/qa.csv"), [&version](const QHttpServerRequest &request) {
            const QByteArray etag = "\"v" + QByteArray::number(version.load()) + "\"";
            if (request.value("If-None-Match") == etag) {
                QHttpServerResponse notModified("text/plain", QByteArray(),
                                                QHttpServerResponse::StatusCode::NotModified);
                return notModified;
            }
            QByteArray body = "question,answer\n";
            for (int i = 0; i < version.load() * 2; ++i)
                body += "q" + QByteArray::number(i) + ",a\n";
            QHttpServerResponse response("text/csv", body);
            response.setHeader("ETag", etag);
            return response;
        });
        QVERIFY(server.start());
        auto ds = await(api().registerDataset(uriRequest(server.url(QStringLiteral("/qa.csv")))));
        QVERIFY_RESULT(ds);
        QCOMPARE(server.requestCount(QStringLiteral("/qa.csv")), 0); // not fetched at register
        auto page = await(api().iterrows(ds->identifier, {}, {}));
        QVERIFY_RESULT(page);
        QCOMPARE(page->data.size(), size_t(2));
        QVERIFY_RESULT(await(api().iterrows(ds->identifier, 0, 1)));
        QCOMPARE(server.requestCount(QStringLiteral("/qa.csv")), 1); // the cache served the rest

        // Unreachable and 404 URLs fail at iterrows with the URL in the message.
        auto gone = await(api().registerDataset(uriRequest(server.url(QStringLiteral("/missing.csv")))));
        QVERIFY_RESULT(gone);
        auto goneRows = await(api().iterrows(gone->identifier, 0, 1));
        QCOMPARE(goneRows.error().status, 502);
        QVERIFY(goneRows.error().detail.find("/missing.csv") != std::string::npos);
    }

    void huggingFaceSourcePagesThroughTheViewerApi()
    {
        test::LocalHttpServer server;
        server.route(QStringLiteral("/splits"), [](const QHttpServerRequest &) {
            return QHttpServerResponse("application/json",
                R"({"splits":[{"dataset":"org/qa","config":"default","split":"train"}]})");
        });
        server.route(QStringLiteral("/rows"), [](const QHttpServerRequest &request) {
            const QUrlQuery query(request.url());
            const int offset = query.queryItemValue(QStringLiteral("offset")).toInt();
            const int length = query.queryItemValue(QStringLiteral("length")).toInt();
            api::Json body = {{"features", api::Json::array({{{"feature_idx", 0}, {"name", "question"}},
                                                              {{"feature_idx", 1}, {"name", "answer"}}})},
                              {"rows", api::Json::array()}, {"num_rows_total", 150},
                              {"num_rows_per_page", 100}, {"partial", false}};
            for (int i = offset; i < std::min(150, offset + length); ++i)
                body["rows"].push_back({{"row_idx", i},
                                        {"row", {{"question", "q" + std::to_string(i)}, {"answer", "a"}}},
                                        {"truncated_cells", api::Json::array()}});
            return QHttpServerResponse("application/json", QByteArray::fromStdString(body.dump()));
        });
        QVERIFY(server.start());
        qputenv("HF_ENDPOINT", server.baseUrl().toUtf8());
        auto ds = await(api().registerDataset(uriRequest("huggingface://datasets/org/qa?split=train")));
        QVERIFY_RESULT(ds);
        QCOMPARE(ds->provider_id, std::string("huggingface"));
        auto page = await(api().iterrows(ds->identifier, 95, 10));
        QVERIFY_RESULT(page);
        QCOMPARE(page->data.size(), size_t(10));
        QCOMPARE(page->data[0].value["question"].get<std::string>(), std::string("q95"));
        QCOMPARE(page->data[9].value["question"].get<std::string>(), std::string("q104"));
        QVERIFY(page->has_more);
        auto stats = await(api().datasetStats(ds->identifier));
        QVERIFY_RESULT(stats);
        QCOMPARE(stats->row_count, int64_t(150));
        QCOMPARE(stats->columns, (std::vector<std::string>{"question", "answer"}));
        // Appending works for Hugging Face datasets too (upstream answers 501).
        QVERIFY_RESULT(await(api().appendRows(ds->identifier, {row({{"question", "mine"}, {"answer", "b"}})})));
        auto tail = await(api().iterrows(ds->identifier, 150, 5));
        QVERIFY_RESULT(tail);
        QCOMPARE(tail->data.size(), size_t(1));
        QCOMPARE(tail->data[0].value["question"].get<std::string>(), std::string("mine"));
        qunsetenv("HF_ENDPOINT");
    }

    void principalsSeeOnlyTheirOwnAndSharedDatasets()
    {
        QVERIFY_RESULT(await(api().registerDataset(rowsRequest(1, std::string("shared")))));
        auto alice = principalApi("alice");
        auto bob = principalApi("bob");
        QVERIFY_RESULT(await(alice->registerDataset(rowsRequest(2, std::string("a")))));

        auto bobList = await(bob->listDatasets());
        QVERIFY_RESULT(bobList);
        QCOMPARE(bobList->data.size(), size_t(1)); // only the shared one
        QCOMPARE(bobList->data[0].identifier, std::string("shared"));
        QCOMPARE(await(bob->getDataset("a")).error().status, 404);
        QCOMPARE(await(bob->iterrows("a", 0, 1)).error().status, 404);
        QCOMPARE(await(bob->appendRows("a", {row({{"x", 1}})})).error().status, 404);
        QCOMPARE(await(bob->unregisterDataset("a")).error().status, 404);
        QCOMPARE(await(bob->registerDataset(rowsRequest(2, std::string("a")))).error().status, 403);

        QVERIFY_RESULT(await(alice->iterrows("a", 0, 1)));
        QVERIFY_RESULT(await(alice->iterrows("shared", 0, 1)));
        QCOMPARE(await(alice->listDatasets())->data.size(), size_t(2));
        QCOMPARE(ids().size(), size_t(2)); // in-process (no principal) sees everything
        QCOMPARE(await(alice->iterrows("a", {}, {}))->data.size(), size_t(2)); // bob changed nothing
    }

    void healthAndVersion()
    {
        auto h = await(api().health());
        QVERIFY_RESULT(h);
        QCOMPARE(h->status, api::HealthStatus::Ok);
        auto v = await(api().version());
        QVERIFY_RESULT(v);
        QCOMPARE(v->version, std::string(WB_VERSION));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestDatasetsApi onEngine(Backend::Engine);
    int failed = QTest::qExec(&onEngine, argc, argv);
    TestDatasetsApi throughServer(Backend::Remote);
    failed += QTest::qExec(&throughServer, argc, argv);
    return failed;
}
#include "tst_datasets_api.moc"
