// bench_serve: HTTP load on `llama-workbench serve`, against a FastAPI/uvicorn baseline.
//
//   bench_serve                      2,000-row CSV dataset, wrk -t2 -c64 -d10s on each server
//   bench_serve --rows N             N rows (at least 120: the page is rows 100..119)
//   bench_serve --duration S         wrk duration in seconds (default 10)
//   bench_serve --connections C      wrk connections (default 64)
//
// The workbench binary is $WB_WORKBENCH_BIN, else ../../app/llama-workbench next to this binary
// (the build tree's layout). wrk must be on PATH; the baseline needs /usr/bin/python3 with Debian's
// python3-fastapi and python3-uvicorn (it is reported as unavailable otherwise).
//
// What is measured: GET /v1beta/datasetio/iterrows/bench?start_index=100&limit=20 on a registered
// CSV file dataset (the workbench reads the page through its row index), and the same 20-row page
// served by a minimal FastAPI app from memory as {"data": [...], "has_more": true} (uvicorn
// defaults: one worker, the default event loop). Request logging is off on both servers (the
// workbench's wb.server category, uvicorn's access log), so neither pays for log writes.
// Everything is on loopback; both servers are stopped at the end.
//
// The same page is also measured (for half the duration) with the rows registered as an inline
// `rows` source and as a `data:text/csv;base64,` URI, the two other ways clients register datasets.
//
// Figures: requests/s, p99 latency and failed requests (non-2xx answers plus wrk's socket errors)
// for each server, and the workbench's requests/s over FastAPI's (CSV file dataset). Target: >= 3x,
// 0 failed.

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <optional>
#include <random>
#include <string>

namespace {

constexpr int kPageStart = 100;
constexpr int kPageLimit = 20;

// --- a minimal blocking HTTP/1.1 client (setup and readiness checks only; wrk does the load) ----

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

std::optional<HttpAnswer> httpRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                                      const QByteArray &body = {}, int timeoutMs = 10000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(std::min(timeoutMs, 2000)))
        return std::nullopt;
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(port) + "\r\nConnection: close\r\n";
    if (method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    request += "\r\n" + body;
    socket.write(request);

    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    qsizetype headerEnd = -1;
    qint64 contentLength = -1;
    while (timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(100))
            response += socket.readAll();
        if (headerEnd < 0 && (headerEnd = response.indexOf("\r\n\r\n")) >= 0) {
            static const QRegularExpression lengthRe(QStringLiteral("\r\ncontent-length:\\s*(\\d+)"),
                                                     QRegularExpression::CaseInsensitiveOption);
            const auto m = lengthRe.match(QString::fromLatin1(response.left(headerEnd + 2)));
            if (m.hasMatch())
                contentLength = m.captured(1).toLongLong();
        }
        if (headerEnd >= 0 && contentLength >= 0 && response.size() - (headerEnd + 4) >= contentLength)
            break;
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            response += socket.readAll();
            break;
        }
    }
    if (headerEnd < 0 || !response.startsWith("HTTP/1."))
        return std::nullopt;
    HttpAnswer answer;
    answer.status = response.mid(9, 3).toInt();
    answer.body = response.mid(headerEnd + 4);
    if (contentLength >= 0)
        answer.body.truncate(contentLength);
    return answer;
}

//! Polls GET `path` until it answers 200, the process exits, or `timeoutMs` passes.
bool waitUntilReady(QProcess &process, quint16 port, const QByteArray &path, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (process.state() == QProcess::NotRunning)
            return false;
        if (auto answer = httpRequest(port, "GET", path, {}, 2000); answer && answer->status == 200)
            return true;
        QThread::msleep(100);
    }
    return false;
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate(); // SIGTERM: both servers stop cleanly on it
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

QString tail(const QString &path, int lines = 20)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

// --- data --------------------------------------------------------------------------------------

//! A CSV shaped like upstream's eval datasets (test_dataset.csv's columns), `rows` rows.
bool writeCsv(const QString &path, int rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::mt19937 rng(42);
    const char *topics[] = {"capital cities", "prime numbers", "river lengths", "chemical elements",
                            "famous paintings", "planetary orbits", "programming languages"};
    std::string out = "input_query,generated_answer,expected_answer,chat_completion_input\n";
    for (int i = 0; i < rows; ++i) {
        const std::string question = "Question " + std::to_string(i) + " on " + topics[rng() % 7] + "?";
        const std::string answer = "Answer " + std::to_string(rng() % 100000);
        out += '"' + question + "\",\"" + answer + "\",\"" + answer + "\",\"[{\"\"role\"\": \"\"user\"\", "
            + "\"\"content\"\": \"\"" + question + "\"\"}]\"\n";
    }
    return f.write(out.data(), qint64(out.size())) == qint64(out.size());
}

// --- wrk ---------------------------------------------------------------------------------------

struct LoadResult
{
    double rps = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    qint64 failed() const { return non2xx + socketErrors; }
};

double toMs(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    if (unit == QLatin1String("us"))
        return v / 1000.0;
    if (unit == QLatin1String("s"))
        return v * 1000.0;
    if (unit == QLatin1String("m"))
        return v * 60000.0;
    return v; // ms
}

std::optional<LoadResult> runWrk(const QString &url, int connections, int seconds, const QString &label)
{
    QProcess wrk;
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t2"), QStringLiteral("-c%1").arg(connections),
               QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency"), url});
    if (!wrk.waitForStarted(5000)) {
        std::fprintf(stderr, "cannot start wrk (install it: apt-get install wrk)\n");
        return std::nullopt;
    }
    if (!wrk.waitForFinished((seconds + 60) * 1000)) {
        wrk.kill();
        wrk.waitForFinished(5000);
        std::fprintf(stderr, "wrk did not finish\n");
        return std::nullopt;
    }
    const QString out = QString::fromLocal8Bit(wrk.readAll());
    std::printf("--- wrk on %s ---\n%s", qPrintable(label), qPrintable(out));
    std::fflush(stdout);
    if (wrk.exitStatus() != QProcess::NormalExit || wrk.exitCode() != 0)
        return std::nullopt;

    LoadResult r;
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([\\d.]+)")).match(out);
    const auto p50 = QRegularExpression(QStringLiteral("\\n\\s*50%\\s+([\\d.]+)(us|ms|s|m)\\b")).match(out);
    const auto p99 = QRegularExpression(QStringLiteral("\\n\\s*99%\\s+([\\d.]+)(us|ms|s|m)\\b")).match(out);
    const auto total = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(out);
    if (!rps.hasMatch() || !p99.hasMatch() || !total.hasMatch()) {
        std::fprintf(stderr, "cannot parse wrk's output\n");
        return std::nullopt;
    }
    r.rps = rps.captured(1).toDouble();
    r.p99Ms = toMs(p99.captured(1), p99.captured(2));
    if (p50.hasMatch())
        r.p50Ms = toMs(p50.captured(1), p50.captured(2));
    r.requests = total.captured(1).toLongLong();
    const auto non2xx = QRegularExpression(QStringLiteral("Non-2xx or 3xx responses:\\s+(\\d+)")).match(out);
    if (non2xx.hasMatch())
        r.non2xx = non2xx.captured(1).toLongLong();
    const auto sockets = QRegularExpression(
        QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")).match(out);
    if (sockets.hasMatch())
        for (int i = 1; i <= 4; ++i)
            r.socketErrors += sockets.captured(i).toLongLong();
    return r;
}

// --- the two servers ---------------------------------------------------------------------------

QString locateWorkbench()
{
    const QString fromEnv = qEnvironmentVariable("WB_WORKBENCH_BIN");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../../app/llama-workbench"));
}

//! Starts `llama-workbench serve --port 0` and reads the port it printed; 0 on failure.
quint16 startWorkbench(QProcess &process, const QString &bin, const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("wb.server.info=false"));
    process.setProcessEnvironment(env);
    process.setStandardErrorFile(dir.filePath(QStringLiteral("workbench.log")));
    process.start(bin, {QStringLiteral("serve"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                        dir.filePath(QStringLiteral("data")), QStringLiteral("--allow-files"),
                        dir.filePath(QStringLiteral("files"))});
    if (!process.waitForStarted(10000))
        return 0;
    static const QRegularExpression urlRe(QStringLiteral("Serving the Llama Stack API on http://[^:\\s]+:(\\d+)"));
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        out += process.readAllStandardOutput();
        const auto m = urlRe.match(QString::fromLocal8Bit(out));
        if (m.hasMatch())
            return quint16(m.captured(1).toUInt());
    }
    return 0;
}

const char *kFastApiApp = R"(# The baseline: the same page served from memory by FastAPI, as upstream serves its routes.
import json
import os

from fastapi import FastAPI

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "page.json")) as f:
    ROWS = json.load(f)

app = FastAPI()


@app.get("/v1beta/datasetio/iterrows/{dataset_id:path}")
async def iterrows(dataset_id: str, start_index: int | None = None, limit: int | None = None):
    return {"data": ROWS, "has_more": True}
)";

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int rows = 2000;
    int seconds = 10;
    int connections = 64;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rows"))
            rows = std::max(kPageStart + kPageLimit, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--duration"))
            seconds = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--connections"))
            connections = std::max(1, args[i + 1].toInt());
    }
    if (args.size() % 2 != 0) {
        std::fprintf(stderr, "usage: bench_serve [--rows N] [--duration S] [--connections C]\n");
        return 2;
    }

    const QString bin = locateWorkbench();
    if (!QFileInfo(bin).isExecutable()) {
        std::fprintf(stderr, "llama-workbench not found at %s (set WB_WORKBENCH_BIN)\n", qPrintable(bin));
        return 1;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty()) {
        std::fprintf(stderr, "wrk is not on PATH (apt-get install wrk)\n");
        return 1;
    }

    QTemporaryDir dir;
    if (!dir.isValid() || !QDir(dir.path()).mkpath(QStringLiteral("files"))
        || !QDir(dir.path()).mkpath(QStringLiteral("data")))
        return 1;
    const QString csv = dir.filePath(QStringLiteral("files/bench.csv"));
    if (!writeCsv(csv, rows)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(csv));
        return 1;
    }
    std::printf("dataset: %d rows, %.1f KB CSV; page: start_index=%d limit=%d; wrk -t2 -c%d -d%ds; %d cores\n",
                rows, double(QFileInfo(csv).size()) / 1024.0, kPageStart, kPageLimit, connections,
                seconds, QThread::idealThreadCount());

    // 1. The workbench: start, register the CSV over HTTP, warm the row index.
    QProcess workbench;
    const quint16 wbPort = startWorkbench(workbench, bin, dir);
    if (wbPort == 0 || !waitUntilReady(workbench, wbPort, "/v1/health")) {
        std::fprintf(stderr, "the workbench server did not start:\n%s\n",
                     qPrintable(tail(dir.filePath(QStringLiteral("workbench.log")))));
        stopProcess(workbench);
        return 1;
    }
    const QByteArray registerBody = QJsonDocument(QJsonObject{
        {QStringLiteral("dataset_id"), QStringLiteral("bench")},
        {QStringLiteral("purpose"), QStringLiteral("eval/question-answer")},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("type"), QStringLiteral("uri")},
                                               {QStringLiteral("uri"), csv}}}}).toJson(QJsonDocument::Compact);
    const auto registered = httpRequest(wbPort, "POST", "/v1beta/datasets", registerBody);
    const QByteArray pagePath = "/v1beta/datasetio/iterrows/bench?start_index=" + QByteArray::number(kPageStart)
        + "&limit=" + QByteArray::number(kPageLimit);
    const auto page = httpRequest(wbPort, "GET", pagePath, {}, 60000); // builds the row index
    const QJsonObject pageJson = page ? QJsonDocument::fromJson(page->body).object() : QJsonObject{};
    if (!registered || registered->status != 200 || !page || page->status != 200
        || pageJson.value(QStringLiteral("data")).toArray().size() != kPageLimit) {
        std::fprintf(stderr, "registering or reading the dataset failed: register %d %s; page %d %s\n",
                     registered ? registered->status : 0,
                     registered ? registered->body.left(300).constData() : "",
                     page ? page->status : 0, page ? page->body.left(300).constData() : "");
        stopProcess(workbench);
        return 1;
    }
    const QString wbUrl = QStringLiteral("http://127.0.0.1:%1%2").arg(wbPort).arg(QString::fromLatin1(pagePath));
    std::printf("workbench: %s (%lld-byte body)\n", qPrintable(wbUrl), (long long)page->body.size());
    std::fflush(stdout);
    const auto wbLoad = runWrk(wbUrl, connections, seconds, QStringLiteral("workbench"));

    // The same rows as an inline `rows` source and as a `data:` URI CSV (upstream's test style):
    // the page is the same (compared as JSON: QJsonObject sorts the rows' keys), only where the
    // dataset's rows live differs. Shorter runs.
    std::optional<LoadResult> rowsLoad, dataUriLoad;
    const int shortSeconds = std::max(2, seconds / 2);
    if (wbLoad && workbench.state() == QProcess::Running) {
        const auto all = httpRequest(wbPort, "GET", "/v1beta/datasetio/iterrows/bench", {}, 60000);
        QFile csvFile(csv);
        const QByteArray csvBytes = csvFile.open(QIODevice::ReadOnly) ? csvFile.readAll() : QByteArray();
        const QJsonArray allRows = all ? QJsonDocument::fromJson(all->body).object()
                                             .value(QStringLiteral("data")).toArray()
                                       : QJsonArray{};
        const std::pair<QString, QJsonObject> variants[] = {
            {QStringLiteral("bench-rows"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("rows")}, {QStringLiteral("rows"), allRows}}},
            {QStringLiteral("bench-datauri"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("uri")},
                         {QStringLiteral("uri"), QJsonValue(QString(QStringLiteral("data:text/csv;base64,")
                                                     + QString::fromLatin1(csvBytes.toBase64())))}}}};
        for (const auto &[id, source] : variants) {
            const QByteArray body = QJsonDocument(QJsonObject{
                {QStringLiteral("dataset_id"), id},
                {QStringLiteral("purpose"), QStringLiteral("eval/question-answer")},
                {QStringLiteral("source"), source}}).toJson(QJsonDocument::Compact);
            const QByteArray path = "/v1beta/datasetio/iterrows/" + id.toLatin1() + "?start_index="
                + QByteArray::number(kPageStart) + "&limit=" + QByteArray::number(kPageLimit);
            const auto reg = httpRequest(wbPort, "POST", "/v1beta/datasets", body, 60000);
            const auto first = httpRequest(wbPort, "GET", path, {}, 60000);
            if (allRows.size() != rows || !reg || reg->status != 200 || !first || first->status != 200
                || QJsonDocument::fromJson(first->body) != QJsonDocument::fromJson(page->body)) {
                std::fprintf(stderr, "the %s variant did not serve the same page\n", qPrintable(id));
                continue;
            }
            const QString url = QStringLiteral("http://127.0.0.1:%1%2").arg(wbPort).arg(QString::fromLatin1(path));
            auto load = runWrk(url, connections, shortSeconds, QStringLiteral("workbench, ") + id);
            (id == QLatin1String("bench-rows") ? rowsLoad : dataUriLoad) = load;
        }
    }
    const bool wbAlive = workbench.state() == QProcess::Running;
    stopProcess(workbench);
    if (!wbAlive)
        std::fprintf(stderr, "the workbench server died under load:\n%s\n",
                     qPrintable(tail(dir.filePath(QStringLiteral("workbench.log")))));

    // 2. The baseline: FastAPI on uvicorn serving the same rows from memory.
    std::optional<LoadResult> fastLoad;
    {
        QFile pageFile(dir.filePath(QStringLiteral("page.json")));
        QFile appFile(dir.filePath(QStringLiteral("bench_app.py")));
        if (!pageFile.open(QIODevice::WriteOnly) || !appFile.open(QIODevice::WriteOnly))
            return 1;
        pageFile.write(QJsonDocument(pageJson.value(QStringLiteral("data")).toArray()).toJson(QJsonDocument::Compact));
        appFile.write(kFastApiApp);
    }
    const quint16 fastPort = freePort();
    QProcess fastapi;
    fastapi.setProcessChannelMode(QProcess::MergedChannels);
    fastapi.setStandardOutputFile(dir.filePath(QStringLiteral("uvicorn.log")));
    fastapi.setWorkingDirectory(dir.path());
    fastapi.start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral("-m"), QStringLiteral("uvicorn"), QStringLiteral("bench_app:app"),
                   QStringLiteral("--app-dir"), dir.path(), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                   QStringLiteral("--port"), QString::number(fastPort), QStringLiteral("--no-access-log")});
    const QString fastUrl = QStringLiteral("http://127.0.0.1:%1%2").arg(fastPort).arg(QString::fromLatin1(pagePath));
    if (fastPort != 0 && fastapi.waitForStarted(10000) && waitUntilReady(fastapi, fastPort, pagePath)) {
        const auto fastPage = httpRequest(fastPort, "GET", pagePath);
        std::printf("fastapi: %s (%lld-byte body)\n", qPrintable(fastUrl),
                    fastPage ? (long long)fastPage->body.size() : -1LL);
        std::fflush(stdout);
        fastLoad = runWrk(fastUrl, connections, seconds, QStringLiteral("fastapi"));
    } else {
        std::fprintf(stderr, "the FastAPI baseline did not start (python3-fastapi, python3-uvicorn?):\n%s\n",
                     qPrintable(tail(dir.filePath(QStringLiteral("uvicorn.log")))));
    }
    stopProcess(fastapi);

    if (!wbLoad)
        return 1;
    std::printf("workbench_requests: %lld requests\n", (long long)wbLoad->requests);
    std::printf("workbench_rps: %.0f req/s\n", wbLoad->rps);
    std::printf("workbench_p50: %.2f ms\n", wbLoad->p50Ms);
    std::printf("workbench_p99: %.2f ms\n", wbLoad->p99Ms);
    std::printf("workbench_failed: %lld requests\n", (long long)wbLoad->failed());
    for (const auto &[name, load] : {std::pair{"workbench_rows_source", rowsLoad},
                                      std::pair{"workbench_data_uri", dataUriLoad}}) {
        if (!load)
            continue;
        std::printf("%s_rps: %.0f req/s\n", name, load->rps);
        std::printf("%s_p99: %.2f ms\n", name, load->p99Ms);
        std::printf("%s_failed: %lld requests\n", name, (long long)load->failed());
    }
    if (fastLoad) {
        std::printf("fastapi_rps: %.0f req/s\n", fastLoad->rps);
        std::printf("fastapi_p50: %.2f ms\n", fastLoad->p50Ms);
        std::printf("fastapi_p99: %.2f ms\n", fastLoad->p99Ms);
        std::printf("fastapi_failed: %lld requests\n", (long long)fastLoad->failed());
        std::printf("rps_vs_fastapi: %.2f x\n", fastLoad->rps > 0 ? wbLoad->rps / fastLoad->rps : 0.0);
    } else {
        std::printf("fastapi_rps: unavailable\n");
    }
    return wbAlive ? 0 : 1;
}
