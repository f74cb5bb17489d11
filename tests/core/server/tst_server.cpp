// ApiServer end to end: a real server on 127.0.0.1 (port 0) in front of a real Engine on a
// temporary folder, and a real HTTP client (QNetworkAccessManager, or a raw socket where QNAM
// would add headers by itself). Server and client share the test thread; every wait spins a local
// event loop, so the server keeps answering while the test waits.

#include "api/async.h"
#include "engine/engine.h"
#include "forwarding_api.h"
#include "server/access_policy.h"
#include "server/api_server.h"
#include "server/serve_options.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSemaphore>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtConcurrent>
#include <QtTest>

#include <map>
#include <mutex>
#include <set>

using namespace wb;
using api::Json;

namespace {

// --- a StackApi decorator with test hooks ---------------------------------------------------------

struct Hooks
{
    std::string gatedIterrowsId;              //!< iterrows on it waits for `gate`
    std::shared_ptr<QSemaphore> gate = std::make_shared<QSemaphore>(0);
    std::map<std::string, api::Error> statsErrors; //!< datasetStats on these ids fails like this
};

class HookedApi : public ForwardingApi
{
public:
    HookedApi(std::shared_ptr<api::StackApi> inner, Hooks *hooks)
        : ForwardingApi(inner), m_inner(std::move(inner)), m_hooks(hooks) {}

    QFuture<api::Result<api::PaginatedResponse>> iterrows(std::string id, std::optional<int64_t> start,
                                                          std::optional<int64_t> limit) override
    {
        if (id == m_hooks->gatedIterrowsId) {
            auto inner = m_inner;
            auto gate = m_hooks->gate;
            return QtConcurrent::run([inner, gate, id, start, limit] {
                gate->acquire();
                return api::await(inner->iterrows(id, start, limit));
            });
        }
        return m_inner->iterrows(id, start, limit);
    }
    QFuture<api::Result<api::DatasetStats>> datasetStats(std::string id) override
    {
        if (auto it = m_hooks->statsErrors.find(id); it != m_hooks->statsErrors.end())
            return api::readyResult<api::DatasetStats>(it->second);
        return m_inner->datasetStats(id);
    }

private:
    std::shared_ptr<api::StackApi> m_inner;
    Hooks *m_hooks;
};

// --- log capture -----------------------------------------------------------------------------------

std::mutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        std::lock_guard lock(g_logMutex);
        g_log << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QStringList takeLog()
{
    std::lock_guard lock(g_logMutex);
    QStringList out = g_log;
    g_log.clear();
    return out;
}

// --- client ----------------------------------------------------------------------------------------

struct Response
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    Json json() const { return Json::parse(body.toStdString(), nullptr, false); }
};

std::set<std::string> keys(const Json &j)
{
    std::set<std::string> out;
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
            out.insert(it.key());
    return out;
}

const std::set<std::string> kErrorKeys{"status", "title", "detail"};
const std::set<std::string> kDatasetKeys{"identifier", "provider_resource_id", "provider_id",
                                         "type",       "purpose",              "source",
                                         "metadata"};

bool waitFor(QNetworkReply *reply, int ms = 30000)
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(ms);
    loop.exec();
    return reply->isFinished();
}

Response toResponse(QNetworkReply *reply)
{
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        r.headers.append({pair.first, pair.second});
    reply->deleteLater();
    return r;
}

//! A raw HTTP/1.1 exchange, for requests QNAM would change (it adds a Content-Type to every POST).
Response rawRequest(quint16 port, const QByteArray &requestText)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray received;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(requestText); });
    auto complete = [&received] {
        const int end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        qint64 length = 0;
        for (const QByteArray &line : received.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        return received.size() >= end + 4 + length;
    };
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        if (complete())
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    timer.start(30000);
    loop.exec();
    Response r;
    const int end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return r;
    const QList<QByteArray> lines = received.left(end).split('\n');
    r.status = lines.value(0).split(' ').value(1).toInt();
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    r.body = received.mid(end + 4);
    return r;
}

} // namespace

class TestServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<engine::Engine> m_engine;
    Hooks m_hooks;
    QNetworkAccessManager m_nam;

    std::unique_ptr<server::ApiServer> startServer(server::ServerOptions options = {})
    {
        options.host = QStringLiteral("127.0.0.1");
        options.port = 0;
        auto *engine = m_engine.get();
        auto *hooks = &m_hooks;
        auto s = std::make_unique<server::ApiServer>(
            [engine, hooks](const std::string &principal) {
                return std::make_shared<HookedApi>(engine->forPrincipal(principal), hooks);
            },
            options);
        QString error;
        if (!s->listen(&error))
            qWarning() << "listen failed:" << error;
        return s;
    }

    QNetworkReply *send(const server::ApiServer &s, const QByteArray &verb, const QString &path,
                        const QByteArray &body = {}, const QByteArray &token = {},
                        const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(QUrl(s.baseUrl() + path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        if (!contentType.isEmpty() && (verb == "POST" || verb == "PUT"))
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (verb == "GET")
            return m_nam.get(request);
        if (verb == "DELETE")
            return m_nam.deleteResource(request);
        if (verb == "POST")
            return m_nam.post(request, body);
        return m_nam.sendCustomRequest(request, verb, body);
    }

    Response call(const server::ApiServer &s, const QByteArray &verb, const QString &path,
                  const QByteArray &body = {}, const QByteArray &token = {},
                  const QByteArray &contentType = "application/json")
    {
        QNetworkReply *reply = send(s, verb, path, body, token, contentType);
        if (!waitFor(reply)) {
            reply->abort();
            reply->deleteLater();
            return {};
        }
        return toResponse(reply);
    }

    static QByteArray rowsDataset(const std::string &id, int rows = 3)
    {
        Json r = Json::array();
        for (int i = 0; i < rows; ++i)
            r.push_back({{"question", "q" + std::to_string(i)}, {"answer", "a" + std::to_string(i)}});
        Json body{{"purpose", "eval/question-answer"},
                  {"source", {{"type", "rows"}, {"rows", r}}},
                  {"dataset_id", id}};
        return QByteArray::fromStdString(body.dump());
    }

    static QByteArray uriDataset(const QString &uri, const std::string &id)
    {
        Json body{{"purpose", "eval/question-answer"},
                  {"source", {{"type", "uri"}, {"uri", uri.toStdString()}}},
                  {"dataset_id", id}};
        return QByteArray::fromStdString(body.dump());
    }

    static void verifyError(const Response &r, int status, const QString &detailContains = {})
    {
        QCOMPARE(r.status, status);
        const Json j = r.json();
        QVERIFY2(keys(j) == kErrorKeys, r.body.constData());
        QCOMPARE(j["status"].get<int>(), status);
        QVERIFY(!j["title"].get<std::string>().empty());
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        if (!detailContains.isEmpty())
            QVERIFY2(QString::fromStdString(j["detail"].get<std::string>()).contains(detailContains),
                     r.body.constData());
    }

    static void writeFile(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        engine::EngineConfig config;
        config.dataDir = m_tmp.filePath(QStringLiteral("data"));
        config.seedSamples = false;
        m_engine = std::make_unique<engine::Engine>(config);
        QVERIFY(m_engine->open().ok());
        g_previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        m_hooks.gate->release(100); // never leave a gated call blocked
        m_engine.reset();
    }

    // --- happy paths --------------------------------------------------------------------------

    void healthAndVersion()
    {
        auto s = startServer();
        QVERIFY(s->port() != 0);
        Response r = call(*s, "GET", QStringLiteral("/v1/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), (std::set<std::string>{"status"}));
        QCOMPARE(r.json()["status"].get<std::string>(), std::string("OK"));
        r = call(*s, "GET", QStringLiteral("/v1/version"));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), (std::set<std::string>{"version"}));
    }

    void datasetLifecycleWithSlashInId()
    {
        auto s = startServer();
        const std::string id = "crud/with/slash";
        Response r = call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), kDatasetKeys);
        QCOMPARE(r.json()["identifier"].get<std::string>(), id);
        QCOMPARE(r.json()["type"].get<std::string>(), std::string("dataset"));

        r = call(*s, "GET", QStringLiteral("/v1beta/datasets"));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), (std::set<std::string>{"data"}));
        bool listed = false;
        const Json datasets = r.json(); // keep the temporary alive for the loop
        for (const auto &d : datasets["data"]) {
            QCOMPARE(keys(d), kDatasetKeys);
            listed = listed || d["identifier"] == id;
        }
        QVERIFY(listed);

        // The id with plain slashes and with %2F reaches getDataset("crud/with/slash").
        for (const QString &path : {QStringLiteral("/v1beta/datasets/crud/with/slash"),
                                    QStringLiteral("/v1beta/datasets/crud%2Fwith%2Fslash")}) {
            r = call(*s, "GET", path);
            QCOMPARE(r.status, 200);
            QCOMPARE(keys(r.json()), kDatasetKeys);
            QCOMPARE(r.json()["identifier"].get<std::string>(), id);
        }

        r = call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/crud/with/slash?start_index=1&limit=1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), (std::set<std::string>{"data", "has_more", "url"}));
        QCOMPARE(r.json()["data"].size(), size_t(1));
        QCOMPARE(r.json()["data"][0]["question"].get<std::string>(), std::string("q1"));
        QCOMPARE(r.json()["has_more"].get<bool>(), true);
        QCOMPARE(r.json()["url"].get<std::string>(),
                 std::string("/v1beta/datasetio/iterrows/{dataset_id}"));

        r = call(*s, "POST", QStringLiteral("/v1beta/datasetio/append-rows/crud/with/slash"),
                 R"({"rows": [{"question": "q3", "answer": "a3"}]})");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());

        r = call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/crud/with/slash"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["data"].size(), size_t(4));
        QCOMPARE(r.json()["has_more"].get<bool>(), false);
        QCOMPARE(r.json()["data"][3]["answer"].get<std::string>(), std::string("a3"));

        r = call(*s, "GET", QStringLiteral("/v1beta/x-workbench/dataset-stats/crud/with/slash"));
        QCOMPARE(r.status, 200);
        QCOMPARE(keys(r.json()), (std::set<std::string>{"dataset_id", "row_count",
                                                        "appended_row_count", "columns", "format"}));
        QCOMPARE(r.json()["row_count"].get<int>(), 4);
        QCOMPARE(r.json()["appended_row_count"].get<int>(), 1);

        r = call(*s, "DELETE", QStringLiteral("/v1beta/datasets/crud/with/slash"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasets/crud/with/slash")), 404);
    }

    // --- errors --------------------------------------------------------------------------------

    void badRequests()
    {
        auto s = startServer();
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), "{not json"), 400,
                    QStringLiteral("JSON"));
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                         R"({"purpose": "eval/nope", "source": {"type": "rows", "rows": []}})"),
                    400, QStringLiteral("purpose"));
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                         R"({"purpose": "eval/question-answer"})"),
                    400, QStringLiteral("source: field required"));
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasetio/append-rows/x"),
                         R"({"rows": [1]})"),
                    400, QStringLiteral("rows[0]"));

        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("bad/query")).status, 200);
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/bad/query?start_index=abc")),
                    400, QStringLiteral("start_index"));
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/bad/query?limit=1.5")),
                    400, QStringLiteral("limit"));
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/bad/query?limit=-1")).status, 200);
    }

    void notFound()
    {
        auto s = startServer();
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasets/no-such-dataset")), 404,
                    QStringLiteral("no-such-dataset"));
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/no-such-dataset")), 404);
        verifyError(call(*s, "DELETE", QStringLiteral("/v1beta/datasets/no-such-dataset")), 404);
        verifyError(call(*s, "GET", QStringLiteral("/v1/no/such/route")), 404);
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasets/")), 404);
        verifyError(call(*s, "GET", QStringLiteral("/")), 404);
    }

    void methodNotAllowed()
    {
        auto s = startServer();
        Response r = call(*s, "PUT", QStringLiteral("/v1beta/datasets"), "{}");
        verifyError(r, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET, POST"));
        r = call(*s, "POST", QStringLiteral("/v1beta/datasets/some/id"), "{}");
        verifyError(r, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET, DELETE"));
        r = call(*s, "DELETE", QStringLiteral("/v1/health"));
        verifyError(r, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET"));
    }

    void conflict()
    {
        auto s = startServer();
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("conflict", 2)).status, 200);
        // Same content again: a no-op; other content: 409.
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("conflict", 2)).status, 200);
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("conflict", 5)), 409);
    }

    void payloadTooLarge()
    {
        server::ServerOptions options;
        options.maxBodyBytes = 1024;
        auto s = startServer(options);
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("too-big", 200)),
                    413, QStringLiteral("--max-body-mb"));
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("small-enough", 2)).status, 200);
        // A Content-Length above the limit is refused even when fewer bytes arrive with it... as far
        // as Qt lets the request through; a matching length and body is the common case.
        const QByteArray big(2048, ' ');
        Response r = rawRequest(s->port(), "POST /v1beta/datasetio/append-rows/small-enough HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 2048\r\n\r\n" + big);
        verifyError(r, 413);
    }

    void unsupportedMediaType()
    {
        auto s = startServer();
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("media"), {},
                         "text/plain"),
                    415, QStringLiteral("application/json"));
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("media"), {},
                         "application/x-www-form-urlencoded"),
                    415);
        // With parameters it is still JSON.
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("media/charset"), {},
                      "application/json; charset=utf-8").status, 200);
        // No Content-Type at all (curl -d style clients): accepted.
        const QByteArray body = rowsDataset("media/none");
        Response r = rawRequest(s->port(), "POST /v1beta/datasets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Content-Length: " + QByteArray::number(body.size())
                                               + "\r\n\r\n" + body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["identifier"].get<std::string>(), std::string("media/none"));
    }

    void internalErrorDoesNotLeak()
    {
        auto s = startServer();
        m_hooks.statsErrors = {
            {"boom", api::Error::internal("sqlite failure in /very/secret/internal/path.db")},
            {"unsupported", api::Error::notImplemented("stats are not available for this source")},
            {"odd-status", api::Error{299, "Odd", "a status that is not an error"}}};
        takeLog();
        Response r = call(*s, "GET", QStringLiteral("/v1beta/x-workbench/dataset-stats/boom"));
        // Other server errors keep their status and detail.
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/x-workbench/dataset-stats/unsupported")), 501,
                    QStringLiteral("not available"));
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/x-workbench/dataset-stats/odd-status")), 500);
        m_hooks.statsErrors.clear();
        verifyError(r, 500);
        QCOMPARE(r.json()["detail"].get<std::string>(), std::string("Internal server error"));
        QVERIFY(!r.body.contains("secret"));
        // The real detail goes to the log, for the operator.
        QVERIFY(takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("/very/secret/internal/path.db")));
    }

    // --- auth ----------------------------------------------------------------------------------

    void authRequired()
    {
        server::ServerOptions options;
        options.authTokens = {{"alice-token", "alice"}, {"bob-token", "bob"}};
        auto s = startServer(options);
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1/health")).status, 200); // no token needed

        Response r = call(*s, "GET", QStringLiteral("/v1beta/datasets"));
        verifyError(r, 401);
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
        r = call(*s, "GET", QStringLiteral("/v1beta/datasets"), {}, "wrong-token");
        verifyError(r, 401, QStringLiteral("invalid token"));
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
        verifyError(call(*s, "GET", QStringLiteral("/v1/version")), 401);
        // Basic instead of Bearer.
        QNetworkRequest basic(QUrl(s->baseUrl() + QStringLiteral("/v1/version")));
        basic.setRawHeader("Authorization", "Basic YWxpY2U6eA==");
        QNetworkReply *reply = m_nam.get(basic);
        QVERIFY(waitFor(reply));
        verifyError(toResponse(reply), 401);

        QCOMPARE(call(*s, "GET", QStringLiteral("/v1/version"), {}, "alice-token").status, 200);
    }

    void ownership()
    {
        server::ServerOptions options;
        options.authTokens = {{"alice-token", "alice"}, {"bob-token", "bob"}};
        auto s = startServer(options);
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("alice/private"), "alice-token").status,
                 200);
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1beta/datasets/alice/private"), {}, "alice-token").status, 200);

        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasets/alice/private"), {}, "bob-token"), 404);
        verifyError(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/alice/private"), {}, "bob-token"), 404);
        verifyError(call(*s, "DELETE", QStringLiteral("/v1beta/datasets/alice/private"), {}, "bob-token"), 404);
        Response list = call(*s, "GET", QStringLiteral("/v1beta/datasets"), {}, "bob-token");
        QCOMPARE(list.status, 200);
        const Json listJson = list.json();
        for (const auto &d : listJson["data"])
            QVERIFY(d["identifier"] != "alice/private");
        // Registering alice's id as bob: 403.
        verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("alice/private", 1), "bob-token"),
                    403);
        // Still alice's, untouched.
        Response rows = call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/alice/private"), {}, "alice-token");
        QCOMPARE(rows.status, 200);
        QCOMPARE(rows.json()["data"].size(), size_t(3));
    }

    void logsWithoutSecrets()
    {
        server::ServerOptions options;
        options.authTokens = {{"s3cr3t-alice-token", "alice"}};
        auto s = startServer(options);
        takeLog();
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1beta/datasets"), {}, "s3cr3t-alice-token").status, 200);
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/nothing?limit=1&api_key=qu3ry-secret"),
                      {}, "s3cr3t-alice-token").status,
                 404);
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1beta/datasets"), {}, "wrong-s3cr3t").status, 401);
        const QStringList log = takeLog();
        const QString all = log.join(QLatin1Char('\n'));
        QVERIFY2(!all.contains(QStringLiteral("s3cr3t")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("qu3ry-secret")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("Bearer")), qPrintable(all));
        // One line per request: category, method, path, status, duration.
        const QRegularExpression line(
            QStringLiteral("^wb\\.server GET /v1beta/datasets 200 \\d+ ms$"));
        QVERIFY2(log.indexOf(line) >= 0, qPrintable(all));
        QVERIFY2(log.indexOf(QRegularExpression(QStringLiteral(
                     "^wb\\.server GET /v1beta/datasetio/iterrows/nothing 404 \\d+ ms$"))) >= 0,
                 qPrintable(all));
        QVERIFY2(log.indexOf(QRegularExpression(QStringLiteral("^wb\\.server GET /v1beta/datasets 401 \\d+ ms$"))) >= 0,
                 qPrintable(all));
    }

    // --- what a registration may point at -------------------------------------------------------

    void localFilesOnlyInsideAllowedFolders()
    {
        const QString allowed = m_tmp.filePath(QStringLiteral("allowed"));
        const QString outside = m_tmp.filePath(QStringLiteral("outside"));
        writeFile(allowed + QStringLiteral("/qa.csv"), "question,answer\nq,a\n");
        writeFile(outside + QStringLiteral("/secret.csv"), "question,answer\nsecret,s\n");
        QVERIFY(QFile::link(outside + QStringLiteral("/secret.csv"), allowed + QStringLiteral("/link.csv")));
        QVERIFY(QFile::link(outside, allowed + QStringLiteral("/linkdir")));

        {
            auto s = startServer(); // no --allow-files: no local file at all
            verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                             uriDataset(allowed + QStringLiteral("/qa.csv"), "file/none")),
                        403, QStringLiteral("--allow-files"));
        }

        server::ServerOptions options;
        options.allowFiles = {allowed};
        auto s = startServer(options);
        Response r = call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                          uriDataset(allowed + QStringLiteral("/qa.csv"), "file/inside"));
        QCOMPARE(r.status, 200);
        r = call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/file/inside"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["data"][0]["question"].get<std::string>(), std::string("q"));
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                      uriDataset(QUrl::fromLocalFile(allowed + QStringLiteral("/qa.csv")).toString(),
                                 "file/inside-uri")).status,
                 200);

        const QStringList refused = {
            outside + QStringLiteral("/secret.csv"),
            allowed + QStringLiteral("/../outside/secret.csv"),
            allowed + QStringLiteral("/link.csv"),
            allowed + QStringLiteral("/linkdir/secret.csv"),
            allowed + QStringLiteral("/linkdir/not-yet-there.csv"),
            QUrl::fromLocalFile(outside + QStringLiteral("/secret.csv")).toString(),
            QStringLiteral("file://") + allowed + QStringLiteral("/../outside/secret.csv"),
            QStringLiteral("/etc/passwd"),
        };
        int n = 0;
        for (const QString &uri : refused) {
            r = call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                     uriDataset(uri, "file/refused-" + std::to_string(n++)));
            QVERIFY2(r.status == 403, qPrintable(uri + QStringLiteral(": ") + QString::fromUtf8(r.body)));
            verifyError(r, 403, QStringLiteral("outside the folders this server allows (--allow-files)"));
        }
        // Nothing refused was registered.
        r = call(*s, "GET", QStringLiteral("/v1beta/datasets"));
        QVERIFY(!r.body.contains("file/refused"));
    }

    void remoteUrisNeedTheFlag()
    {
        const QStringList remote = {QStringLiteral("https://example.com/data.csv"),
                                    QStringLiteral("http://example.com/data.csv"),
                                    QStringLiteral("huggingface://datasets/llamastack/simpleqa?split=train")};
        {
            auto s = startServer();
            int n = 0;
            for (const QString &uri : remote)
                verifyError(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                                 uriDataset(uri, "remote/refused-" + std::to_string(n++))),
                            403, QStringLiteral("--allow-remote-uris"));
            // data: URIs are always fine.
            QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                          uriDataset(QStringLiteral("data:text/csv;base64,cXVlc3Rpb24sYW5zd2VyCnEsYQo="),
                                     "remote/data-uri")).status,
                     200);
            Response r = call(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/remote/data-uri"));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json()["data"].size(), size_t(1));
        }
        server::ServerOptions options;
        options.allowRemoteUris = true;
        auto s = startServer(options);
        int n = 0;
        for (const QString &uri : remote) // registering does not fetch (as upstream)
            QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"),
                          uriDataset(uri, "remote/allowed-" + std::to_string(n++))).status,
                     200);
    }

    // --- threading -----------------------------------------------------------------------------

    void slowCallDoesNotBlockOthers()
    {
        auto s = startServer();
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("slow/one", 4)).status, 200);
        m_hooks.gatedIterrowsId = "slow/one";
        QNetworkReply *slow = send(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/slow/one"));
        QNetworkReply *health = send(*s, "GET", QStringLiteral("/v1/health"));
        QNetworkReply *get = send(*s, "GET", QStringLiteral("/v1beta/datasets/slow/one"));
        QVERIFY(waitFor(health));
        QVERIFY(waitFor(get));
        // The iterrows call is still parked in the engine, yet the others have been answered.
        QVERIFY(!slow->isFinished());
        QCOMPARE(toResponse(health).status, 200);
        QCOMPARE(toResponse(get).status, 200);
        m_hooks.gate->release();
        QVERIFY(waitFor(slow));
        Response r = toResponse(slow);
        m_hooks.gatedIterrowsId.clear();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["data"].size(), size_t(4));
    }

    void clientGoneBeforeReply()
    {
        auto s = startServer();
        QCOMPARE(call(*s, "POST", QStringLiteral("/v1beta/datasets"), rowsDataset("slow/gone", 1)).status, 200);
        m_hooks.gatedIterrowsId = "slow/gone";
        QNetworkReply *slow = send(*s, "GET", QStringLiteral("/v1beta/datasetio/iterrows/slow/gone"));
        QTest::qWait(100);
        slow->abort();
        slow->deleteLater();
        QTest::qWait(100);
        m_hooks.gate->release();
        QTest::qWait(200); // the late reply is dropped, not written to a dead socket
        m_hooks.gatedIterrowsId.clear();
        QCOMPARE(call(*s, "GET", QStringLiteral("/v1/health")).status, 200);
    }

    // --- listening and the command line ---------------------------------------------------------

    void refusesPublicAddressWithoutAuth()
    {
        auto provider = [this](const std::string &p) { return m_engine->forPrincipal(p); };
        server::ServerOptions options;
        options.host = QStringLiteral("0.0.0.0");
        options.port = 0;
        {
            server::ApiServer s(provider, options);
            QString error;
            QVERIFY(!s.listen(&error));
            QVERIFY(error.contains(QStringLiteral("--auth-file")));
        }
        {
            options.insecure = true;
            server::ApiServer s(provider, options);
            QString error;
            QVERIFY2(s.listen(&error), qPrintable(error));
        }
        {
            options.insecure = false;
            options.authTokens = {{"t", "p"}};
            server::ApiServer s(provider, options);
            QString error;
            QVERIFY2(s.listen(&error), qPrintable(error));
        }
        {
            server::ServerOptions bad;
            bad.host = QStringLiteral("not an address");
            server::ApiServer s(provider, bad);
            QString error;
            QVERIFY(!s.listen(&error));
            QVERIFY(!error.isEmpty());
        }
    }

    void serveArguments()
    {
        auto c = server::parseServeArguments({QStringLiteral("llama-workbench"), QStringLiteral("serve")});
        QVERIFY(c.ok());
        QCOMPARE(c->server.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(c->server.port, quint16(8321));
        QCOMPARE(c->server.maxBodyBytes, qint64(16) << 20);
        QVERIFY(c->server.authTokens.empty());

        const QString allowed = m_tmp.filePath(QStringLiteral("args-allowed"));
        QVERIFY(QDir().mkpath(allowed));
        const QString auth = m_tmp.filePath(QStringLiteral("auth.json"));
        writeFile(auth, R"({"tokens": {"tok-a": "alice", "tok-b": "bob"}})");
        c = server::parseServeArguments(
            {QStringLiteral("llama-workbench"), QStringLiteral("serve"), QStringLiteral("--host"),
             QStringLiteral("0.0.0.0"), QStringLiteral("--port"), QStringLiteral("0"),
             QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--auth-file"), auth,
             QStringLiteral("--allow-files"), allowed, QStringLiteral("--allow-remote-uris"),
             QStringLiteral("--max-body-mb"), QStringLiteral("2"), QStringLiteral("--insecure")});
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().detail.c_str());
        QCOMPARE(c->server.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(c->server.port, quint16(0));
        QCOMPARE(c->dataDir, QStringLiteral("/tmp/x"));
        QCOMPARE(c->server.authTokens.size(), size_t(2));
        QCOMPARE(c->server.authTokens.at("tok-b"), std::string("bob"));
        QCOMPARE(c->server.allowFiles, QStringList{QFileInfo(allowed).canonicalFilePath()});
        QVERIFY(c->server.allowRemoteUris);
        QVERIFY(c->server.insecure);
        QCOMPARE(c->server.maxBodyBytes, qint64(2) << 20);

        QVERIFY(server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--help")})->help);
        QVERIFY(!server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--port"), QStringLiteral("http")}).ok());
        QVERIFY(!server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--bogus")}).ok());
        auto db = server::parseServeArguments({QStringLiteral("x"), QStringLiteral("serve"), QStringLiteral("--db"),
                                               QStringLiteral("postgresql://wb@127.0.0.1:5432/wb")});
        QVERIFY(db.ok());
        QCOMPARE(db->databaseUrl, QStringLiteral("postgresql://wb@127.0.0.1:5432/wb"));
        QVERIFY(!server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--db"), QStringLiteral("mysql://x/y")}).ok());
        QVERIFY(!server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--max-body-mb"), QStringLiteral("0")}).ok());
        QVERIFY(!server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--allow-files"),
                                              m_tmp.filePath(QStringLiteral("missing"))}).ok());
        auto models = server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--model-dir"), allowed,
                                                   QStringLiteral("--model-dir"), m_tmp.path()});
        QVERIFY(models.ok());
        QCOMPARE(models->modelDirs, (QStringList{QFileInfo(allowed).absoluteFilePath(),
                                                 QFileInfo(m_tmp.path()).absoluteFilePath()}));
        const auto missingModels = server::parseServeArguments(
            {QStringLiteral("x"), QStringLiteral("--model-dir"), m_tmp.filePath(QStringLiteral("missing"))});
        QVERIFY(!missingModels.ok());
        QVERIFY(QString::fromStdString(missingModels.error().detail).startsWith(QStringLiteral("--model-dir")));
        QCOMPARE(server::parseServeArguments({QStringLiteral("x")})->evalJobs, 1);
        QCOMPARE(server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--eval-jobs"), QStringLiteral("3")})
                     ->evalJobs,
                 3);
        for (const char *bad : {"0", "-1", "65", "two"}) {
            const auto badJobs = server::parseServeArguments(
                {QStringLiteral("x"), QStringLiteral("--eval-jobs"), QString::fromLatin1(bad)});
            QVERIFY2(!badJobs.ok(), bad);
            QVERIFY(QString::fromStdString(badJobs.error().detail).startsWith(QStringLiteral("--eval-jobs")));
        }
    }

    void authFile()
    {
        const QString path = m_tmp.filePath(QStringLiteral("auth-bad.json"));
        const QList<QByteArray> bad = {"not json", "[]", R"({"token": {}})", R"({"tokens": []})",
                                       R"({"tokens": {}})", R"({"tokens": {"t": 1}})",
                                       R"({"tokens": {"t": ""}})", R"({"tokens": {"": "p"}})"};
        for (const QByteArray &text : bad) {
            writeFile(path, text);
            auto r = server::loadAuthFile(path);
            QVERIFY2(!r.ok(), text.constData());
            QVERIFY(QString::fromStdString(r.error().detail).contains(path));
        }
        QVERIFY(!server::loadAuthFile(m_tmp.filePath(QStringLiteral("no-such-file.json"))).ok());
        auto r = server::parseServeArguments({QStringLiteral("x"), QStringLiteral("--auth-file"), path});
        QVERIFY(!r.ok());
    }

    void accessPolicyUnits()
    {
        QCOMPARE(server::uriScheme("C:\\data\\x.csv"), std::string("c"));
        QCOMPARE(server::uriScheme("/a/b:c.csv"), std::string());
        QCOMPARE(server::uriScheme("HTTPS://x"), std::string("https"));
        QVERIFY(server::isInsideFolder(QStringLiteral("/a/b/c"), QStringLiteral("/a/b")));
        QVERIFY(server::isInsideFolder(QStringLiteral("/a/b"), QStringLiteral("/a/b")));
        QVERIFY(!server::isInsideFolder(QStringLiteral("/a/bc"), QStringLiteral("/a/b")));
        QVERIFY(server::isInsideFolder(QStringLiteral("/x"), QStringLiteral("/")));
        server::AccessPolicy policy;
        QVERIFY(server::checkDataSource(api::RowsDataSource{}, policy).ok());
        QVERIFY(server::checkDataSource(api::UriDataSource{"data:text/csv,a%0A1"}, policy).ok());
        QCOMPARE(server::checkDataSource(api::UriDataSource{"relative/path.csv"}, policy).error().status, 403);
        QCOMPARE(server::checkDataSource(api::UriDataSource{"~/x.csv"}, policy).error().status, 403);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
