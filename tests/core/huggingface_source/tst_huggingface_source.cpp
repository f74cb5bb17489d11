// The Hugging Face row source against a loopback server that speaks the dataset viewer's /splits
// and /rows format, plus the huggingface:// URI parser.

#include "engine/sources/huggingface_source.h"

#include "local_http_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent>
#include <QtTest>

using namespace wb::engine;
using wb::api::Json;
using wb::test::LocalHttpServer;

namespace {

constexpr int kRows = 250;

QHttpServerResponse jsonError(const char *message, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QJsonObject{{"error", message}}, status);
}

//! A fake dataset viewer. Datasets: org/qa (config "default": train, test), org/multi (configs
//! first/test, second/train, third/train), org/gated (needs "Bearer secret"), org/broken (500).
class FakeViewer
{
public:
    explicit FakeViewer(LocalHttpServer &server)
    {
        server.route("/splits", [](const QHttpServerRequest &r) { return splits(r); });
        server.route("/rows", [](const QHttpServerRequest &r) { return rows(r); });
    }

private:
    static std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &r, const QString &dataset)
    {
        if (dataset == u"org/gated" && r.value("Authorization") != "Bearer secret")
            return jsonError("The dataset does not exist, or is not accessible without authentication.",
                             QHttpServerResponse::StatusCode::Unauthorized);
        if (dataset == u"org/broken")
            return jsonError("Internal error while computing the rows.",
                             QHttpServerResponse::StatusCode::InternalServerError);
        if (dataset != u"org/qa" && dataset != u"org/multi" && dataset != u"org/gated")
            return jsonError("The dataset does not exist.", QHttpServerResponse::StatusCode::NotFound);
        return std::nullopt;
    }

    static QHttpServerResponse splits(const QHttpServerRequest &r)
    {
        const QString dataset = r.query().queryItemValue("dataset", QUrl::FullyDecoded);
        if (auto refused = refuse(r, dataset))
            return std::move(*refused);
        QJsonArray list;
        auto add = [&](const char *config, const char *split) {
            list.append(QJsonObject{{"dataset", dataset}, {"config", config}, {"split", split}});
        };
        if (dataset == u"org/multi") {
            add("first", "test");
            add("second", "train");
            add("third", "train");
        } else {
            add("default", "train");
            add("default", "test");
        }
        return QHttpServerResponse(QJsonObject{{"splits", list}});
    }

    static QHttpServerResponse rows(const QHttpServerRequest &r)
    {
        const QUrlQuery q = r.query();
        const QString dataset = q.queryItemValue("dataset", QUrl::FullyDecoded);
        if (auto refused = refuse(r, dataset))
            return std::move(*refused);
        const QString config = q.queryItemValue("config", QUrl::FullyDecoded);
        const int offset = q.queryItemValue("offset").toInt();
        const int length = q.queryItemValue("length").toInt();
        if (length > 100) // the real viewer rejects this too
            return jsonError("Parameter 'length' must not be greater than 100",
                             QHttpServerResponse::StatusCode::UnprocessableEntity);
        const bool known = dataset == u"org/multi" ? (config == u"second" || config == u"third")
                                                   : config == u"default";
        if (!known)
            return jsonError("The config does not exist.", QHttpServerResponse::StatusCode::NotFound);

        QJsonArray features;
        const char *names[] = {"id", "question", "answer", "config"};
        for (int i = 0; i < 4; ++i)
            features.append(QJsonObject{{"feature_idx", i}, {"name", names[i]},
                                        {"type", QJsonObject{{"_type", "Value"}}}});
        QJsonArray rowList;
        for (int i = offset; i < std::min(kRows, offset + length); ++i) {
            // QJsonObject sorts keys (answer, config, id, question), unlike the features order.
            const QJsonObject row{{"id", i}, {"question", QStringLiteral("q%1").arg(i)},
                                  {"answer", QStringLiteral("a%1").arg(i)}, {"config", config}};
            rowList.append(QJsonObject{{"row_idx", i}, {"row", row}, {"truncated_cells", QJsonArray()}});
        }
        return QHttpServerResponse(QJsonObject{{"features", features}, {"rows", rowList},
                                               {"num_rows_total", kRows}, {"num_rows_per_page", 100},
                                               {"partial", false}});
    }
};

HuggingFaceUri uriOf(const std::string &text)
{
    auto r = parseHuggingFaceUri(text);
    if (!r)
        qFatal("bad test URI %s: %s", text.c_str(), r.error().detail.c_str());
    return r.value();
}

std::vector<int> ids(const std::vector<wb::api::JsonObject> &rows)
{
    std::vector<int> out;
    for (const auto &row : rows)
        out.push_back(row.value.value("id", -1));
    return out;
}

std::vector<int> range(int from, int to)
{
    std::vector<int> out;
    for (int i = from; i < to; ++i)
        out.push_back(i);
    return out;
}

} // namespace

class TestHuggingFaceSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseGoodUris_data();
    void parseGoodUris();
    void parseBadUris_data();
    void parseBadUris();
    void optionsFromEnvironment();
    void rowCountAndColumns();
    void pagingAcrossTheHundredRowLimit();
    void slices_data();
    void slices();
    void configSelection();
    void explicitConfigSkipsSplits();
    void unknownSplitIs404WithChoices();
    void tokenHeaderSent();
    void missingDatasetIs404();
    void gatedDatasetIs502NamingToken();
    void upstreamErrorTextIsKept();
    void unreachableViewerIs502();
    void pageCacheAvoidsRefetch();
    void concurrentReads();

private:
    std::unique_ptr<RowSource> source(const std::string &uri, std::string token = {})
    {
        HuggingFaceOptions options;
        options.endpoint = m_server.baseUrl().toStdString();
        options.token = std::move(token);
        options.timeoutMs = 5000;
        return makeHuggingFaceRowSource(uriOf(uri), options);
    }

    LocalHttpServer m_server;
    std::unique_ptr<FakeViewer> m_viewer;
};

void TestHuggingFaceSource::initTestCase()
{
    m_viewer = std::make_unique<FakeViewer>(m_server);
    QVERIFY(m_server.start());
}

void TestHuggingFaceSource::parseGoodUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("split");
    QTest::addColumn<QString>("config"); // "" = none
    QTest::addColumn<qlonglong>("start"); // -1 = none
    QTest::addColumn<qlonglong>("end");

    QTest::newRow("upstream form") << "huggingface://datasets/llamastack/simpleqa?split=train"
                                   << "llamastack/simpleqa" << "train" << "" << -1LL << -1LL;
    QTest::newRow("config") << "huggingface://datasets/llamastack/mmlu_cot?split=test&name=all"
                            << "llamastack/mmlu_cot" << "test" << "all" << -1LL << -1LL;
    QTest::newRow("host ignored, one segment") << "huggingface://llamastack/simpleqa?split=train"
                                               << "simpleqa" << "train" << "" << -1LL << -1LL;
    QTest::newRow("head slice") << "huggingface://datasets/org/ds?split=train[:20]"
                                << "org/ds" << "train" << "" << -1LL << 20LL;
    QTest::newRow("range slice") << "huggingface://datasets/org/ds?name=c&split=train[10:20]"
                                 << "org/ds" << "train" << "c" << 10LL << 20LL;
    QTest::newRow("tail slice") << "huggingface://datasets/org/ds?split=train[5:]"
                                << "org/ds" << "train" << "" << 5LL << -1LL;
    QTest::newRow("encoded brackets") << "huggingface://datasets/org/ds?split=train%5B1%3A2%5D"
                                      << "org/ds" << "train" << "" << 1LL << 2LL;
    QTest::newRow("trailing slash, extra keys") << "HuggingFace://hf.co/org/ds/?split=val&revision=main"
                                                << "org/ds" << "val" << "" << -1LL << -1LL;
}

void TestHuggingFaceSource::parseGoodUris()
{
    QFETCH(QString, uri);
    const auto r = parseHuggingFaceUri(uri.toStdString());
    QVERIFY2(r.ok(), r ? "" : r.error().detail.c_str());
    QTEST(QString::fromStdString(r->dataset), "dataset");
    QTEST(QString::fromStdString(r->split), "split");
    QTEST(QString::fromStdString(r->config.value_or("")), "config");
    QTEST(qlonglong(r->sliceStart.value_or(-1)), "start");
    QTEST(qlonglong(r->sliceEnd.value_or(-1)), "end");
}

void TestHuggingFaceSource::parseBadUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("no split") << "huggingface://datasets/org/ds";
    QTest::newRow("empty split") << "huggingface://datasets/org/ds?split=";
    QTest::newRow("no path") << "huggingface://datasets?split=train";
    QTest::newRow("empty path") << "huggingface://datasets/?split=train";
    QTest::newRow("too deep") << "huggingface://datasets/a/b/c?split=train";
    QTest::newRow("wrong scheme") << "https://huggingface.co/datasets/org/ds?split=train";
    QTest::newRow("negative slice") << "huggingface://datasets/org/ds?split=train[-5:]";
    QTest::newRow("percent slice") << "huggingface://datasets/org/ds?split=train[:10%]";
    QTest::newRow("index, not slice") << "huggingface://datasets/org/ds?split=train[5]";
    QTest::newRow("unclosed") << "huggingface://datasets/org/ds?split=train[1:2";
    QTest::newRow("overflow") << "huggingface://datasets/org/ds?split=train[:99999999999999999999999]";
    QTest::newRow("bad name") << "huggingface://datasets/org/d%20s?split=train";
}

void TestHuggingFaceSource::parseBadUris()
{
    QFETCH(QString, uri);
    const auto r = parseHuggingFaceUri(uri.toStdString());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().status, 400);
}

void TestHuggingFaceSource::optionsFromEnvironment()
{
    const QByteArray oldEndpoint = qgetenv("HF_ENDPOINT"), oldToken = qgetenv("HF_TOKEN");
    qunsetenv("HF_ENDPOINT");
    qunsetenv("HF_TOKEN");
    qunsetenv("HUGGING_FACE_HUB_TOKEN");
    auto defaults = huggingFaceOptionsFromEnvironment();
    QCOMPARE(defaults.endpoint, std::string("https://datasets-server.huggingface.co"));
    QVERIFY(defaults.token.empty());

    qputenv("HF_ENDPOINT", "http://127.0.0.1:1234/");
    qputenv("HF_TOKEN", "hf_abc");
    auto set = huggingFaceOptionsFromEnvironment();
    QCOMPARE(set.endpoint, std::string("http://127.0.0.1:1234"));
    QCOMPARE(set.token, std::string("hf_abc"));

    auto restore = [](const char *name, const QByteArray &value) {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    };
    restore("HF_ENDPOINT", oldEndpoint);
    restore("HF_TOKEN", oldToken);
}

void TestHuggingFaceSource::rowCountAndColumns()
{
    auto src = source("huggingface://datasets/org/qa?split=train");
    QCOMPARE(src->formatName(), std::string("huggingface"));
    const auto count = src->rowCount();
    QVERIFY2(count.ok(), count ? "" : count.error().toString().c_str());
    QCOMPARE(count.value(), int64_t(kRows));
    QCOMPARE(src->columns(), (std::vector<std::string>{"id", "question", "answer", "config"}));

    const auto rows = src->readRows(0, 1);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), size_t(1));
    // Keys in features order, not the order the viewer's JSON object happened to use.
    std::vector<std::string> keys;
    for (auto it = rows->front().value.begin(); it != rows->front().value.end(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"id", "question", "answer", "config"}));
    QCOMPARE(rows->front().value, Json({{"id", 0}, {"question", "q0"}, {"answer", "a0"}, {"config", "default"}}));
}

void TestHuggingFaceSource::pagingAcrossTheHundredRowLimit()
{
    m_server.resetCounts();
    auto src = source("huggingface://datasets/org/qa?split=train");
    const auto rows = src->readRows(90, 150);
    QVERIFY2(rows.ok(), rows ? "" : rows.error().toString().c_str());
    QCOMPARE(ids(rows.value()), range(90, 240));
    for (const auto &request : m_server.requests()) {
        if (request.path == u"/rows")
            QVERIFY(request.query.queryItemValue("length").toInt() <= 100);
    }
    QCOMPARE(m_server.requestCount("/rows"), 3); // pages 0, 1 and 2

    const auto tail = src->readRows(240, 100);
    QVERIFY(tail.ok());
    QCOMPARE(ids(tail.value()), range(240, 250));
    const auto past = src->readRows(400, 10);
    QVERIFY(past.ok());
    QVERIFY(past->empty());
}

void TestHuggingFaceSource::slices_data()
{
    QTest::addColumn<QString>("split");
    QTest::addColumn<qlonglong>("count");
    QTest::addColumn<int>("firstId"); // -1 when empty
    QTest::newRow("head") << "train[:20]" << 20LL << 0;
    QTest::newRow("range") << "train[10:20]" << 10LL << 10;
    QTest::newRow("tail") << "train[240:]" << 10LL << 240;
    QTest::newRow("range past end") << "train[150:900]" << 100LL << 150;
    QTest::newRow("start past end") << "train[300:]" << 0LL << -1;
    QTest::newRow("reversed") << "train[20:10]" << 0LL << -1;
    QTest::newRow("whole") << "train[:]" << qlonglong(kRows) << 0;
}

void TestHuggingFaceSource::slices()
{
    QFETCH(QString, split);
    QFETCH(qlonglong, count);
    QFETCH(int, firstId);
    auto src = source("huggingface://datasets/org/qa?split=" + split.toStdString());
    const auto n = src->rowCount();
    QVERIFY2(n.ok(), n ? "" : n.error().toString().c_str());
    QCOMPARE(qlonglong(n.value()), count);
    const auto rows = src->readRows(0, 1000);
    QVERIFY(rows.ok());
    QCOMPARE(qlonglong(rows->size()), count);
    if (firstId >= 0) {
        QCOMPARE(ids(rows.value()), range(firstId, firstId + int(count)));
        const auto second = src->readRows(1, 1); // positions are relative to the slice
        QVERIFY(second.ok());
        QCOMPARE(ids(second.value()), std::vector<int>{firstId + 1});
    }
}

void TestHuggingFaceSource::configSelection()
{
    m_server.resetCounts();
    auto src = source("huggingface://datasets/org/multi?split=train");
    const auto rows = src->readRows(0, 2);
    QVERIFY2(rows.ok(), rows ? "" : rows.error().toString().c_str());
    QCOMPARE(rows->front().value["config"], Json("second")); // the first config with a train split
    QCOMPARE(m_server.requestCount("/splits"), 1);
    QCOMPARE(m_server.lastRequest().query.queryItemValue("config"), QString("second"));
}

void TestHuggingFaceSource::explicitConfigSkipsSplits()
{
    m_server.resetCounts();
    auto src = source("huggingface://datasets/org/multi?split=train&name=third");
    const auto rows = src->readRows(0, 1);
    QVERIFY(rows.ok());
    QCOMPARE(rows->front().value["config"], Json("third"));
    QCOMPARE(m_server.requestCount("/splits"), 0);
}

void TestHuggingFaceSource::unknownSplitIs404WithChoices()
{
    auto src = source("huggingface://datasets/org/multi?split=validation");
    const auto n = src->rowCount();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().status, 404);
    QCOMPARE(n.error().detail, std::string("split 'validation' not found in dataset 'org/multi'; "
                                           "available: first/test, second/train, third/train"));
}

void TestHuggingFaceSource::tokenHeaderSent()
{
    m_server.resetCounts();
    auto src = source("huggingface://datasets/org/gated?split=train", "secret");
    const auto n = src->rowCount();
    QVERIFY2(n.ok(), n ? "" : n.error().toString().c_str());
    QCOMPARE(n.value(), int64_t(kRows));
    QVERIFY(m_server.totalRequests() >= 2);
    for (const auto &request : m_server.requests())
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer secret"));

    m_server.resetCounts();
    auto anonymous = source("huggingface://datasets/org/qa?split=train");
    QVERIFY(anonymous->rowCount().ok());
    QVERIFY(m_server.lastRequest().header("Authorization").isEmpty());
}

void TestHuggingFaceSource::missingDatasetIs404()
{
    auto src = source("huggingface://datasets/org/nope?split=train");
    const auto n = src->rowCount();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().status, 404);
    QVERIFY2(n.error().detail.find("'org/nope'") != std::string::npos, n.error().detail.c_str());
    QVERIFY2(n.error().detail.find("does not exist") != std::string::npos, n.error().detail.c_str());
}

void TestHuggingFaceSource::gatedDatasetIs502NamingToken()
{
    auto src = source("huggingface://datasets/org/gated?split=train&name=default");
    const auto rows = src->readRows(0, 10);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().status, 502);
    const std::string &detail = rows.error().detail;
    QVERIFY2(detail.find("'org/gated' is gated or private") != std::string::npos, detail.c_str());
    QVERIFY2(detail.find("HTTP 401") != std::string::npos, detail.c_str());
    QVERIFY2(detail.find("HF_TOKEN") != std::string::npos, detail.c_str());

    auto wrongToken = source("huggingface://datasets/org/gated?split=train", "wrong");
    const auto n = wrongToken->rowCount();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().status, 502);
    QVERIFY2(n.error().detail.find("has no access") != std::string::npos, n.error().detail.c_str());
}

void TestHuggingFaceSource::upstreamErrorTextIsKept()
{
    auto src = source("huggingface://datasets/org/broken?split=train&name=default");
    const auto n = src->rowCount();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().status, 502);
    QVERIFY2(n.error().detail.find("HTTP 500") != std::string::npos, n.error().detail.c_str());
    QVERIFY2(n.error().detail.find("Internal error while computing the rows.") != std::string::npos,
             n.error().detail.c_str());
}

void TestHuggingFaceSource::unreachableViewerIs502()
{
    HuggingFaceOptions options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(LocalHttpServer::unusedPort());
    auto src = makeHuggingFaceRowSource(uriOf("huggingface://datasets/org/qa?split=train"), options);
    const auto n = src->rowCount();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().status, 502);
}

void TestHuggingFaceSource::pageCacheAvoidsRefetch()
{
    auto src = source("huggingface://datasets/org/qa?split=train");
    QVERIFY(src->rowCount().ok());
    m_server.resetCounts();

    const auto first = src->readRows(0, 150); // page 0 came with rowCount(); page 1 is new
    QVERIFY(first.ok());
    QCOMPARE(m_server.requestCount("/rows"), 1);

    const auto again = src->readRows(0, 150);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), first.value());
    QCOMPARE(m_server.totalRequests(), 1); // both pages from memory
    QCOMPARE(m_server.lastRequest().query.queryItemValue("offset"), QString("100"));
}

void TestHuggingFaceSource::concurrentReads()
{
    auto src = source("huggingface://datasets/org/qa?split=train[5:]");
    QList<int> starts;
    for (int i = 0; i < 24; ++i)
        starts.append((i * 37) % 245);
    QThreadPool pool;
    pool.setMaxThreadCount(6);
    const QList<bool> good = QtConcurrent::blockingMapped(&pool, starts, [&](int start) {
        const auto rows = src->readRows(start, 30);
        const int expected = std::min(30, 245 - start);
        return rows.ok() && ids(rows.value()) == range(start + 5, start + 5 + expected);
    });
    QCOMPARE(good.count(true), starts.size());
    QCOMPARE(src->rowCount().value(), int64_t(245));
}

QTEST_GUILESS_MAIN(TestHuggingFaceSource)
#include "tst_huggingface_source.moc"
