// EngineSession: the post-training calls. Every one is quick (a few store reads and writes, a
// model lookup): they run on the engine's pool, and a training run itself happens on
// PostTrainingService's own job threads.

#include "engine/engine_core_p.h"

namespace wb::engine {

QFuture<api::Result<api::PostTrainingJob>> EngineSession::supervisedFineTune(api::SupervisedFineTuneRequest request)
{
    return EngineCore::run<api::PostTrainingJob>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.training->supervisedFineTune(p, request);
    });
}

QFuture<api::Result<api::PostTrainingJob>> EngineSession::preferenceOptimize(api::PreferenceOptimizeRequest request)
{
    return EngineCore::run<api::PostTrainingJob>(m_core, [p = m_principal, request = std::move(request)](EngineCore &c) {
        return c.training->preferenceOptimize(p, request);
    });
}

QFuture<api::Result<api::ListPostTrainingJobsResponse>> EngineSession::listTrainingJobs()
{
    return EngineCore::run<api::ListPostTrainingJobsResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.training->listJobs(p);
    });
}

QFuture<api::Result<api::PostTrainingJobStatusResponse>> EngineSession::trainingJobStatus(std::string jobUuid)
{
    return EngineCore::run<api::PostTrainingJobStatusResponse>(
        m_core, [p = m_principal, id = std::move(jobUuid)](EngineCore &c) { return c.training->status(p, id); });
}

QFuture<api::Result<api::PostTrainingJobArtifactsResponse>> EngineSession::trainingJobArtifacts(std::string jobUuid)
{
    return EngineCore::run<api::PostTrainingJobArtifactsResponse>(
        m_core, [p = m_principal, id = std::move(jobUuid)](EngineCore &c) { return c.training->artifacts(p, id); });
}

QFuture<api::Result<void>> EngineSession::cancelTrainingJob(std::string jobUuid)
{
    return EngineCore::run<void>(m_core, [p = m_principal, id = std::move(jobUuid)](EngineCore &c) {
        return c.training->cancel(p, id);
    });
}

QFuture<api::Result<api::ListTrainingJobInfoResponse>> EngineSession::listTrainingJobInfo()
{
    return EngineCore::run<api::ListTrainingJobInfoResponse>(m_core, [p = m_principal](EngineCore &c) {
        return c.training->listInfo(p);
    });
}

QFuture<api::Result<api::TrainingJobInfo>> EngineSession::trainingJobInfo(std::string jobUuid)
{
    return EngineCore::run<api::TrainingJobInfo>(
        m_core, [p = m_principal, id = std::move(jobUuid)](EngineCore &c) { return c.training->info(p, id); });
}

QFuture<api::Result<api::TrainingMetricsPage>> EngineSession::trainingJobMetrics(std::string jobUuid,
                                                                                 std::optional<int64_t> startIndex,
                                                                                 std::optional<int64_t> limit)
{
    return EngineCore::run<api::TrainingMetricsPage>(
        m_core, [p = m_principal, id = std::move(jobUuid), startIndex, limit](EngineCore &c) {
            return c.training->metrics(p, id, startIndex, limit);
        });
}

QFuture<api::Result<api::PostTrainingJob>> EngineSession::resumeTrainingJob(std::string jobUuid)
{
    return EngineCore::run<api::PostTrainingJob>(
        m_core, [p = m_principal, id = std::move(jobUuid)](EngineCore &c) { return c.training->resume(p, id); });
}

} // namespace wb::engine
