#include "server/eval_routes.h"

#include <QStringList>
#include <QUrl>

namespace wb::server {

using namespace detail;

namespace {

const QString kBenchmarksPrefix = QStringLiteral("/v1alpha/eval/benchmarks/");

//! Upstream's answer to a register call: 200 with the JSON body `null`.
Reply nullReply()
{
    return jsonReply(api::Json(nullptr));
}

//! Upstream's answer to a DELETE that returns nothing.
Reply noContent()
{
    return Reply{204, {}, {}, {}, false};
}

QFuture<Reply> thenNull(QFuture<api::Result<void>> future)
{
    return then(std::move(future), [] { return nullReply(); });
}

QFuture<Reply> thenNoContent(QFuture<api::Result<void>> future)
{
    return then(std::move(future), [] { return noContent(); });
}

template<typename Request>
api::Result<Request> parseBody(const Call &c)
{
    return api::parseText<Request>(c.body.toStdString());
}

//! A long call (score, evaluate_rows) with a token that the client's disconnect cancels. A call
//! that ends cancelled (499) while the client is still there (the server is stopping) answers 503:
//! 499 is never sent.
template<typename T, typename Start>
QFuture<Reply> cancellable(const Call &c, Start start)
{
    DisconnectCancel cancel(c.socket);
    QFuture<api::Result<T>> future = start(cancel.token);
    return thenJson(future.then(QtFuture::Launch::Sync, [link = cancel.link](api::Result<T> r) {
        QObject::disconnect(link); // thread-safe; the connection may serve further requests
        if (!r && r.error().status == 499)
            return api::Result<T>(api::Error::make(503, "the call was cancelled before it finished ("
                                                            + r.error().detail + ")"));
        return r;
    }));
}

QString decode(const QString &encoded)
{
    return QUrl::fromPercentEncoding(encoded.toUtf8());
}

// --- scoring functions and scoring --------------------------------------------------------------

QFuture<Reply> listScoringFunctions(const Call &c)
{
    return thenJson(c.api->listScoringFunctions());
}

QFuture<Reply> registerScoringFunction(const Call &c)
{
    auto request = parseBody<api::RegisterScoringFunctionRequest>(c);
    if (!request)
        return readyError(request.error());
    return thenNull(c.api->registerScoringFunction(std::move(request.value())));
}

QFuture<Reply> getScoringFunction(const Call &c)
{
    return thenJson(c.api->getScoringFunction(c.id));
}

QFuture<Reply> unregisterScoringFunction(const Call &c)
{
    return thenNoContent(c.api->unregisterScoringFunction(c.id));
}

QFuture<Reply> score(const Call &c)
{
    auto request = parseBody<api::ScoreRequest>(c);
    if (!request)
        return readyError(request.error());
    return cancellable<api::ScoreResponse>(c, [&](api::CancelToken token) {
        return c.api->score(std::move(request.value()), std::move(token));
    });
}

QFuture<Reply> scoreBatch(const Call &c)
{
    auto request = parseBody<api::ScoreBatchRequest>(c);
    if (!request)
        return readyError(request.error());
    return cancellable<api::ScoreBatchResponse>(c, [&](api::CancelToken token) {
        return c.api->scoreBatch(std::move(request.value()), std::move(token));
    });
}

// --- benchmarks ---------------------------------------------------------------------------------

QFuture<Reply> listBenchmarks(const Call &c)
{
    return thenJson(c.api->listBenchmarks());
}

QFuture<Reply> registerBenchmark(const Call &c)
{
    auto request = parseBody<api::RegisterBenchmarkRequest>(c);
    if (!request)
        return readyError(request.error());
    return thenNull(c.api->registerBenchmark(std::move(request.value())));
}

QFuture<Reply> listEvalJobs(const Call &c)
{
    std::optional<std::string> benchmark;
    const QString id = c.query.queryItemValue(QStringLiteral("benchmark_id"), QUrl::FullyDecoded);
    if (!id.isEmpty())
        benchmark = id.toStdString();
    return thenJson(c.api->listEvalJobs(std::move(benchmark)));
}

//! What a path under /v1alpha/eval/benchmarks/ names, read from its end so that benchmark ids
//! may contain '/'.
struct BenchmarkPath
{
    enum Kind { Benchmark, Evaluations, Jobs, Job, Result, Info, Rows, Record };
    Kind kind = Benchmark;
    std::string benchmarkId;
    std::string jobId;
};

BenchmarkPath parseBenchmarkPath(const QString &encodedRest)
{
    const QStringList segments = encodedRest.split(QLatin1Char('/'));
    const qsizetype n = segments.size();
    auto idOf = [&](qsizetype count) {
        return decode(segments.mid(0, count).join(QLatin1Char('/'))).toStdString();
    };
    BenchmarkPath p;
    if (n >= 4 && segments[n - 3] == QLatin1String("jobs")) {
        static const std::pair<const char *, BenchmarkPath::Kind> tails[] = {
            {"result", BenchmarkPath::Result}, {"info", BenchmarkPath::Info},
            {"rows", BenchmarkPath::Rows}, {"record", BenchmarkPath::Record}};
        for (const auto &[tail, kind] : tails) {
            if (segments[n - 1] == QLatin1String(tail)) {
                p.kind = kind;
                p.jobId = decode(segments[n - 2]).toStdString();
                p.benchmarkId = idOf(n - 3);
                return p;
            }
        }
    }
    if (n >= 3 && segments[n - 2] == QLatin1String("jobs")) {
        p.kind = BenchmarkPath::Job;
        p.jobId = decode(segments[n - 1]).toStdString();
        p.benchmarkId = idOf(n - 2);
        return p;
    }
    if (n >= 2 && segments[n - 1] == QLatin1String("evaluations")) {
        p.kind = BenchmarkPath::Evaluations;
        p.benchmarkId = idOf(n - 1);
        return p;
    }
    if (n >= 2 && segments[n - 1] == QLatin1String("jobs")) {
        p.kind = BenchmarkPath::Jobs;
        p.benchmarkId = idOf(n - 1);
        return p;
    }
    p.benchmarkId = idOf(n);
    return p;
}

QFuture<Reply> methodNotAllowed(const Call &c, const QStringList &allowed)
{
    Reply reply = errorReply(api::Error::make(
        405, "Method " + methodName(c.method).toStdString() + " not allowed on "
                 + c.path.left(200).toStdString() + "; allowed: "
                 + allowed.join(QStringLiteral(", ")).toStdString()));
    reply.headers.emplace_back("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
    return ready(std::move(reply));
}

QFuture<Reply> evaluateRows(const Call &c, std::string benchmarkId)
{
    auto request = parseBody<api::EvaluateRowsRequest>(c);
    if (!request)
        return readyError(request.error());
    return cancellable<api::EvaluateResponse>(c, [&](api::CancelToken token) {
        return c.api->evaluateRows(std::move(benchmarkId), std::move(request.value()), std::move(token));
    });
}

QFuture<Reply> runEval(const Call &c, std::string benchmarkId)
{
    auto request = parseBody<api::RunEvalRequest>(c);
    if (!request)
        return readyError(request.error());
    return thenJson(c.api->runEval(std::move(benchmarkId), std::move(request.value())));
}

QFuture<Reply> jobRows(const Call &c, std::string benchmarkId, std::string jobId)
{
    auto start = intQueryParam(c.query, QStringLiteral("start_index"));
    if (!start)
        return readyError(start.error());
    auto limit = intQueryParam(c.query, QStringLiteral("limit"));
    if (!limit)
        return readyError(limit.error());
    return thenJson(c.api->evalJobRows(std::move(benchmarkId), std::move(jobId), *start, *limit));
}

//! Everything under /v1alpha/eval/benchmarks/: the benchmark itself, its evaluations and its jobs.
QFuture<Reply> benchmarkSubtree(const Call &c)
{
    BenchmarkPath p = parseBenchmarkPath(c.path.mid(kBenchmarksPrefix.size()));
    const bool get = c.method == Method::Get;
    const bool post = c.method == Method::Post;
    const bool del = c.method == Method::Delete;
    // "org/jobs" or "x/evaluations" may be a benchmark id too: those routes take only POST, so a
    // GET or DELETE there names the benchmark.
    if ((p.kind == BenchmarkPath::Evaluations || p.kind == BenchmarkPath::Jobs) && !post) {
        p.kind = BenchmarkPath::Benchmark;
        p.benchmarkId = decode(c.path.mid(kBenchmarksPrefix.size())).toStdString();
    }
    if (p.benchmarkId.empty() || (p.kind != BenchmarkPath::Benchmark && p.kind != BenchmarkPath::Evaluations
                                  && p.kind != BenchmarkPath::Jobs && p.jobId.empty()))
        return readyError(api::Error::notFound("No route for " + c.path.left(200).toStdString()
                                               + ": an id is empty"));
    std::string &id = p.benchmarkId;
    std::string &job = p.jobId;
    switch (p.kind) {
    case BenchmarkPath::Benchmark:
        if (get)
            return thenJson(c.api->getBenchmark(std::move(id)));
        if (del)
            return thenNoContent(c.api->unregisterBenchmark(std::move(id)));
        return methodNotAllowed(c, {QStringLiteral("GET"), QStringLiteral("DELETE")});
    case BenchmarkPath::Evaluations:
        return evaluateRows(c, std::move(id));
    case BenchmarkPath::Jobs:
        return runEval(c, std::move(id));
    case BenchmarkPath::Job:
        if (get)
            return thenJson(c.api->jobStatus(std::move(id), std::move(job)));
        if (del)
            return thenNoContent(c.api->jobCancel(std::move(id), std::move(job)));
        return methodNotAllowed(c, {QStringLiteral("GET"), QStringLiteral("DELETE")});
    case BenchmarkPath::Result:
        if (get)
            return thenJson(c.api->jobResult(std::move(id), std::move(job)));
        return methodNotAllowed(c, {QStringLiteral("GET")});
    case BenchmarkPath::Info:
        if (get)
            return thenJson(c.api->evalJobInfo(std::move(id), std::move(job)));
        return methodNotAllowed(c, {QStringLiteral("GET")});
    case BenchmarkPath::Rows:
        if (get)
            return jobRows(c, std::move(id), std::move(job));
        return methodNotAllowed(c, {QStringLiteral("GET")});
    case BenchmarkPath::Record:
        if (del)
            return thenNoContent(c.api->deleteEvalJob(std::move(id), std::move(job)));
        return methodNotAllowed(c, {QStringLiteral("DELETE")});
    }
    return readyError(api::Error::internal("unhandled benchmark route"));
}

} // namespace

std::vector<Route> evalRoutes()
{
    return {
        {QStringLiteral("/v1/scoring-functions"), false,
         {{Method::Get, listScoringFunctions}, {Method::Post, registerScoringFunction}}},
        // Function ids contain "::" and may contain '/': the id is the whole rest of the path.
        {QStringLiteral("/v1/scoring-functions/"), true,
         {{Method::Get, getScoringFunction}, {Method::Delete, unregisterScoringFunction}}},
        {QStringLiteral("/v1/scoring/score"), false, {{Method::Post, score}}},
        {QStringLiteral("/v1/scoring/score-batch"), false, {{Method::Post, scoreBatch}}},
        {QStringLiteral("/v1alpha/eval/benchmarks"), false,
         {{Method::Get, listBenchmarks}, {Method::Post, registerBenchmark}}},
        // The sub-routes (evaluations, jobs, ...) are told apart in benchmarkSubtree, which also
        // answers 405 with the methods of the sub-route.
        {kBenchmarksPrefix, true,
         {{Method::Get, benchmarkSubtree}, {Method::Post, benchmarkSubtree},
          {Method::Delete, benchmarkSubtree}}},
        {QStringLiteral("/v1alpha/eval/jobs"), false, {{Method::Get, listEvalJobs}}},
    };
}

} // namespace wb::server
