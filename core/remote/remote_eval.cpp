// RemoteClient: scoring functions, scoring, benchmarks and eval over HTTP (the paths of
// server/eval_routes.h, which are the spec's). Long calls (score, score-batch, evaluate_rows) have
// no transfer timeout, since a server computes for as long as the rows take, and their CancelToken
// aborts the request (the server then cancels the work). The workbench's job extensions answer a
// clear 501 against a server that lacks them.

#include "remote/remote_client.h"
#include "remote/remote_client_p.h"

#include "api/async.h"

namespace wb::remote {

using namespace wb::api;
using detail::Answer;
using detail::checkId;
using detail::decode;
using detail::encodeId;
using detail::Verb;

namespace {

constexpr const char *kBenchmarks = "/v1alpha/eval/benchmarks";

QByteArray jsonBody(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

//! A job id is one path segment: its '/' are encoded too.
QByteArray encodeSegment(const std::string &id)
{
    return QUrl::toPercentEncoding(QString::fromStdString(id));
}

QByteArray benchmarkPath(const std::string &benchmarkId)
{
    return QByteArray(kBenchmarks) + '/' + encodeId(benchmarkId);
}

QByteArray jobPath(const std::string &benchmarkId, const std::string &jobId)
{
    return benchmarkPath(benchmarkId) + "/jobs/" + encodeSegment(jobId);
}

template<typename T>
QFuture<Result<T>> decoded(QFuture<Answer> answer, const char *what)
{
    return answer.then(QtFuture::Launch::Sync, [what](const Answer &a) { return decode<T>(a, what); });
}

QFuture<Result<void>> decodedVoid(QFuture<Answer> answer)
{
    return answer.then(QtFuture::Launch::Sync, [](const Answer &a) -> Result<void> {
        if (auto e = detail::answerError(a))
            return *e;
        return {};
    });
}

//! A 404 that says the route does not exist rather than that the job or benchmark does not: an
//! upstream server's {"detail":"Not Found"}, ours for an unknown path, a proxy's page, or any 404
//! whose detail names none of `ids`.
bool isMissingRoute(const Answer &a, const std::vector<std::string> &ids)
{
    if (a.transportError || a.status != 404)
        return false;
    const std::string detail = detail::answerError(a)->detail;
    if (detail == "Not Found" || detail.rfind("No route for", 0) == 0)
        return true;
    for (const std::string &id : ids)
        if (!id.empty() && detail.find(id) != std::string::npos)
            return false;
    return true;
}

Error notOffered(const std::string &what)
{
    return Error::notImplemented("this server does not offer " + what
                                 + " (an upstream Llama Stack server?)");
}

//! An extension call: decoded as usual, except that a missing route is a 501 naming `what`.
template<typename T>
QFuture<Result<T>> extension(QFuture<Answer> answer, const char *what, std::string offered,
                             std::vector<std::string> ids)
{
    return answer.then(QtFuture::Launch::Sync,
                       [what, offered = std::move(offered), ids = std::move(ids)](const Answer &a) {
                           if (isMissingRoute(a, ids))
                               return Result<T>(notOffered(offered));
                           if constexpr (std::is_void_v<T>) {
                               if (auto e = detail::answerError(a))
                                   return Result<T>(*e);
                               return Result<T>();
                           } else {
                               return decode<T>(a, what);
                           }
                       });
}

//! For the long calls: no transfer timeout, and the token aborts the request.
detail::SendOptions longCall(const CancelToken &cancel)
{
    detail::SendOptions options;
    options.cancel = cancel;
    options.timeoutMs = 0;
    return options;
}

} // namespace

// --- scoring functions and scoring ---------------------------------------------------------------

QFuture<Result<ListScoringFunctionsResponse>> RemoteClient::listScoringFunctions()
{
    return decoded<ListScoringFunctionsResponse>(
        detail::send(*d, Verb::Get, "/v1/scoring-functions", {}), "scoring function list");
}

QFuture<Result<ScoringFn>> RemoteClient::getScoringFunction(std::string scoringFnId)
{
    if (auto e = checkId(scoringFnId, "scoring_fn_id"))
        return readyResult<ScoringFn>(*e);
    return decoded<ScoringFn>(
        detail::send(*d, Verb::Get, "/v1/scoring-functions/" + encodeId(scoringFnId), {}),
        "scoring function");
}

QFuture<Result<void>> RemoteClient::registerScoringFunction(RegisterScoringFunctionRequest request)
{
    if (auto e = checkId(request.scoring_fn_id, "scoring_fn_id"))
        return readyResult<void>(*e);
    return decodedVoid(
        detail::send(*d, Verb::Post, "/v1/scoring-functions", jsonBody(toJson(request))));
}

QFuture<Result<void>> RemoteClient::unregisterScoringFunction(std::string scoringFnId)
{
    if (auto e = checkId(scoringFnId, "scoring_fn_id"))
        return readyResult<void>(*e);
    return decodedVoid(
        detail::send(*d, Verb::Delete, "/v1/scoring-functions/" + encodeId(scoringFnId), {}));
}

QFuture<Result<ScoreResponse>> RemoteClient::score(ScoreRequest request, CancelToken cancel)
{
    return decoded<ScoreResponse>(detail::send(*d, Verb::Post, "/v1/scoring/score",
                                               jsonBody(toJson(request)), longCall(cancel)),
                                  "score");
}

QFuture<Result<ScoreBatchResponse>> RemoteClient::scoreBatch(ScoreBatchRequest request,
                                                             CancelToken cancel)
{
    if (auto e = checkId(request.dataset_id, "dataset_id"))
        return readyResult<ScoreBatchResponse>(*e);
    return decoded<ScoreBatchResponse>(detail::send(*d, Verb::Post, "/v1/scoring/score-batch",
                                                    jsonBody(toJson(request)), longCall(cancel)),
                                       "score-batch");
}

// --- benchmarks ---------------------------------------------------------------------------------

QFuture<Result<ListBenchmarksResponse>> RemoteClient::listBenchmarks()
{
    return decoded<ListBenchmarksResponse>(detail::send(*d, Verb::Get, kBenchmarks, {}),
                                           "benchmark list");
}

QFuture<Result<Benchmark>> RemoteClient::getBenchmark(std::string benchmarkId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<Benchmark>(*e);
    return decoded<Benchmark>(detail::send(*d, Verb::Get, benchmarkPath(benchmarkId), {}),
                              "benchmark");
}

QFuture<Result<void>> RemoteClient::registerBenchmark(RegisterBenchmarkRequest request)
{
    if (auto e = checkId(request.benchmark_id, "benchmark_id"))
        return readyResult<void>(*e);
    return decodedVoid(detail::send(*d, Verb::Post, kBenchmarks, jsonBody(toJson(request))));
}

QFuture<Result<void>> RemoteClient::unregisterBenchmark(std::string benchmarkId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<void>(*e);
    return decodedVoid(detail::send(*d, Verb::Delete, benchmarkPath(benchmarkId), {}));
}

// --- eval ---------------------------------------------------------------------------------------

QFuture<Result<EvaluateResponse>> RemoteClient::evaluateRows(std::string benchmarkId,
                                                             EvaluateRowsRequest request,
                                                             CancelToken cancel)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<EvaluateResponse>(*e);
    return decoded<EvaluateResponse>(detail::send(*d, Verb::Post,
                                                  benchmarkPath(benchmarkId) + "/evaluations",
                                                  jsonBody(toJson(request)), longCall(cancel)),
                                     "evaluate_rows");
}

QFuture<Result<Job>> RemoteClient::runEval(std::string benchmarkId, RunEvalRequest request)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<Job>(*e);
    // Upstream's run_eval runs the whole evaluation before it answers: no transfer timeout.
    detail::SendOptions options;
    options.timeoutMs = 0;
    return decoded<Job>(detail::send(*d, Verb::Post, benchmarkPath(benchmarkId) + "/jobs",
                                     jsonBody(toJson(request)), options),
                        "job");
}

QFuture<Result<Job>> RemoteClient::jobStatus(std::string benchmarkId, std::string jobId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<Job>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<Job>(*e);
    return decoded<Job>(detail::send(*d, Verb::Get, jobPath(benchmarkId, jobId), {}), "job");
}

QFuture<Result<void>> RemoteClient::jobCancel(std::string benchmarkId, std::string jobId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<void>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<void>(*e);
    return decodedVoid(detail::send(*d, Verb::Delete, jobPath(benchmarkId, jobId), {}));
}

QFuture<Result<EvaluateResponse>> RemoteClient::jobResult(std::string benchmarkId, std::string jobId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<EvaluateResponse>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<EvaluateResponse>(*e);
    return decoded<EvaluateResponse>(
        detail::send(*d, Verb::Get, jobPath(benchmarkId, jobId) + "/result", {}), "job result");
}

// --- workbench extensions (api/eval_jobs.h) ------------------------------------------------------

QFuture<Result<ListEvalJobsResponse>> RemoteClient::listEvalJobs(std::optional<std::string> benchmarkId)
{
    QByteArray path = "/v1alpha/eval/jobs";
    if (benchmarkId && !benchmarkId->empty())
        path += "?benchmark_id=" + encodeSegment(*benchmarkId);
    return extension<ListEvalJobsResponse>(detail::send(*d, Verb::Get, path, {}), "eval job list",
                                           "a list of eval jobs (GET /v1alpha/eval/jobs)", {});
}

QFuture<Result<EvalJobInfo>> RemoteClient::evalJobInfo(std::string benchmarkId, std::string jobId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<EvalJobInfo>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<EvalJobInfo>(*e);
    return extension<EvalJobInfo>(detail::send(*d, Verb::Get, jobPath(benchmarkId, jobId) + "/info", {}),
                                  "eval job info", "eval job details (GET .../jobs/{job_id}/info)",
                                  {benchmarkId, jobId});
}

QFuture<Result<EvalRowsPage>> RemoteClient::evalJobRows(std::string benchmarkId, std::string jobId,
                                                        std::optional<int64_t> startIndex,
                                                        std::optional<int64_t> limit)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<EvalRowsPage>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<EvalRowsPage>(*e);
    QByteArray path = jobPath(benchmarkId, jobId) + "/rows";
    char sep = '?';
    if (startIndex) {
        path += sep + QByteArray("start_index=") + QByteArray::number(qint64(*startIndex));
        sep = '&';
    }
    if (limit)
        path += sep + QByteArray("limit=") + QByteArray::number(qint64(*limit));
    return extension<EvalRowsPage>(detail::send(*d, Verb::Get, path, {}), "eval job rows",
                                   "the rows of an eval job (GET .../jobs/{job_id}/rows)",
                                   {benchmarkId, jobId});
}

QFuture<Result<void>> RemoteClient::deleteEvalJob(std::string benchmarkId, std::string jobId)
{
    if (auto e = checkId(benchmarkId, "benchmark_id"))
        return readyResult<void>(*e);
    if (auto e = checkId(jobId, "job_id"))
        return readyResult<void>(*e);
    return extension<void>(detail::send(*d, Verb::Delete, jobPath(benchmarkId, jobId) + "/record", {}),
                           "", "deleting eval job records (DELETE .../jobs/{job_id}/record)",
                           {benchmarkId, jobId});
}

} // namespace wb::remote
