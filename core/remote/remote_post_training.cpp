// RemoteClient: post-training over HTTP (the paths of server/post_training_routes.h: the spec's,
// plus the workbench's extensions). Against a server without the extensions (an upstream Llama
// Stack server answers their paths 404 "Not Found"), the client falls back to the spec's calls:
//   trainingJobInfo      ← job/status (kind, model and method unknown; step 0)
//   listTrainingJobInfo  ← /jobs, then job/status of each job, one after the other
//   trainingJobMetrics   ← job/status: one point per checkpoint that carries training_metrics
//                          (step = its index + 1, epoch, loss = train_loss, validation_loss)
//   resumeTrainingJob    → 501 naming what the server lacks
// A 404 that names the job is the job's, not the route's: it is passed on as it is.

#include "remote/remote_client.h"
#include "remote/remote_client_p.h"

#include "api/async.h"

#include <QPromise>
#include <QUrl>

#include <algorithm>

namespace wb::remote {

using namespace wb::api;
using detail::Answer;
using detail::checkId;
using detail::decode;
using detail::Verb;

namespace {

constexpr const char *kBase = "/v1alpha/post-training";

QByteArray jsonBody(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

QByteArray withJob(const char *path, const std::string &jobUuid)
{
    return QByteArray(kBase) + path + "?job_uuid=" + QUrl::toPercentEncoding(QString::fromStdString(jobUuid));
}

template<typename T>
QFuture<Result<T>> decoded(QFuture<Answer> answer, const char *what)
{
    return answer.then(QtFuture::Launch::Sync, [what](const Answer &a) { return decode<T>(a, what); });
}

//! The route itself is missing (not the job): 405, or a 404 whose detail is upstream's
//! "Not Found", ours for an unknown path, or names no job.
bool isMissingRoute(const Answer &a, const std::string &jobUuid)
{
    if (a.transportError)
        return false;
    if (a.status == 405)
        return true;
    if (a.status != 404)
        return false;
    const std::string detail = detail::answerError(a)->detail;
    if (detail == "Not Found" || detail.rfind("No route for", 0) == 0)
        return true;
    return jobUuid.empty() || detail.find(jobUuid) == std::string::npos;
}

Error notOffered(const std::string &what)
{
    return Error::notImplemented("this server does not offer " + what + " (an upstream Llama Stack server?)");
}

template<typename T>
struct Promised
{
    std::shared_ptr<QPromise<Result<T>>> promise = std::make_shared<QPromise<Result<T>>>();
    Promised() { promise->start(); }
    QFuture<Result<T>> future() const { return promise->future(); }
    void fulfil(Result<T> r) const
    {
        promise->addResult(std::move(r));
        promise->finish();
    }
};

TrainingJobInfo infoFromStatus(const PostTrainingJobStatusResponse &s)
{
    TrainingJobInfo info;
    info.job_uuid = s.job_uuid;
    info.status = s.status;
    info.scheduled_at = s.scheduled_at.value_or(std::string());
    info.started_at = s.started_at;
    info.completed_at = s.completed_at;
    info.resources_allocated = s.resources_allocated;
    info.checkpoints = s.checkpoints;
    if (!s.checkpoints.empty())
        info.epoch = s.checkpoints.back().epoch;
    return info;
}

TrainingMetricsPage metricsFromStatus(const PostTrainingJobStatusResponse &s, std::optional<int64_t> startIndex,
                                      std::optional<int64_t> limit)
{
    std::vector<TrainingStepMetric> all;
    for (size_t i = 0; i < s.checkpoints.size(); ++i) {
        const Checkpoint &c = s.checkpoints[i];
        if (!c.training_metrics)
            continue;
        TrainingStepMetric m;
        m.step = int64_t(i) + 1;
        m.epoch = c.training_metrics->epoch;
        m.loss = c.training_metrics->train_loss;
        m.validation_loss = c.training_metrics->validation_loss;
        m.time = c.created_at;
        all.push_back(m);
    }
    const int64_t total = int64_t(all.size());
    const int64_t start = std::clamp<int64_t>(startIndex.value_or(0), 0, total);
    const int64_t end = (limit && *limit >= 0 && *limit < total - start) ? start + *limit : total; // no overflow
    TrainingMetricsPage page;
    page.data.assign(all.begin() + start, all.begin() + end);
    page.total = total;
    page.has_more = end < total;
    return page;
}

//! The listTrainingJobInfo fallback: the job list, then each job's status in turn (on the
//! network thread, where the answers arrive).
class ListInfoFallback : public std::enable_shared_from_this<ListInfoFallback>
{
public:
    ListInfoFallback(RemoteClient::Private &client, Promised<ListTrainingJobInfoResponse> out)
        : m_client(client), m_out(std::move(out))
    {}

    void start()
    {
        auto self = shared_from_this();
        detail::send(m_client, Verb::Get, QByteArray(kBase) + "/jobs", {})
            .then(QtFuture::Launch::Sync, [self](const Answer &a) {
                auto list = decode<ListPostTrainingJobsResponse>(a, "training job list");
                if (!list)
                    return self->m_out.fulfil(list.error());
                self->m_jobs = std::move(list->data);
                self->next();
            });
    }

private:
    void next()
    {
        if (m_index >= m_jobs.size()) {
            // Upstream lists in creation order; the extension lists newest first.
            std::reverse(m_result.data.begin(), m_result.data.end());
            return m_out.fulfil(std::move(m_result));
        }
        auto self = shared_from_this();
        const std::string id = m_jobs[m_index++].job_uuid;
        detail::send(m_client, Verb::Get, withJob("/job/status", id), {})
            .then(QtFuture::Launch::Sync, [self](const Answer &a) {
                auto status = decode<PostTrainingJobStatusResponse>(a, "training job status");
                if (!status)
                    return self->m_out.fulfil(status.error());
                self->m_result.data.push_back(infoFromStatus(status.value()));
                self->next();
            });
    }

    RemoteClient::Private &m_client;
    Promised<ListTrainingJobInfoResponse> m_out;
    std::vector<PostTrainingJob> m_jobs;
    size_t m_index = 0;
    ListTrainingJobInfoResponse m_result;
};

} // namespace

// --- spec calls ---------------------------------------------------------------------------------

QFuture<Result<PostTrainingJob>> RemoteClient::supervisedFineTune(SupervisedFineTuneRequest request)
{
    if (auto e = checkId(request.job_uuid, "job_uuid"))
        return readyResult<PostTrainingJob>(*e);
    return decoded<PostTrainingJob>(detail::send(*d, Verb::Post, QByteArray(kBase) + "/supervised-fine-tune",
                                                 jsonBody(toJson(request))),
                                    "post-training job");
}

QFuture<Result<PostTrainingJob>> RemoteClient::preferenceOptimize(PreferenceOptimizeRequest request)
{
    if (auto e = checkId(request.job_uuid, "job_uuid"))
        return readyResult<PostTrainingJob>(*e);
    return decoded<PostTrainingJob>(detail::send(*d, Verb::Post, QByteArray(kBase) + "/preference-optimize",
                                                 jsonBody(toJson(request))),
                                    "post-training job");
}

QFuture<Result<ListPostTrainingJobsResponse>> RemoteClient::listTrainingJobs()
{
    return decoded<ListPostTrainingJobsResponse>(detail::send(*d, Verb::Get, QByteArray(kBase) + "/jobs", {}),
                                                 "training job list");
}

QFuture<Result<PostTrainingJobStatusResponse>> RemoteClient::trainingJobStatus(std::string jobUuid)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<PostTrainingJobStatusResponse>(*e);
    return decoded<PostTrainingJobStatusResponse>(detail::send(*d, Verb::Get, withJob("/job/status", jobUuid), {}),
                                                  "training job status");
}

QFuture<Result<PostTrainingJobArtifactsResponse>> RemoteClient::trainingJobArtifacts(std::string jobUuid)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<PostTrainingJobArtifactsResponse>(*e);
    return decoded<PostTrainingJobArtifactsResponse>(
        detail::send(*d, Verb::Get, withJob("/job/artifacts", jobUuid), {}), "training job artifacts");
}

QFuture<Result<void>> RemoteClient::cancelTrainingJob(std::string jobUuid)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<void>(*e);
    return detail::send(*d, Verb::Post, QByteArray(kBase) + "/job/cancel",
                        jsonBody(toJson(CancelTrainingJobRequest{jobUuid})))
        .then(QtFuture::Launch::Sync, [](const Answer &a) -> Result<void> {
            if (auto e = detail::answerError(a))
                return *e;
            return {};
        });
}

// --- workbench extensions, with their fallbacks -------------------------------------------------

QFuture<Result<ListTrainingJobInfoResponse>> RemoteClient::listTrainingJobInfo()
{
    Promised<ListTrainingJobInfoResponse> out;
    Private *p = d.get();
    detail::send(*d, Verb::Get, QByteArray(kBase) + "/jobs/info", {})
        .then(QtFuture::Launch::Sync, [p, out](const Answer &a) {
            if (isMissingRoute(a, {}))
                return std::make_shared<ListInfoFallback>(*p, out)->start();
            out.fulfil(decode<ListTrainingJobInfoResponse>(a, "training job info list"));
        });
    return out.future();
}

QFuture<Result<TrainingJobInfo>> RemoteClient::trainingJobInfo(std::string jobUuid)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<TrainingJobInfo>(*e);
    Promised<TrainingJobInfo> out;
    Private *p = d.get();
    detail::send(*d, Verb::Get, withJob("/job/info", jobUuid), {})
        .then(QtFuture::Launch::Sync, [p, out, jobUuid](const Answer &a) {
            if (!isMissingRoute(a, jobUuid))
                return out.fulfil(decode<TrainingJobInfo>(a, "training job info"));
            detail::send(*p, Verb::Get, withJob("/job/status", jobUuid), {})
                .then(QtFuture::Launch::Sync, [out](const Answer &s) {
                    auto status = decode<PostTrainingJobStatusResponse>(s, "training job status");
                    out.fulfil(status ? Result<TrainingJobInfo>(infoFromStatus(status.value()))
                                      : Result<TrainingJobInfo>(status.error()));
                });
        });
    return out.future();
}

QFuture<Result<TrainingMetricsPage>> RemoteClient::trainingJobMetrics(std::string jobUuid,
                                                                      std::optional<int64_t> startIndex,
                                                                      std::optional<int64_t> limit)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<TrainingMetricsPage>(*e);
    QByteArray path = withJob("/job/metrics", jobUuid);
    if (startIndex)
        path += "&start_index=" + QByteArray::number(qint64(*startIndex));
    if (limit)
        path += "&limit=" + QByteArray::number(qint64(*limit));
    Promised<TrainingMetricsPage> out;
    Private *p = d.get();
    detail::send(*d, Verb::Get, path, {})
        .then(QtFuture::Launch::Sync, [p, out, jobUuid, startIndex, limit](const Answer &a) {
            if (!isMissingRoute(a, jobUuid))
                return out.fulfil(decode<TrainingMetricsPage>(a, "training metrics"));
            detail::send(*p, Verb::Get, withJob("/job/status", jobUuid), {})
                .then(QtFuture::Launch::Sync, [out, startIndex, limit](const Answer &s) {
                    auto status = decode<PostTrainingJobStatusResponse>(s, "training job status");
                    out.fulfil(status ? Result<TrainingMetricsPage>(metricsFromStatus(status.value(), startIndex, limit))
                                      : Result<TrainingMetricsPage>(status.error()));
                });
        });
    return out.future();
}

QFuture<Result<PostTrainingJob>> RemoteClient::resumeTrainingJob(std::string jobUuid)
{
    if (auto e = checkId(jobUuid, "job_uuid"))
        return readyResult<PostTrainingJob>(*e);
    return detail::send(*d, Verb::Post, QByteArray(kBase) + "/job/resume",
                        jsonBody(toJson(CancelTrainingJobRequest{jobUuid})))
        .then(QtFuture::Launch::Sync, [jobUuid](const Answer &a) -> Result<PostTrainingJob> {
            if (isMissingRoute(a, jobUuid))
                return notOffered("resuming training jobs (POST /v1alpha/post-training/job/resume)");
            return decode<PostTrainingJob>(a, "post-training job");
        });
}

} // namespace wb::remote
