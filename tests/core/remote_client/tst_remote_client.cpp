// RemoteClient against a real HTTP server on loopback that answers the way an upstream Llama Stack
// server does (docs: /work/shared/reference/llama-stack-semantics.md §1.3 and §2): {"detail": ...}
// errors, {"error": {"detail": {"errors": [...]}}} validation errors, 204 for DELETE, 200 `null`
// for append-rows, 404 {"detail":"Not Found"} for routes it does not have.

#include "remote/remote_client.h"

#include "api/async.h"
#include "local_http_server.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>

using namespace wb;
using api::Json;
using wb::remote::RemoteClient;
using wb::remote::RemoteOptions;
using StatusCode = QHttpServerResponse::StatusCode;

//! QCOMPARE on nlohmann values drags in QTest's numeric overloads; compare the dumps instead.
#define JSON_COMPARE(actual, expected)                                                             \
    QCOMPARE(QByteArray::fromStdString(Json(actual).dump()),                                       \
             QByteArray::fromStdString(Json(expected).dump()))

namespace {

//! What a handler saw beyond LocalHttpServer's RecordedRequest: method, raw path, body.
struct Hit
{
    QByteArray method;
    QByteArray rawPath; //!< as encoded on the wire
    QByteArray query;
    QByteArray body;
    QByteArray contentType;
    QByteArray authorization;
};

class Recorder
{
public:
    void add(const QHttpServerRequest &r)
    {
        Hit h;
        h.method = methodName(r.method());
        h.rawPath = r.url().path(QUrl::FullyEncoded).toLatin1();
        h.query = r.url().query(QUrl::FullyEncoded).toLatin1();
        h.body = r.body();
        h.contentType = r.value("Content-Type");
        h.authorization = r.value("Authorization");
        std::lock_guard lock(m_mutex);
        m_hits.append(h);
    }
    Hit last() const
    {
        std::lock_guard lock(m_mutex);
        return m_hits.isEmpty() ? Hit{} : m_hits.last();
    }
    QList<Hit> all() const
    {
        std::lock_guard lock(m_mutex);
        return m_hits;
    }

private:
    static QByteArray methodName(QHttpServerRequest::Method m)
    {
        switch (m) {
        case QHttpServerRequest::Method::Get: return "GET";
        case QHttpServerRequest::Method::Post: return "POST";
        case QHttpServerRequest::Method::Delete: return "DELETE";
        case QHttpServerRequest::Method::Put: return "PUT";
        default: return "OTHER";
        }
    }
    mutable std::mutex m_mutex;
    QList<Hit> m_hits;
};

QHttpServerResponse json(const Json &j, StatusCode status = StatusCode::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QByteArray::fromStdString(j.dump()), status);
}

//! A dataset as upstream serialises it (DatasetWithOwner: extra `owner`, `type`).
Json upstreamDataset(const std::string &id, const std::string &uri = "https://example.com/qa.csv")
{
    return Json{{"identifier", id},
                {"provider_resource_id", id},
                {"provider_id", "localfs"},
                {"type", "dataset"},
                {"owner", nullptr},
                {"purpose", "eval/question-answer"},
                {"source", {{"type", "uri"}, {"uri", uri}}},
                {"metadata", Json::object()}};
}

Json detailBody(const std::string &text)
{
    return Json{{"detail", text}};
}

RemoteOptions optionsFor(const wb::test::LocalHttpServer &server)
{
    RemoteOptions o;
    o.baseUrl = QUrl(server.baseUrl());
    o.token = QStringLiteral("secret-token");
    o.timeoutMs = 5000;
    o.retryBaseDelayMs = 20;
    return o;
}

//! Waits on the test thread while spinning its event loop (for servers living on it).
template<typename T>
bool spinUntilFinished(const QFuture<T> &f, int ms = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!f.isFinished() && t.elapsed() < ms)
        QTest::qWait(10);
    return f.isFinished();
}

//! A minimal HTTPS server on the test thread: answers every request with {"status":"OK"}.
class TlsHealthServer : public QTcpServer
{
public:
    QSslCertificate cert;
    QSslKey key;

protected:
    void incomingConnection(qintptr fd) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(fd)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(cert);
        socket->setPrivateKey(key);
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QSslSocket::readyRead, socket, [socket, buffer] {
            *buffer += socket->readAll();
            if (!buffer->contains("\r\n\r\n"))
                return;
            const QByteArray body = R"({"status":"OK"})";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                          "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
        QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }
};

} // namespace

class TestRemoteClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthAndVersion();
    void datasetsHappyPaths();
    void idsAreEncoded();
    void iterrowsAndAppendRows();
    void voidAnswers();
    void datasetStatsExtension();
    void upstreamErrorsMapped();
    void retriesIdempotentOnly();
    void retryAfterHonoured();
    void timeoutIs504();
    void unreachableIs502();
    void malformedResponseIs502();
    void datasetStatsFallback();
    void datasetStatsFallbackErrors();
    void worksFromWorkerAndMainThreads();
    void destroyWithRequestInFlight();
    void badConfiguration();
    void tlsErrorsAndCaFile();
};

void TestRemoteClient::healthAndVersion()
{
    wb::test::LocalHttpServer server;
    Recorder rec;
    server.route("/v1/health", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json({{"status", "OK"}});
    });
    server.route("/v1/version", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json({{"version", "0.2.23"}});
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));
    QCOMPARE(QString::fromStdString(client.describe()), server.baseUrl());

    const auto h = api::await(client.health());
    QVERIFY2(h.ok(), h.ok() ? "" : h.error().toString().c_str());
    QCOMPARE(h->status, api::HealthStatus::Ok);
    QCOMPARE(rec.last().method, QByteArray("GET"));
    QCOMPARE(rec.last().authorization, QByteArray("Bearer secret-token"));
    QCOMPARE(server.lastRequest().header("Accept"), QByteArray("application/json"));

    const auto v = api::await(client.version());
    QVERIFY(v.ok());
    QCOMPARE(v->version, std::string("0.2.23"));
    QCOMPARE(rec.last().rawPath, QByteArray("/v1/version"));

    // A trailing slash in the base URL does not double the slash; no token → no header.
    RemoteOptions o = optionsFor(server);
    o.baseUrl = QUrl(server.baseUrl() + "/");
    o.token.clear();
    RemoteClient bare(o);
    QCOMPARE(QString::fromStdString(bare.describe()), server.baseUrl());
    QVERIFY(api::await(bare.health()).ok());
    QCOMPARE(rec.last().rawPath, QByteArray("/v1/health"));
    QVERIFY(rec.last().authorization.isEmpty());

    // A path prefix (a reverse proxy) is kept.
    server.route("/stack/v1/health", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json({{"status", "Error"}});
    });
    o.baseUrl = QUrl(server.baseUrl() + "/stack/");
    RemoteClient prefixed(o);
    QCOMPARE(QString::fromStdString(prefixed.describe()), server.baseUrl() + "/stack");
    const auto ph = api::await(prefixed.health());
    QVERIFY(ph.ok());
    QCOMPARE(ph->status, api::HealthStatus::Error);
    QCOMPARE(rec.last().rawPath, QByteArray("/stack/v1/health"));
}

void TestRemoteClient::datasetsHappyPaths()
{
    wb::test::LocalHttpServer server;
    Recorder rec;
    server.route("/v1beta/datasets", [&](const QHttpServerRequest &r) {
        rec.add(r);
        if (r.method() == QHttpServerRequest::Method::Post) {
            const Json body = Json::parse(r.body().toStdString());
            return json(upstreamDataset(body.value("dataset_id", "dataset-1"),
                                        body["source"]["uri"].get<std::string>()));
        }
        return json({{"data", Json::array({upstreamDataset("a"), upstreamDataset("b")})}});
    });
    server.route("/v1beta/datasets/qa", [&](const QHttpServerRequest &r) {
        rec.add(r);
        if (r.method() == QHttpServerRequest::Method::Delete)
            return QHttpServerResponse(StatusCode::NoContent);
        return json(upstreamDataset("qa"));
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    api::RegisterDatasetRequest req;
    req.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    req.source = api::UriDataSource{"https://example.com/x.csv"};
    req.metadata.value = Json{{"k", "v"}};
    req.dataset_id = "mine";
    const auto reg = api::await(client.registerDataset(req));
    QVERIFY2(reg.ok(), reg.ok() ? "" : reg.error().toString().c_str());
    QCOMPARE(reg->identifier, std::string("mine"));
    QCOMPARE(std::get<api::UriDataSource>(reg->source).uri, std::string("https://example.com/x.csv"));
    Hit hit = rec.last();
    QCOMPARE(hit.method, QByteArray("POST"));
    QCOMPARE(hit.authorization, QByteArray("Bearer secret-token"));
    QVERIFY(hit.contentType.startsWith("application/json"));
    JSON_COMPARE(Json::parse(hit.body.toStdString()), api::toJson(req));

    const auto list = api::await(client.listDatasets());
    QVERIFY(list.ok());
    QCOMPARE(list->data.size(), size_t(2));
    QCOMPARE(list->data[1].identifier, std::string("b"));
    QCOMPARE(rec.last().method, QByteArray("GET"));

    const auto got = api::await(client.getDataset("qa"));
    QVERIFY(got.ok());
    QCOMPARE(got->provider_id, std::string("localfs"));
    QCOMPARE(rec.last().method, QByteArray("GET"));

    const auto del = api::await(client.unregisterDataset("qa"));
    QVERIFY2(del.ok(), del.ok() ? "" : del.error().toString().c_str());
    QCOMPARE(rec.last().method, QByteArray("DELETE"));
    QCOMPARE(rec.last().authorization, QByteArray("Bearer secret-token"));
}

void TestRemoteClient::idsAreEncoded()
{
    wb::test::LocalHttpServer server;
    Recorder rec;
    // LocalHttpServer matches the decoded path; the raw one is checked through the recorder.
    server.route("/v1beta/datasets/org/my data set", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json(upstreamDataset("org/my data set"));
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto got = api::await(client.getDataset("org/my data set"));
    QVERIFY2(got.ok(), got.ok() ? "" : got.error().toString().c_str());
    QCOMPARE(rec.last().rawPath, QByteArray("/v1beta/datasets/org/my%20data%20set"));

    // Reserved characters other than '/' never reach the server unencoded (no query, no fragment).
    const auto odd = api::await(client.getDataset("a?b#c%d&e"));
    QVERIFY(!odd.ok());
    QCOMPARE(odd.error().status, 404); // LocalHttpServer's unrouted answer
    const auto seen = server.requests();
    QCOMPARE(seen.last().path, QStringLiteral("/v1beta/datasets/a?b#c%d&e")); // path() is decoded
    QVERIFY(seen.last().query.isEmpty());

    // An empty id is refused locally instead of hitting the list route.
    const auto empty = api::await(client.getDataset(""));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().status, 400);
}

void TestRemoteClient::iterrowsAndAppendRows()
{
    wb::test::LocalHttpServer server;
    Recorder rec;
    server.route("/v1beta/datasetio/iterrows/org/ds", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json({{"data", Json::array({{{"q", "1"}}, {{"q", "2"}}})},
                     {"has_more", true},
                     {"url", "/v1beta/datasetio/iterrows/{dataset_id:path}"}});
    });
    server.route("/v1beta/datasetio/append-rows/org/ds", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArrayLiteral("null"));
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto page = api::await(client.iterrows("org/ds", 5, 2));
    QVERIFY2(page.ok(), page.ok() ? "" : page.error().toString().c_str());
    QCOMPARE(page->data.size(), size_t(2));
    QVERIFY(page->has_more);
    JSON_COMPARE(page->data[1].value["q"], Json("2"));
    QCOMPARE(*page->url, std::string("/v1beta/datasetio/iterrows/{dataset_id:path}"));
    QCOMPARE(server.lastRequest().query.queryItemValue("start_index"), QStringLiteral("5"));
    QCOMPARE(server.lastRequest().query.queryItemValue("limit"), QStringLiteral("2"));
    QCOMPARE(rec.last().method, QByteArray("GET"));

    QVERIFY(api::await(client.iterrows("org/ds", std::nullopt, std::nullopt)).ok());
    QVERIFY(rec.last().query.isEmpty());
    QVERIFY(api::await(client.iterrows("org/ds", std::nullopt, -1)).ok());
    QCOMPARE(rec.last().query, QByteArray("limit=-1"));

    std::vector<api::JsonObject> rows{{Json{{"q", "x"}, {"a", "y"}}}, {Json{{"q", "z"}}}};
    const auto appended = api::await(client.appendRows("org/ds", rows));
    QVERIFY2(appended.ok(), appended.ok() ? "" : appended.error().toString().c_str());
    const Hit hit = rec.last();
    QCOMPARE(hit.method, QByteArray("POST"));
    QCOMPARE(hit.rawPath, QByteArray("/v1beta/datasetio/append-rows/org/ds"));
    JSON_COMPARE(Json::parse(hit.body.toStdString()), Json({{"rows", Json::array({{{"q", "x"}, {"a", "y"}}, {{"q", "z"}}})}}));
    QVERIFY(hit.contentType.startsWith("application/json"));
}

void TestRemoteClient::voidAnswers()
{
    wb::test::LocalHttpServer server;
    server.route("/v1beta/datasets/no-content", [](const QHttpServerRequest &) {
        return QHttpServerResponse(StatusCode::NoContent);
    });
    server.route("/v1beta/datasets/null", [](const QHttpServerRequest &) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArrayLiteral("null"));
    });
    server.route("/v1beta/datasets/empty", [](const QHttpServerRequest &) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArray());
    });
    server.route("/v1beta/datasetio/append-rows/empty", [](const QHttpServerRequest &) {
        return QHttpServerResponse(StatusCode::NoContent);
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));
    for (const char *id : {"no-content", "null", "empty"}) {
        const auto r = api::await(client.unregisterDataset(id));
        QVERIFY2(r.ok(), id);
    }
    QVERIFY(api::await(client.appendRows("empty", {})).ok());
}

void TestRemoteClient::datasetStatsExtension()
{
    wb::test::LocalHttpServer server;
    Recorder rec;
    api::DatasetStats stats;
    stats.dataset_id = "org/ds";
    stats.row_count = 42;
    stats.appended_row_count = 2;
    stats.columns = {"question", "answer"};
    stats.format = "csv";
    server.route("/v1beta/x-workbench/dataset-stats/org/ds", [&](const QHttpServerRequest &r) {
        rec.add(r);
        return json(api::toJson(stats));
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));
    const auto r = api::await(client.datasetStats("org/ds"));
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
    JSON_COMPARE(api::toJson(r.value()), api::toJson(stats));
    QCOMPARE(server.totalRequests(), 1);
    QCOMPARE(rec.last().authorization, QByteArray("Bearer secret-token"));
}

void TestRemoteClient::upstreamErrorsMapped()
{
    wb::test::LocalHttpServer server;
    const std::string notFound =
        "Dataset 'gone' not found. Use 'client.datasets.list()' to list available Datasets.";
    server.route("/v1beta/datasets/gone", [&](const QHttpServerRequest &) {
        return json(detailBody(notFound), StatusCode::NotFound);
    });
    server.route("/v1beta/datasetio/iterrows/gone", [](const QHttpServerRequest &) {
        return json(detailBody("Invalid value: Dataset `gone` not served by any of the providers: "
                               "huggingface, localfs."),
                    StatusCode::BadRequest);
    });
    server.route("/v1beta/datasets", [](const QHttpServerRequest &) {
        const Json errors = {{"errors",
                              Json::array({{{"loc", Json::array({"body", "purpose"})},
                                            {"msg", "Input should be 'post-training/messages'"},
                                            {"type", "enum"}}})}};
        return json({{"error", {{"detail", errors}}}}, StatusCode::BadRequest);
    });
    server.route("/v1beta/datasets/dup", [](const QHttpServerRequest &) {
        return json({{"status", 409}, {"title", "Conflict"}, {"detail", "dataset 'dup' exists"}},
                    StatusCode::Conflict);
    });
    server.route("/v1/version", [](const QHttpServerRequest &) {
        return QHttpServerResponse(QByteArrayLiteral("text/html"),
                                   "<html>" + QByteArray(300, 'x') + "</html>",
                                   StatusCode::InternalServerError);
    });
    server.route("/v1beta/datasetio/append-rows/gone", [](const QHttpServerRequest &) {
        return json(detailBody("Not implemented: Uploading to URL-based datasets is not supported yet"),
                    StatusCode::NotImplemented);
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto g = api::await(client.getDataset("gone"));
    QVERIFY(!g.ok());
    QCOMPARE(g.error().status, 404);
    QCOMPARE(g.error().title, std::string("Not Found"));
    QCOMPARE(g.error().detail, notFound);

    const auto it = api::await(client.iterrows("gone", 0, 10));
    QCOMPARE(it.error().status, 400);
    QVERIFY(it.error().detail.rfind("Invalid value: Dataset `gone`", 0) == 0);

    api::RegisterDatasetRequest req;
    req.source = api::RowsDataSource{};
    const auto reg = api::await(client.registerDataset(req));
    QCOMPARE(reg.error().status, 400);
    QCOMPARE(reg.error().detail, std::string("purpose: Input should be 'post-training/messages'"));

    const auto dup = api::await(client.getDataset("dup"));
    QCOMPARE(dup.error(), api::Error::conflict("dataset 'dup' exists"));

    const auto v = api::await(client.version());
    QCOMPARE(v.error().status, 500);
    QCOMPARE(v.error().detail.size(), size_t(200));
    QVERIFY(v.error().detail.rfind("<html>xxx", 0) == 0);

    const auto ap = api::await(client.appendRows("gone", {}));
    QCOMPARE(ap.error().status, 501);
    QCOMPARE(ap.error().title, std::string("Not Implemented"));
}

void TestRemoteClient::retriesIdempotentOnly()
{
    wb::test::LocalHttpServer server;
    std::atomic<int> healthCalls{0};
    server.route("/v1/health", [&](const QHttpServerRequest &) {
        if (++healthCalls <= 2)
            return json(detailBody("busy"), StatusCode::ServiceUnavailable);
        return json({{"status", "OK"}});
    });
    std::atomic<int> deleteCalls{0};
    server.route("/v1beta/datasets/flaky", [&](const QHttpServerRequest &) {
        if (++deleteCalls <= 1)
            return json(detailBody("overloaded"), StatusCode::TooManyRequests);
        return QHttpServerResponse(StatusCode::NoContent);
    });
    server.route("/v1beta/datasets", [](const QHttpServerRequest &) {
        return json(detailBody("busy"), StatusCode::ServiceUnavailable);
    });
    server.route("/v1/version", [](const QHttpServerRequest &) {
        return json(detailBody("still busy"), StatusCode::ServiceUnavailable);
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto h = api::await(client.health());
    QVERIFY2(h.ok(), h.ok() ? "" : h.error().toString().c_str());
    QCOMPARE(server.requestCount("/v1/health"), 3);

    QVERIFY(api::await(client.unregisterDataset("flaky")).ok());
    QCOMPARE(server.requestCount("/v1beta/datasets/flaky"), 2);

    api::RegisterDatasetRequest req;
    req.source = api::RowsDataSource{};
    const auto reg = api::await(client.registerDataset(req));
    QVERIFY(!reg.ok());
    QCOMPARE(reg.error().status, 503);
    QCOMPARE(reg.error().detail, std::string("busy"));
    QCOMPARE(server.requestCount("/v1beta/datasets"), 1);

    // Out of retries: 1 + maxRetries attempts, then the last answer.
    const auto v = api::await(client.version());
    QCOMPARE(v.error().status, 503);
    QCOMPARE(v.error().detail, std::string("still busy"));
    QCOMPARE(server.requestCount("/v1/version"), 4);
}

void TestRemoteClient::retryAfterHonoured()
{
    // The wait is observed where it matters, between the two requests' arrival at the server, on
    // one clock (the server's), so client-side timer granularity cannot blur it.
    wb::test::LocalHttpServer server;
    std::mutex mutex;
    std::vector<qint64> arrivals;
    auto arrived = [&] {
        std::lock_guard lock(mutex);
        arrivals.push_back(QDateTime::currentMSecsSinceEpoch());
        return arrivals.size();
    };
    auto gapMs = [&] {
        std::lock_guard lock(mutex);
        return arrivals.size() == 2 ? arrivals[1] - arrivals[0] : qint64(-1);
    };
    server.route("/v1/health", [&](const QHttpServerRequest &) {
        if (arrived() == 1) {
            QHttpServerResponse r = json(detailBody("slow down"), StatusCode::TooManyRequests);
            r.setHeader("Retry-After", "1");
            return r;
        }
        return json({{"status", "OK"}});
    });
    QVERIFY(server.start());
    RemoteOptions o = optionsFor(server);
    o.retryBaseDelayMs = 1; // without Retry-After the retry would come after ~1 ms
    RemoteClient client(o);
    QVERIFY(api::await(client.health()).ok());
    QVERIFY2(gapMs() >= 950, qPrintable(QString::number(gapMs())));

    // The HTTP-date form, 2 s ahead in whole seconds: a wait of about 1-2 s. The 10 s cap is not
    // exercised here: it would make the test wait 10 s.
    {
        std::lock_guard lock(mutex);
        arrivals.clear();
    }
    const QByteArray when = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                          QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                .toLatin1();
    server.route("/v1/version", [&](const QHttpServerRequest &) {
        if (arrived() == 1) {
            QHttpServerResponse r = json(detailBody("slow down"), StatusCode::ServiceUnavailable);
            r.setHeader("Retry-After", when);
            return r;
        }
        return json({{"version", "1"}});
    });
    QVERIFY(api::await(client.version()).ok());
    QVERIFY2(gapMs() >= 900, qPrintable(QString::number(gapMs())));
}

void TestRemoteClient::timeoutIs504()
{
    wb::test::LocalHttpServer server;
    server.route("/v1/health", [](const QHttpServerRequest &) {
        QThread::msleep(1500);
        return json({{"status", "OK"}});
    });
    QVERIFY(server.start());
    RemoteOptions o = optionsFor(server);
    o.timeoutMs = 300;
    RemoteClient client(o);
    QElapsedTimer t;
    t.start();
    const auto h = api::await(client.health());
    QVERIFY(!h.ok());
    QCOMPARE(h.error().status, 504);
    QVERIFY2(h.error().detail.find("timed out after 300 ms") != std::string::npos,
             h.error().detail.c_str());
    QVERIFY(h.error().detail.find("/v1/health") != std::string::npos);
    QVERIFY2(t.elapsed() < 1400, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(server.requestCount("/v1/health"), 1); // a local timeout is not retried
}

void TestRemoteClient::unreachableIs502()
{
    RemoteOptions o;
    const quint16 port = wb::test::LocalHttpServer::unusedPort();
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    o.maxRetries = 2;
    o.retryBaseDelayMs = 10;
    RemoteClient client(o);
    const auto h = api::await(client.health());
    QVERIFY(!h.ok());
    QCOMPARE(h.error().status, 502);
    QVERIFY2(h.error().detail.find(QStringLiteral("http://127.0.0.1:%1/v1/health").arg(port).toStdString())
                 != std::string::npos,
             h.error().detail.c_str());
    QVERIFY2(QString::fromStdString(h.error().detail).contains(QLatin1String("refused"), Qt::CaseInsensitive),
             h.error().detail.c_str());

    // POST is not retried either way, and reports the same.
    api::RegisterDatasetRequest req;
    req.source = api::RowsDataSource{};
    QCOMPARE(api::await(client.registerDataset(req)).error().status, 502);
}

void TestRemoteClient::malformedResponseIs502()
{
    wb::test::LocalHttpServer server;
    server.route("/v1/version", [](const QHttpServerRequest &) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArrayLiteral("{not json"));
    });
    server.route("/v1beta/datasets/bad", [](const QHttpServerRequest &) {
        Json d = upstreamDataset("bad");
        d["identifier"] = 5;
        return json(d);
    });
    server.route("/v1beta/datasetio/iterrows/bad", [](const QHttpServerRequest &) {
        return json({{"data", Json::array({1, 2})}});
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto v = api::await(client.version());
    QCOMPARE(v.error().status, 502);
    QVERIFY2(v.error().detail.rfind("the server sent an invalid version response", 0) == 0,
             v.error().detail.c_str());

    const auto d = api::await(client.getDataset("bad"));
    QCOMPARE(d.error().status, 502);
    QVERIFY2(d.error().detail.rfind("the server sent an invalid dataset response: identifier: ", 0) == 0,
             d.error().detail.c_str());

    const auto it = api::await(client.iterrows("bad", 0, 10));
    QCOMPARE(it.error().status, 502);
    QVERIFY2(it.error().detail.find("data[0]") != std::string::npos, it.error().detail.c_str());
}

void TestRemoteClient::datasetStatsFallback()
{
    // An upstream server: no extension route (FastAPI's 404 {"detail":"Not Found"}), 2,500 rows.
    wb::test::LocalHttpServer server;
    static constexpr int total = 2500;
    server.route("/v1beta/x-workbench/dataset-stats/org/big", [](const QHttpServerRequest &) {
        return json(detailBody("Not Found"), StatusCode::NotFound);
    });
    server.route("/v1beta/datasets/org/big", [](const QHttpServerRequest &) {
        return json(upstreamDataset("org/big", "https://example.com/data/big.csv?x=1"));
    });
    server.route("/v1beta/datasetio/iterrows/org/big", [](const QHttpServerRequest &r) {
        const int start = r.query().queryItemValue("start_index").toInt();
        const int limit = r.query().queryItemValue("limit").toInt();
        const int end = std::min(start + limit, total);
        Json rows = Json::array();
        for (int i = start; i < end; ++i) {
            Json row = {{"question", "q" + std::to_string(i)}, {"answer", "a"}};
            if (i == 2400)
                row["late_column"] = true;
            rows.push_back(row);
        }
        return json({{"data", rows}, {"has_more", end < total}, {"url", "/v1beta/datasetio/iterrows/{dataset_id:path}"}});
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto s = api::await(client.datasetStats("org/big"));
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().toString().c_str());
    QCOMPARE(s->dataset_id, std::string("org/big"));
    QCOMPARE(s->row_count, int64_t(total));
    QCOMPARE(s->appended_row_count, int64_t(0));
    QCOMPARE(s->columns, (std::vector<std::string>{"question", "answer", "late_column"}));
    QCOMPARE(s->format, std::string("csv"));

    QList<QString> starts;
    for (const auto &r : server.requests()) {
        if (r.path == QLatin1String("/v1beta/datasetio/iterrows/org/big")) {
            starts << r.query.queryItemValue("start_index");
            QCOMPARE(r.query.queryItemValue("limit"), QStringLiteral("1000"));
        }
    }
    QCOMPARE(starts, (QList<QString>{"0", "1000", "2000"}));
    QCOMPARE(server.requestCount("/v1beta/datasets/org/big"), 1);

    // A server whose unknown routes are plain text (no JSON at all) also gets the fallback.
    server.route("/v1beta/x-workbench/dataset-stats/org/big", [](const QHttpServerRequest &) {
        return QHttpServerResponse("text/plain", "404 page not found", StatusCode::NotFound);
    });
    const auto s2 = api::await(client.datasetStats("org/big"));
    QVERIFY(s2.ok());
    QCOMPARE(s2->row_count, int64_t(total));
}

void TestRemoteClient::datasetStatsFallbackErrors()
{
    wb::test::LocalHttpServer server;
    // Upstream, unknown dataset: the extension 404 is the generic one, getDataset's 404 is the answer.
    server.route("/v1beta/x-workbench/dataset-stats/nope", [](const QHttpServerRequest &) {
        return json(detailBody("Not Found"), StatusCode::NotFound);
    });
    const std::string nope = "Dataset 'nope' not found. Use 'client.datasets.list()' to list available Datasets.";
    server.route("/v1beta/datasets/nope", [&](const QHttpServerRequest &) {
        return json(detailBody(nope), StatusCode::NotFound);
    });
    // Our server, unknown dataset: the extension answers an Error naming it; no fallback.
    server.route("/v1beta/x-workbench/dataset-stats/ours", [](const QHttpServerRequest &) {
        return json(api::toJson(api::Error::notFound("Dataset 'ours' not found")), StatusCode::NotFound);
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    const auto a = api::await(client.datasetStats("nope"));
    QCOMPARE(a.error().status, 404);
    QCOMPARE(a.error().detail, nope);
    QCOMPARE(server.requestCount("/v1beta/datasetio/iterrows/nope"), 0);

    const auto b = api::await(client.datasetStats("ours"));
    QCOMPARE(b.error(), api::Error::notFound("Dataset 'ours' not found"));
    QCOMPARE(server.requestCount("/v1beta/datasets/ours"), 0);
}

void TestRemoteClient::worksFromWorkerAndMainThreads()
{
    wb::test::LocalHttpServer server;
    server.route("/v1/version", [](const QHttpServerRequest &) {
        return json({{"version", "1.2.3"}});
    });
    QVERIFY(server.start());
    RemoteClient client(optionsFor(server));

    // Worker threads blocking in api::await (several at once).
    std::atomic<int> good{0};
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < 4; ++i) {
        workers.emplace_back(QThread::create([&] {
            for (int k = 0; k < 5; ++k) {
                const auto v = api::await(client.version());
                if (v.ok() && v->version == "1.2.3")
                    ++good;
            }
        }));
        workers.back()->start();
    }

    // The main thread, with a guard object and onResult, while the workers run.
    QObject guard;
    bool called = false;
    std::string version;
    api::onResult(client.version(), &guard, [&](const api::Result<api::VersionInfo> &r) {
        called = true;
        if (r)
            version = r->version;
    });
    QTRY_VERIFY_WITH_TIMEOUT(called, 5000);
    QCOMPARE(version, std::string("1.2.3"));

    for (auto &w : workers)
        QVERIFY(w->wait(10000));
    QCOMPARE(good.load(), 20);
}

void TestRemoteClient::destroyWithRequestInFlight()
{
    wb::test::LocalHttpServer server;
    std::atomic<bool> release{false};
    server.route("/v1beta/datasetio/iterrows/slow", [&](const QHttpServerRequest &) {
        for (int i = 0; i < 500 && !release; ++i)
            QThread::msleep(10);
        return json({{"data", Json::array()}, {"has_more", false}});
    });
    QVERIFY(server.start());
    auto client = std::make_unique<RemoteClient>(optionsFor(server));
    auto pending = client->iterrows("slow", 0, 10);
    auto stats = client->datasetStats("slow"); // a chain (extension 404 → fallback) in flight too
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount("/v1beta/datasetio/iterrows/slow"), 1, 5000);
    QElapsedTimer t;
    t.start();
    client.reset();
    QVERIFY(t.elapsed() < 2000);
    QVERIFY(pending.isFinished());
    const auto r = api::await(pending);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().detail.find("cancelled") != std::string::npos, r.error().detail.c_str());
    QVERIFY(stats.isFinished());
    QVERIFY(!api::await(stats).ok());
    release = true;

    // A call waiting for its next retry is cancelled too (not left to its timer).
    wb::test::LocalHttpServer busy;
    busy.route("/v1/health", [](const QHttpServerRequest &) {
        QHttpServerResponse r = json(detailBody("busy"), StatusCode::ServiceUnavailable);
        r.setHeader("Retry-After", "5");
        return r;
    });
    QVERIFY(busy.start());
    client = std::make_unique<RemoteClient>(optionsFor(busy));
    auto waiting = client->health();
    QTRY_COMPARE_WITH_TIMEOUT(busy.requestCount("/v1/health"), 1, 5000);
    QTest::qWait(50);
    t.restart();
    client.reset();
    QVERIFY(t.elapsed() < 1000);
    QVERIFY(waiting.isFinished());
    const auto w = api::await(waiting);
    QVERIFY(!w.ok());
    QVERIFY2(w.error().detail.find("cancelled") != std::string::npos, w.error().detail.c_str());
    QCOMPARE(busy.requestCount("/v1/health"), 1);
}

void TestRemoteClient::badConfiguration()
{
    RemoteOptions o;
    o.baseUrl = QUrl(QStringLiteral("ftp://example.com"));
    RemoteClient wrongScheme(o);
    QCOMPARE(api::await(wrongScheme.health()).error().status, 400);

    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    o.caFile = QStringLiteral(WB_TEST_DATA_DIR "/does-not-exist.pem");
    RemoteClient noCa(o);
    const auto r = api::await(noCa.datasetStats("x"));
    QCOMPARE(r.error().status, 400);
    QVERIFY(r.error().detail.find("does-not-exist.pem") != std::string::npos);
}

void TestRemoteClient::tlsErrorsAndCaFile()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    const QString certPath = QStringLiteral(WB_TEST_DATA_DIR "/test-server.crt");
    QFile keyFile(QStringLiteral(WB_TEST_DATA_DIR "/test-server.key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const auto certs = QSslCertificate::fromPath(certPath);
    QCOMPARE(certs.size(), 1);

    TlsHealthServer tls; // on this thread: wait with spinUntilFinished, never api::await
    tls.cert = certs.first();
    tls.key = QSslKey(keyFile.readAll(), QSsl::Rsa);
    QVERIFY(!tls.key.isNull());
    QVERIFY(tls.listen(QHostAddress::LocalHost, 0));

    RemoteOptions o;
    o.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(tls.serverPort()));
    o.timeoutMs = 5000;
    o.maxRetries = 0;
    {
        RemoteClient client(o); // self-signed and unknown: refused, with the reason
        auto f = client.health();
        QVERIFY(spinUntilFinished(f));
        const auto r = f.result();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 502);
        QVERIFY2(QString::fromStdString(r.error().detail).contains(QLatin1String("self"), Qt::CaseInsensitive),
                 r.error().detail.c_str());
    }
    {
        o.caFile = certPath;
        RemoteClient client(o); // trusted through caFile
        auto f = client.health();
        QVERIFY(spinUntilFinished(f));
        const auto r = f.result();
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
    }
}

QTEST_GUILESS_MAIN(TestRemoteClient)
#include "tst_remote_client.moc"
