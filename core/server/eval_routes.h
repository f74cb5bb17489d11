#pragma once

// The scoring, benchmarks and eval routes of ApiServer (spec paths; docs/server.md "Scoring,
// benchmarks and eval"):
//
//   GET|POST   /v1/scoring-functions                 GET|DELETE /v1/scoring-functions/{id}
//   POST       /v1/scoring/score                     POST       /v1/scoring/score-batch
//   GET|POST   /v1alpha/eval/benchmarks              GET|DELETE /v1alpha/eval/benchmarks/{id}
//   POST       /v1alpha/eval/benchmarks/{id}/evaluations
//   POST       /v1alpha/eval/benchmarks/{id}/jobs
//   GET|DELETE /v1alpha/eval/benchmarks/{id}/jobs/{job_id}      (status | cancel)
//   GET        /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/result
// and the extensions of api/eval_jobs.h:
//   GET        /v1alpha/eval/jobs[?benchmark_id=]
//   GET        /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/info
//   GET        /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/rows?start_index=&limit=
//   DELETE     /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/record
//
// Ids may contain '/' (plain or %2F): a benchmark path is read from its end ("/jobs/<job>/...").
// Registrations answer 200 with the body `null`, deletions 204 (as upstream's server does).
// score, score-batch and evaluations run as long as their rows take: the HTTP thread does not wait
// for them, and a client that disconnects cancels them.

#include "server/route_p.h"

#include <vector>

namespace wb::server {

std::vector<detail::Route> evalRoutes();

} // namespace wb::server
