#pragma once

// The post-training routes of ApiServer (spec paths; docs/server.md "Post-training"):
//
//   POST /v1alpha/post-training/supervised-fine-tune     → PostTrainingJob
//   POST /v1alpha/post-training/preference-optimize      → PostTrainingJob
//   GET  /v1alpha/post-training/jobs                     → ListPostTrainingJobsResponse
//   GET  /v1alpha/post-training/job/status?job_uuid=     → PostTrainingJobStatusResponse
//   GET  /v1alpha/post-training/job/artifacts?job_uuid=  → PostTrainingJobArtifactsResponse
//   POST /v1alpha/post-training/job/cancel {job_uuid}    → 200, body null
// and the extensions of api/post_training_jobs.h:
//   GET  /v1alpha/post-training/jobs/info                → ListTrainingJobInfoResponse
//   GET  /v1alpha/post-training/job/info?job_uuid=       → TrainingJobInfo
//   GET  /v1alpha/post-training/job/metrics?job_uuid=&start_index=&limit= → TrainingMetricsPage
//   POST /v1alpha/post-training/job/resume {job_uuid}    → PostTrainingJob
//
// A missing or empty job_uuid (query or body) is a 400 naming it. A checkpoint_dir outside the
// folders the server allows (--allow-files) is a 403: the server would create and write there. Every call is quick: the
// training itself runs on the engine's job threads.

#include "server/access_policy.h"
#include "server/route_p.h"

#include <vector>

namespace wb::server {

//! `policy` must outlive the routes (ApiServer's own).
std::vector<detail::Route> postTrainingRoutes(const AccessPolicy &policy);

} // namespace wb::server
