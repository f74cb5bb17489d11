#pragma once

// Workbench extensions of the Eval API: what a client needs to follow and inspect a run_eval job
// beyond the spec's {job_id, status}. Served under /v1alpha/eval (see docs/eval.md):
//   GET    /v1alpha/eval/jobs[?benchmark_id=]                          → ListEvalJobsResponse
//   GET    /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/info            → EvalJobInfo
//   GET    /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/rows?start_index=&limit= → EvalRowsPage
//   DELETE /v1alpha/eval/benchmarks/{id}/jobs/{job_id}/record          → 204 (a finished job's record)
// Upstream servers answer them 404; clients then fall back to the spec's calls.

#include "common.h"
#include "eval.h"
#include "scoring.h"

namespace wb::api {

//! One run_eval job as stored: what ran, where it is, and how it ended.
struct EvalJobInfo
{
    std::string job_id;
    std::string benchmark_id;
    JobStatus status = JobStatus::Scheduled;
    std::string dataset_id;                   //!< the benchmark's, when the job was created
    std::vector<std::string> scoring_functions; //!< the benchmark's, when the job was created
    BenchmarkConfig benchmark_config;
    int64_t rows_total = 0;  //!< rows to evaluate (0 until the rows were read)
    int64_t rows_done = 0;   //!< rows generated and scored so far
    int64_t rows_failed = 0; //!< rows whose generation or scoring failed (see EvalRowResult::error)
    //! failed: why; cancelled: who or what cancelled it. Absent otherwise.
    std::optional<std::string> error;
    std::string created_at;                  //!< ISO-8601 UTC
    std::optional<std::string> started_at;   //!< ISO-8601 UTC, once in_progress
    std::optional<std::string> completed_at; //!< ISO-8601 UTC, once completed, failed or cancelled
    //! fn id → aggregated_results over the rows done; filled when the job ends (completed, and
    //! over the rows done so far when cancelled).
    OrderedMap<JsonObject> aggregated_results;

    bool operator==(const EvalJobInfo &o) const
    {
        return job_id == o.job_id && benchmark_id == o.benchmark_id && status == o.status
            && dataset_id == o.dataset_id && scoring_functions == o.scoring_functions
            && benchmark_config == o.benchmark_config && rows_total == o.rows_total
            && rows_done == o.rows_done && rows_failed == o.rows_failed && error == o.error
            && created_at == o.created_at && started_at == o.started_at
            && completed_at == o.completed_at && aggregated_results == o.aggregated_results;
    }
};

struct ListEvalJobsResponse
{
    std::vector<EvalJobInfo> data; //!< newest first
    bool operator==(const ListEvalJobsResponse &o) const { return data == o.data; }
};

//! One evaluated row: the dataset row, the model's answer and each function's score row (which
//! may carry more than "score": "extracted_answer" for regex functions, "judge_feedback", ...).
struct EvalRowResult
{
    int64_t index = 0;   //!< position in the evaluated rows (0-based)
    JsonObject input_row;
    std::string generated_answer;
    std::optional<std::string> error; //!< the generation or scoring failed for this row
    OrderedMap<JsonObject> scores;    //!< fn id → score row

    bool operator==(const EvalRowResult &o) const
    {
        return index == o.index && input_row == o.input_row
            && generated_answer == o.generated_answer && error == o.error && scores == o.scores;
    }
};

//! A page of EvalRowResult, paginated like iterrows.
struct EvalRowsPage
{
    std::vector<EvalRowResult> data;
    int64_t total = 0; //!< rows stored so far
    bool has_more = false;

    bool operator==(const EvalRowsPage &o) const
    {
        return data == o.data && total == o.total && has_more == o.has_more;
    }
};

void fromJson(const Json &j, EvalJobInfo &out, const std::string &path);
void fromJson(const Json &j, ListEvalJobsResponse &out, const std::string &path);
void fromJson(const Json &j, EvalRowResult &out, const std::string &path);
void fromJson(const Json &j, EvalRowsPage &out, const std::string &path);

Json toJson(const EvalJobInfo &v);
Json toJson(const ListEvalJobsResponse &v);
Json toJson(const EvalRowResult &v);
Json toJson(const EvalRowsPage &v);

} // namespace wb::api
