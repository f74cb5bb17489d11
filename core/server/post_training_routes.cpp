#include "server/post_training_routes.h"

#include <QUrl>

namespace wb::server {

using namespace detail;

namespace {

template<typename Request>
api::Result<Request> parseBody(const Call &c)
{
    return api::parseText<Request>(c.body.toStdString());
}

//! ?job_uuid= of status, artifacts, info and metrics: required and non-empty.
api::Result<std::string> jobUuidParam(const Call &c)
{
    const QString id = c.query.queryItemValue(QStringLiteral("job_uuid"), QUrl::FullyDecoded);
    if (id.isEmpty())
        return api::Error::badRequest("job_uuid: query parameter required");
    return id.toStdString();
}

//! {job_uuid} bodies of cancel and resume.
api::Result<std::string> jobUuidBody(const Call &c)
{
    auto request = parseBody<api::CancelTrainingJobRequest>(c);
    if (!request)
        return request.error();
    if (request->job_uuid.empty())
        return api::Error::badRequest("job_uuid: must not be empty");
    return std::move(request->job_uuid);
}

QFuture<Reply> supervisedFineTune(const Call &c, const AccessPolicy &policy)
{
    auto request = parseBody<api::SupervisedFineTuneRequest>(c);
    if (!request)
        return readyError(request.error());
    if (auto allowed = checkCheckpointDir(request->checkpoint_dir, policy); !allowed)
        return readyError(allowed.error());
    return thenJson(c.api->supervisedFineTune(std::move(request.value())));
}

QFuture<Reply> preferenceOptimize(const Call &c)
{
    auto request = parseBody<api::PreferenceOptimizeRequest>(c);
    if (!request)
        return readyError(request.error());
    return thenJson(c.api->preferenceOptimize(std::move(request.value())));
}

QFuture<Reply> listJobs(const Call &c)
{
    return thenJson(c.api->listTrainingJobs());
}

QFuture<Reply> jobStatus(const Call &c)
{
    auto id = jobUuidParam(c);
    if (!id)
        return readyError(id.error());
    return thenJson(c.api->trainingJobStatus(std::move(id.value())));
}

QFuture<Reply> jobArtifacts(const Call &c)
{
    auto id = jobUuidParam(c);
    if (!id)
        return readyError(id.error());
    return thenJson(c.api->trainingJobArtifacts(std::move(id.value())));
}

QFuture<Reply> cancelJob(const Call &c)
{
    auto id = jobUuidBody(c);
    if (!id)
        return readyError(id.error());
    // Upstream's void POST answers 200 with the body null.
    return then(c.api->cancelTrainingJob(std::move(id.value())), [] { return jsonReply(api::Json(nullptr)); });
}

QFuture<Reply> listJobInfo(const Call &c)
{
    return thenJson(c.api->listTrainingJobInfo());
}

QFuture<Reply> jobInfo(const Call &c)
{
    auto id = jobUuidParam(c);
    if (!id)
        return readyError(id.error());
    return thenJson(c.api->trainingJobInfo(std::move(id.value())));
}

QFuture<Reply> jobMetrics(const Call &c)
{
    auto id = jobUuidParam(c);
    if (!id)
        return readyError(id.error());
    auto start = intQueryParam(c.query, QStringLiteral("start_index"));
    if (!start)
        return readyError(start.error());
    auto limit = intQueryParam(c.query, QStringLiteral("limit"));
    if (!limit)
        return readyError(limit.error());
    return thenJson(c.api->trainingJobMetrics(std::move(id.value()), *start, *limit));
}

QFuture<Reply> resumeJob(const Call &c)
{
    auto id = jobUuidBody(c);
    if (!id)
        return readyError(id.error());
    return thenJson(c.api->resumeTrainingJob(std::move(id.value())));
}

} // namespace

std::vector<Route> postTrainingRoutes(const AccessPolicy &policy)
{
    const QString p = QStringLiteral("/v1alpha/post-training");
    return {
        {p + QStringLiteral("/supervised-fine-tune"), false, {{Method::Post, [&policy](const Call &c) { return supervisedFineTune(c, policy); }}}},
        {p + QStringLiteral("/preference-optimize"), false, {{Method::Post, preferenceOptimize}}},
        {p + QStringLiteral("/jobs"), false, {{Method::Get, listJobs}}},
        {p + QStringLiteral("/job/status"), false, {{Method::Get, jobStatus}}},
        {p + QStringLiteral("/job/artifacts"), false, {{Method::Get, jobArtifacts}}},
        {p + QStringLiteral("/job/cancel"), false, {{Method::Post, cancelJob}}},
        {p + QStringLiteral("/jobs/info"), false, {{Method::Get, listJobInfo}}},
        {p + QStringLiteral("/job/info"), false, {{Method::Get, jobInfo}}},
        {p + QStringLiteral("/job/metrics"), false, {{Method::Get, jobMetrics}}},
        {p + QStringLiteral("/job/resume"), false, {{Method::Post, resumeJob}}},
    };
}

} // namespace wb::server
