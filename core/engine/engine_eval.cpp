// EngineSession: the scoring, benchmarks and eval calls. Quick lookups run on the engine's pool;
// score and evaluate_rows (judge models, generations) on the long-call pool; run_eval hands the
// work to EvalService's own job threads and returns at once.

#include "engine/engine_core_p.h"

namespace wb::engine {

QFuture<api::Result<api::ListScoringFunctionsResponse>> EngineSession::listScoringFunctions()
{
    return EngineCore::run<api::ListScoringFunctionsResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.scoring->list(p);
    });
}

QFuture<api::Result<api::ScoringFn>> EngineSession::getScoringFunction(std::string scoringFnId)
{
    return EngineCore::run<api::ScoringFn>(m_core, [p = m_principal, id = std::move(scoringFnId)](EngineCore &c) {
        return c.scoring->get(p, id);
    });
}

QFuture<api::Result<void>> EngineSession::registerScoringFunction(api::RegisterScoringFunctionRequest request)
{
    return EngineCore::run<void>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.scoring->registerFunction(p, request);
    });
}

QFuture<api::Result<void>> EngineSession::unregisterScoringFunction(std::string scoringFnId)
{
    return EngineCore::run<void>(m_core, [p = m_principal, id = std::move(scoringFnId)](EngineCore &c) {
        return c.scoring->unregisterFunction(p, id);
    });
}

QFuture<api::Result<api::ScoreResponse>> EngineSession::score(api::ScoreRequest request, api::CancelToken cancel)
{
    return EngineCore::runLong<api::ScoreResponse>(
        m_core, [p = m_principal, request = std::move(request), cancel](EngineCore &c) {
            return c.scoring->score(p, request, cancel);
        });
}

QFuture<api::Result<api::ScoreBatchResponse>> EngineSession::scoreBatch(api::ScoreBatchRequest request,
                                                                        api::CancelToken cancel)
{
    return EngineCore::runLong<api::ScoreBatchResponse>(
        m_core, [p = m_principal, request = std::move(request), cancel](EngineCore &c) {
            return c.scoring->scoreBatch(p, request, cancel);
        });
}

QFuture<api::Result<api::ListBenchmarksResponse>> EngineSession::listBenchmarks()
{
    return EngineCore::run<api::ListBenchmarksResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.benchmarks->list(p);
    });
}

QFuture<api::Result<api::Benchmark>> EngineSession::getBenchmark(std::string benchmarkId)
{
    return EngineCore::run<api::Benchmark>(m_core, [p = m_principal, id = std::move(benchmarkId)](EngineCore &c) {
        return c.benchmarks->get(p, id);
    });
}

QFuture<api::Result<void>> EngineSession::registerBenchmark(api::RegisterBenchmarkRequest request)
{
    return EngineCore::run<void>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.benchmarks->registerBenchmark(p, request);
    });
}

QFuture<api::Result<void>> EngineSession::unregisterBenchmark(std::string benchmarkId)
{
    return EngineCore::run<void>(m_core, [p = m_principal, id = std::move(benchmarkId)](EngineCore &c) {
        return c.benchmarks->unregisterBenchmark(p, id);
    });
}

QFuture<api::Result<api::EvaluateResponse>> EngineSession::evaluateRows(std::string benchmarkId,
                                                                        api::EvaluateRowsRequest request,
                                                                        api::CancelToken cancel)
{
    return EngineCore::runLong<api::EvaluateResponse>(
        m_core, [p = m_principal, id = std::move(benchmarkId), request = std::move(request), cancel](EngineCore &c) {
            return c.eval->evaluateRows(p, id, request, cancel);
        });
}

QFuture<api::Result<api::Job>> EngineSession::runEval(std::string benchmarkId, api::RunEvalRequest request)
{
    return EngineCore::run<api::Job>(
        m_core, [p = m_principal, id = std::move(benchmarkId), request = std::move(request)](EngineCore &c) {
            return c.eval->runEval(p, id, request);
        });
}

QFuture<api::Result<api::Job>> EngineSession::jobStatus(std::string benchmarkId, std::string jobId)
{
    return EngineCore::run<api::Job>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId)](EngineCore &c) {
            return c.eval->jobStatus(p, id, job);
        });
}

QFuture<api::Result<void>> EngineSession::jobCancel(std::string benchmarkId, std::string jobId)
{
    return EngineCore::run<void>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId)](EngineCore &c) {
            return c.eval->jobCancel(p, id, job);
        });
}

QFuture<api::Result<api::EvaluateResponse>> EngineSession::jobResult(std::string benchmarkId, std::string jobId)
{
    return EngineCore::run<api::EvaluateResponse>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId)](EngineCore &c) {
            return c.eval->jobResult(p, id, job);
        });
}

QFuture<api::Result<api::ListEvalJobsResponse>> EngineSession::listEvalJobs(std::optional<std::string> benchmarkId)
{
    return EngineCore::run<api::ListEvalJobsResponse>(
        m_core, [p = m_principal, id = std::move(benchmarkId)](EngineCore &c) { return c.eval->listJobs(p, id); });
}

QFuture<api::Result<api::EvalJobInfo>> EngineSession::evalJobInfo(std::string benchmarkId, std::string jobId)
{
    return EngineCore::run<api::EvalJobInfo>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId)](EngineCore &c) {
            return c.eval->jobInfo(p, id, job);
        });
}

QFuture<api::Result<api::EvalRowsPage>> EngineSession::evalJobRows(std::string benchmarkId, std::string jobId,
                                                                   std::optional<int64_t> startIndex,
                                                                   std::optional<int64_t> limit)
{
    return EngineCore::run<api::EvalRowsPage>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId), startIndex, limit](EngineCore &c) {
            return c.eval->jobRows(p, id, job, startIndex, limit);
        });
}

QFuture<api::Result<void>> EngineSession::deleteEvalJob(std::string benchmarkId, std::string jobId)
{
    return EngineCore::run<void>(
        m_core, [p = m_principal, id = std::move(benchmarkId), job = std::move(jobId)](EngineCore &c) {
            return c.eval->deleteJob(p, id, job);
        });
}

} // namespace wb::engine
