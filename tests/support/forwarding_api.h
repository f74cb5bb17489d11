#pragma once

// A StackApi that passes every call to another one. Test doubles derive from it and override only
// the calls they hook (count, gate, fail), so a new API area needs one change here, not one per
// double.

#include "api/stack_api.h"

#include <memory>
#include <utility>

class ForwardingApi : public wb::api::StackApi
{
public:
    explicit ForwardingApi(wb::api::StackApi &inner) : m_inner(inner) {}
    //! Keeps `inner` alive as long as this one.
    explicit ForwardingApi(std::shared_ptr<wb::api::StackApi> inner) : m_owned(std::move(inner)), m_inner(*m_owned) {}

    QFuture<wb::api::Result<wb::api::HealthInfo>> health() override { return m_inner.health(); }
    QFuture<wb::api::Result<wb::api::VersionInfo>> version() override { return m_inner.version(); }
    std::string describe() const override { return m_inner.describe(); }

    QFuture<wb::api::Result<wb::api::Dataset>> registerDataset(wb::api::RegisterDatasetRequest r) override
    {
        return m_inner.registerDataset(std::move(r));
    }
    QFuture<wb::api::Result<wb::api::Dataset>> getDataset(std::string id) override
    {
        return m_inner.getDataset(std::move(id));
    }
    QFuture<wb::api::Result<wb::api::ListDatasetsResponse>> listDatasets() override
    {
        return m_inner.listDatasets();
    }
    QFuture<wb::api::Result<void>> unregisterDataset(std::string id) override
    {
        return m_inner.unregisterDataset(std::move(id));
    }
    QFuture<wb::api::Result<wb::api::PaginatedResponse>> iterrows(std::string id, std::optional<int64_t> start,
                                                                  std::optional<int64_t> limit) override
    {
        return m_inner.iterrows(std::move(id), start, limit);
    }
    QFuture<wb::api::Result<void>> appendRows(std::string id, std::vector<wb::api::JsonObject> rows) override
    {
        return m_inner.appendRows(std::move(id), std::move(rows));
    }
    QFuture<wb::api::Result<wb::api::DatasetStats>> datasetStats(std::string id) override
    {
        return m_inner.datasetStats(std::move(id));
    }

    QFuture<wb::api::Result<wb::api::OpenAIListModelsResponse>> listModels() override
    {
        return m_inner.listModels();
    }
    QFuture<wb::api::Result<wb::api::Model>> getModel(std::string id) override
    {
        return m_inner.getModel(std::move(id));
    }
    QFuture<wb::api::Result<wb::api::Model>> registerModel(wb::api::RegisterModelRequest r) override
    {
        return m_inner.registerModel(std::move(r));
    }
    QFuture<wb::api::Result<void>> unregisterModel(std::string id) override
    {
        return m_inner.unregisterModel(std::move(id));
    }
    QFuture<wb::api::Result<wb::api::ChatCompletion>> chatCompletion(wb::api::ChatCompletionRequest r,
                                                                     wb::api::ChatChunkSink sink,
                                                                     wb::api::CancelToken cancel) override
    {
        return m_inner.chatCompletion(std::move(r), std::move(sink), std::move(cancel));
    }
    QFuture<wb::api::Result<wb::api::Completion>> completion(wb::api::CompletionRequest r,
                                                             wb::api::CompletionChunkSink sink,
                                                             wb::api::CancelToken cancel) override
    {
        return m_inner.completion(std::move(r), std::move(sink), std::move(cancel));
    }

    QFuture<wb::api::Result<wb::api::ListScoringFunctionsResponse>> listScoringFunctions() override
    {
        return m_inner.listScoringFunctions();
    }
    QFuture<wb::api::Result<wb::api::ScoringFn>> getScoringFunction(std::string scoringFnId) override
    {
        return m_inner.getScoringFunction(std::move(scoringFnId));
    }
    QFuture<wb::api::Result<void>> registerScoringFunction(wb::api::RegisterScoringFunctionRequest request) override
    {
        return m_inner.registerScoringFunction(std::move(request));
    }
    QFuture<wb::api::Result<void>> unregisterScoringFunction(std::string scoringFnId) override
    {
        return m_inner.unregisterScoringFunction(std::move(scoringFnId));
    }
    QFuture<wb::api::Result<wb::api::ScoreResponse>> score(wb::api::ScoreRequest request, wb::api::CancelToken cancel) override
    {
        return m_inner.score(std::move(request), std::move(cancel));
    }
    QFuture<wb::api::Result<wb::api::ScoreBatchResponse>> scoreBatch(wb::api::ScoreBatchRequest request, wb::api::CancelToken cancel) override
    {
        return m_inner.scoreBatch(std::move(request), std::move(cancel));
    }
    QFuture<wb::api::Result<wb::api::ListBenchmarksResponse>> listBenchmarks() override
    {
        return m_inner.listBenchmarks();
    }
    QFuture<wb::api::Result<wb::api::Benchmark>> getBenchmark(std::string benchmarkId) override
    {
        return m_inner.getBenchmark(std::move(benchmarkId));
    }
    QFuture<wb::api::Result<void>> registerBenchmark(wb::api::RegisterBenchmarkRequest request) override
    {
        return m_inner.registerBenchmark(std::move(request));
    }
    QFuture<wb::api::Result<void>> unregisterBenchmark(std::string benchmarkId) override
    {
        return m_inner.unregisterBenchmark(std::move(benchmarkId));
    }
    QFuture<wb::api::Result<wb::api::EvaluateResponse>> evaluateRows(std::string benchmarkId, wb::api::EvaluateRowsRequest request, wb::api::CancelToken cancel) override
    {
        return m_inner.evaluateRows(std::move(benchmarkId), std::move(request), std::move(cancel));
    }
    QFuture<wb::api::Result<wb::api::Job>> runEval(std::string benchmarkId, wb::api::RunEvalRequest request) override
    {
        return m_inner.runEval(std::move(benchmarkId), std::move(request));
    }
    QFuture<wb::api::Result<wb::api::Job>> jobStatus(std::string benchmarkId, std::string jobId) override
    {
        return m_inner.jobStatus(std::move(benchmarkId), std::move(jobId));
    }
    QFuture<wb::api::Result<void>> jobCancel(std::string benchmarkId, std::string jobId) override
    {
        return m_inner.jobCancel(std::move(benchmarkId), std::move(jobId));
    }
    QFuture<wb::api::Result<wb::api::EvaluateResponse>> jobResult(std::string benchmarkId, std::string jobId) override
    {
        return m_inner.jobResult(std::move(benchmarkId), std::move(jobId));
    }
    QFuture<wb::api::Result<wb::api::ListEvalJobsResponse>> listEvalJobs(std::optional<std::string> benchmarkId) override
    {
        return m_inner.listEvalJobs(std::move(benchmarkId));
    }
    QFuture<wb::api::Result<wb::api::EvalJobInfo>> evalJobInfo(std::string benchmarkId, std::string jobId) override
    {
        return m_inner.evalJobInfo(std::move(benchmarkId), std::move(jobId));
    }
    QFuture<wb::api::Result<wb::api::EvalRowsPage>> evalJobRows(std::string benchmarkId, std::string jobId, std::optional<int64_t> startIndex, std::optional<int64_t> limit) override
    {
        return m_inner.evalJobRows(std::move(benchmarkId), std::move(jobId), std::move(startIndex), std::move(limit));
    }
    QFuture<wb::api::Result<void>> deleteEvalJob(std::string benchmarkId, std::string jobId) override
    {
        return m_inner.deleteEvalJob(std::move(benchmarkId), std::move(jobId));
    }

    // PostTrainingApi
    QFuture<wb::api::Result<wb::api::PostTrainingJob>> supervisedFineTune(wb::api::SupervisedFineTuneRequest request) override
    {
        return m_inner.supervisedFineTune(std::move(request));
    }
    QFuture<wb::api::Result<wb::api::PostTrainingJob>> preferenceOptimize(wb::api::PreferenceOptimizeRequest request) override
    {
        return m_inner.preferenceOptimize(std::move(request));
    }
    QFuture<wb::api::Result<wb::api::ListPostTrainingJobsResponse>> listTrainingJobs() override
    {
        return m_inner.listTrainingJobs();
    }
    QFuture<wb::api::Result<wb::api::PostTrainingJobStatusResponse>> trainingJobStatus(std::string jobUuid) override
    {
        return m_inner.trainingJobStatus(std::move(jobUuid));
    }
    QFuture<wb::api::Result<wb::api::PostTrainingJobArtifactsResponse>> trainingJobArtifacts(std::string jobUuid) override
    {
        return m_inner.trainingJobArtifacts(std::move(jobUuid));
    }
    QFuture<wb::api::Result<void>> cancelTrainingJob(std::string jobUuid) override
    {
        return m_inner.cancelTrainingJob(std::move(jobUuid));
    }
    QFuture<wb::api::Result<wb::api::ListTrainingJobInfoResponse>> listTrainingJobInfo() override
    {
        return m_inner.listTrainingJobInfo();
    }
    QFuture<wb::api::Result<wb::api::TrainingJobInfo>> trainingJobInfo(std::string jobUuid) override
    {
        return m_inner.trainingJobInfo(std::move(jobUuid));
    }
    QFuture<wb::api::Result<wb::api::TrainingMetricsPage>> trainingJobMetrics(std::string jobUuid, std::optional<int64_t> startIndex, std::optional<int64_t> limit) override
    {
        return m_inner.trainingJobMetrics(std::move(jobUuid), startIndex, limit);
    }
    QFuture<wb::api::Result<wb::api::PostTrainingJob>> resumeTrainingJob(std::string jobUuid) override
    {
        return m_inner.resumeTrainingJob(std::move(jobUuid));
    }

    // RerankApi
    QFuture<wb::api::Result<wb::api::RerankResponse>> rerank(wb::api::RerankRequest request,
                                                             wb::api::CancelToken cancel) override
    {
        return m_inner.rerank(std::move(request), std::move(cancel));
    }

protected:
    std::shared_ptr<wb::api::StackApi> m_owned;
    wb::api::StackApi &m_inner;
};
