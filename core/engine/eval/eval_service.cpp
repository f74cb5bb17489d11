#include "engine/eval/eval_service.h"

#include "engine/datasets/dataset_service.h"
#include "engine/eval/benchmark_service.h"
#include "engine/eval/eval_generator.h"
#include "engine/eval/eval_service_p.h"
#include "engine/eval/row_prompt.h"
#include "engine/inference/inference_service.h"
#include "engine/scoring/aggregation.h"

#include <algorithm>

namespace wb::engine {

namespace {

const char *statusName(api::JobStatus s)
{
    return api::enumName(s);
}

bool isActive(api::JobStatus s)
{
    return s == api::JobStatus::Scheduled || s == api::JobStatus::InProgress;
}

//! "input_rows[3]: <detail>", keeping the status.
api::Error atRow(size_t index, const api::Error &e)
{
    if (e.status == 499)
        return e;
    return api::Error::make(e.status, "input_rows[" + std::to_string(index) + "]: " + e.detail);
}

constexpr const char *kCandidatePath = "benchmark_config.eval_candidate";

//! A running job writes rows_done at most every 250 ms, so a row finished just before a slow one
//! would not show for as long as the slow one takes; its stored rows are always current.
api::EvalJobInfo withLiveProgress(EvalJobStore &jobs, api::EvalJobInfo info)
{
    if (info.status == api::JobStatus::InProgress)
        if (auto rows = jobs.rowCount(info.job_id))
            info.rows_done = std::max(info.rows_done, rows.value());
    return info;
}

} // namespace

api::ScoringFunctionsParams functionParams(const std::vector<std::string> &functions,
                                           const api::BenchmarkConfig &config)
{
    api::ScoringFunctionsParams out;
    for (const std::string &fn : functions) {
        std::optional<api::ScoringFnParams> params;
        if (const api::ScoringFnParams *p = config.scoring_params.find(fn))
            params = *p;
        out.entries.emplace_back(fn, std::move(params));
    }
    return out;
}

EvalService::EvalService(store::Store &store, DatasetService &datasets, BenchmarkService &benchmarks,
                         ScoringService &scoring, InferenceService &inference, LocalModelCache &,
                         EvalServiceConfig config)
    : d(std::make_unique<Private>(store, datasets, benchmarks, scoring, inference, config))
{
    d->config.maxConcurrentJobs = std::max(1, d->config.maxConcurrentJobs);
    d->config.batchSize = std::max(1, d->config.batchSize);
    d->pool.setMaxThreadCount(d->config.maxConcurrentJobs);
    d->pool.setExpiryTimeout(-1); // the store keeps a connection per thread
}

EvalService::~EvalService()
{
    {
        std::lock_guard lock(d->mutex);
        d->closing = true;
        d->pool.clear(); // queued jobs never start; they are marked below
        for (auto &[id, job] : d->active) {
            if (job->started) {
                job->stop = ActiveJob::Stop::Closing; // the runner writes "failed" as it stops
                job->cancel.cancel();
                continue;
            }
            auto stored = d->jobs.load(id);
            if (stored && stored.value() && stored.value()->info.status == api::JobStatus::Scheduled) {
                StoredJob j = *stored.value();
                j.info.status = api::JobStatus::Failed;
                j.info.error = "the workbench was closed before this job started";
                j.info.completed_at = isoNow();
                (void)d->jobs.update(j);
            }
        }
    }
    d->pool.waitForDone();
}

api::Status EvalService::recoverInterruptedJobs()
{
    auto all = d->jobs.all();
    if (!all)
        return all.error();
    for (StoredJob &job : all.value()) {
        if (!isActive(job.info.status))
            continue;
        {
            std::lock_guard lock(d->mutex);
            if (d->active.count(job.info.job_id))
                continue; // ours, started since
        }
        if (job.info.status == api::JobStatus::Scheduled) {
            job.info.error = "the workbench stopped before this job started";
        } else {
            auto done = d->jobs.rowCount(job.info.job_id);
            const int64_t rows = done ? done.value() : job.info.rows_done;
            job.info.rows_done = rows;
            job.info.error = "the workbench stopped while this job was running (" + std::to_string(rows)
                           + " of " + std::to_string(job.info.rows_total)
                           + " rows done; those rows are kept)";
        }
        job.info.status = api::JobStatus::Failed;
        job.info.completed_at = isoNow();
        if (auto written = d->jobs.update(job); !written)
            return written;
    }
    return {};
}

api::Result<api::EvaluateResponse> EvalService::evaluateRows(const std::string &principal,
                                                             const std::string &benchmarkId,
                                                             const api::EvaluateRowsRequest &request,
                                                             const api::CancelToken &cancel)
{
    if (auto benchmark = d->benchmarks.get(principal, benchmarkId); !benchmark)
        return benchmark.error();
    const api::ModelCandidate &candidate = request.benchmark_config.eval_candidate;
    if (auto ok = checkSampling(candidate.sampling_params, std::string(kCandidatePath) + ".sampling_params");
        !ok)
        return ok.error();
    // Every row's prompt before any generation: a bad row costs nothing.
    std::vector<RowPrompt> prompts;
    prompts.reserve(request.input_rows.size());
    for (size_t i = 0; i < request.input_rows.size(); ++i) {
        auto p = rowPrompt(request.input_rows[i], candidate.system_message, i);
        if (!p)
            return p.error();
        prompts.push_back(std::move(p).value());
    }
    if (candidate.model.empty())
        return api::Error::badRequest(std::string(kCandidatePath) + ".model: field required");
    auto target = d->inference.target(principal, candidate.model);
    if (!target)
        return target.error();
    std::vector<PreparedFunction> functions;
    if (!request.scoring_functions.empty()) {
        auto prepared = d->scoring.prepare(principal,
                                           functionParams(request.scoring_functions, request.benchmark_config));
        if (!prepared)
            return prepared.error();
        functions = std::move(prepared).value();
    }

    const api::CompletionSampling sampling = completionSampling(candidate.sampling_params);
    const size_t batch = static_cast<size_t>(d->config.batchSize);
    api::EvaluateResponse out;
    std::vector<std::vector<api::JsonObject>> scoreRows(functions.size());
    for (size_t start = 0; start < prompts.size(); start += batch) {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        const size_t end = std::min(prompts.size(), start + batch);
        std::vector<const RowPrompt *> group;
        for (size_t i = start; i < end; ++i)
            group.push_back(&prompts[i]);
        auto answers = generateAnswers(d->inference, target.value(), group, sampling, cancel);
        for (size_t k = 0; k < answers.size(); ++k) {
            const size_t i = start + k;
            if (!answers[k])
                return atRow(i, answers[k].error());
            out.generations.push_back(api::JsonObject{api::Json{{"generated_answer", answers[k].value()}}});
            if (functions.empty())
                continue;
            const api::JsonObject row = scoringInput(request.input_rows[i], &prompts[i], answers[k].value());
            auto scored = d->scoring.scoreRow(functions, row, cancel);
            if (!scored)
                return atRow(i, scored.error());
            for (size_t f = 0; f < functions.size(); ++f) {
                const api::JsonObject *s = scored->find(functions[f].id);
                scoreRows[f].push_back(s ? *s : api::JsonObject{api::Json{{"score", nullptr}}});
            }
        }
    }
    for (size_t f = 0; f < functions.size(); ++f) {
        auto aggregated = aggregate(scoreRows[f], api::aggregationFunctions(functions[f].params));
        if (!aggregated)
            return api::Error::make(aggregated.error().status,
                                    functions[f].id + ": " + aggregated.error().detail);
        out.scores[functions[f].id] = api::ScoringResult{std::move(scoreRows[f]), std::move(aggregated).value()};
    }
    return out;
}

api::Result<api::Job> EvalService::runEval(const std::string &principal, const std::string &benchmarkId,
                                           const api::RunEvalRequest &request)
{
    auto benchmark = d->benchmarks.get(principal, benchmarkId);
    if (!benchmark)
        return benchmark.error();
    const api::BenchmarkConfig &config = request.benchmark_config;
    if (config.num_examples && *config.num_examples < 1)
        return api::Error::badRequest("benchmark_config.num_examples: must be at least 1, got "
                                      + std::to_string(*config.num_examples));
    if (auto ok = checkSampling(config.eval_candidate.sampling_params,
                                std::string(kCandidatePath) + ".sampling_params");
        !ok)
        return ok.error();
    if (config.eval_candidate.model.empty())
        return api::Error::badRequest(std::string(kCandidatePath) + ".model: field required");
    if (auto target = d->inference.target(principal, config.eval_candidate.model); !target)
        return target.error();
    if (auto dataset = d->datasets.getDataset(principal, benchmark->dataset_id); !dataset)
        return dataset.error();

    api::EvalJobInfo info;
    info.benchmark_id = benchmarkId;
    info.status = api::JobStatus::Scheduled;
    info.dataset_id = benchmark->dataset_id;
    info.scoring_functions = benchmark->scoring_functions;
    info.benchmark_config = config;
    info.created_at = isoNow();

    std::lock_guard lock(d->mutex); // a job is in `active` before its runner can look for it
    if (d->closing)
        return api::Error::make(503, "the workbench is closing");
    auto created = d->jobs.create(std::move(info), principal);
    if (!created)
        return created.error();
    auto job = std::make_shared<ActiveJob>();
    job->id = created->job_id;
    job->benchmarkId = benchmarkId;
    job->principal = principal;
    d->active[job->id] = job;
    Private *p = d.get();
    d->pool.start([p, job] { p->run(job); });
    return api::Job{created->job_id, api::JobStatus::Scheduled};
}

api::Result<api::Job> EvalService::jobStatus(const std::string &principal, const std::string &benchmarkId,
                                             const std::string &jobId)
{
    auto job = d->jobs.get(principal, benchmarkId, jobId);
    if (!job)
        return job.error();
    return api::Job{job->info.job_id, job->info.status};
}

api::Status EvalService::jobCancel(const std::string &principal, const std::string &benchmarkId,
                                   const std::string &jobId)
{
    if (auto visible = d->jobs.get(principal, benchmarkId, jobId); !visible)
        return visible.error();
    std::lock_guard lock(d->mutex);
    const auto it = d->active.find(jobId);
    if (it == d->active.end())
        return {}; // ended (or left by an earlier process and recovered): nothing to stop
    ActiveJob &job = *it->second;
    if (job.stop == ActiveJob::Stop::None)
        job.stop = ActiveJob::Stop::User;
    job.cancel.cancel();
    if (job.started)
        return {}; // the runner writes "cancelled" within one row or token
    // Still waiting: cancelled at once; its runner sees `stop` and does nothing.
    auto stored = d->jobs.load(jobId);
    if (!stored)
        return stored.error();
    if (stored.value() && stored.value()->info.status == api::JobStatus::Scheduled) {
        StoredJob j = *stored.value();
        j.info.status = api::JobStatus::Cancelled;
        j.info.error = "cancelled before it started";
        j.info.completed_at = isoNow();
        if (auto written = d->jobs.update(j); !written)
            return written;
    }
    d->active.erase(it);
    return {};
}

api::Result<api::EvaluateResponse> EvalService::jobResult(const std::string &principal,
                                                          const std::string &benchmarkId,
                                                          const std::string &jobId)
{
    auto job = d->jobs.get(principal, benchmarkId, jobId);
    if (!job)
        return job.error();
    const api::EvalJobInfo &info = job->info;
    if (info.status != api::JobStatus::Completed)
        return api::Error::badRequest("Job '" + jobId + "' is " + statusName(info.status)
                                      + "; only a completed job has a result");
    auto count = d->jobs.rowCount(jobId);
    if (!count)
        return count.error();
    auto rows = d->jobs.readRows(jobId, 0, count.value());
    if (!rows)
        return rows.error();
    api::EvaluateResponse out;
    for (const std::string &fn : info.scoring_functions)
        out.scores[fn];
    for (const api::EvalRowResult &row : rows.value()) {
        out.generations.push_back(api::JsonObject{api::Json{{"generated_answer", row.generated_answer}}});
        for (auto &[fn, result] : out.scores.entries) {
            const api::JsonObject *s = row.scores.find(fn);
            result.score_rows.push_back(s ? *s : api::JsonObject{api::Json{{"score", nullptr}}});
        }
    }
    for (auto &[fn, result] : out.scores.entries)
        if (const api::JsonObject *a = info.aggregated_results.find(fn))
            result.aggregated_results = *a;
    return out;
}

api::Result<api::ListEvalJobsResponse> EvalService::listJobs(const std::string &principal,
                                                             const std::optional<std::string> &benchmarkId)
{
    auto all = d->jobs.all();
    if (!all)
        return all.error();
    api::ListEvalJobsResponse out;
    for (auto it = all->rbegin(); it != all->rend(); ++it) {
        if (!EvalJobStore::visibleTo(it->owner, principal))
            continue;
        if (benchmarkId && it->info.benchmark_id != *benchmarkId)
            continue;
        out.data.push_back(withLiveProgress(d->jobs, std::move(it->info)));
    }
    return out;
}

api::Result<api::EvalJobInfo> EvalService::jobInfo(const std::string &principal, const std::string &benchmarkId,
                                                   const std::string &jobId)
{
    auto job = d->jobs.get(principal, benchmarkId, jobId);
    if (!job)
        return job.error();
    return withLiveProgress(d->jobs, std::move(job->info));
}

api::Result<api::EvalRowsPage> EvalService::jobRows(const std::string &principal, const std::string &benchmarkId,
                                                    const std::string &jobId, std::optional<int64_t> startIndex,
                                                    std::optional<int64_t> limit)
{
    if (startIndex && *startIndex < 0)
        return api::Error::badRequest("start_index: must be 0 or more, got " + std::to_string(*startIndex));
    if (limit && *limit < -1)
        return api::Error::badRequest("limit: must be -1 (all rows) or 0 or more, got "
                                      + std::to_string(*limit));
    if (auto job = d->jobs.get(principal, benchmarkId, jobId); !job)
        return job.error();
    auto total = d->jobs.rowCount(jobId);
    if (!total)
        return total.error();
    // iterrows' rules: no limit or -1 means every row from the first one.
    int64_t start = 0;
    int64_t end = total.value();
    if (limit && *limit != -1) {
        start = std::min(startIndex.value_or(0), total.value());
        end = std::min(start + *limit, total.value());
    }
    auto rows = d->jobs.readRows(jobId, start, end - start);
    if (!rows)
        return rows.error();
    api::EvalRowsPage page;
    page.data = std::move(rows).value();
    page.total = total.value();
    page.has_more = (limit && *limit != -1) ? start + *limit < total.value() : false;
    return page;
}

api::Status EvalService::deleteJob(const std::string &principal, const std::string &benchmarkId,
                                   const std::string &jobId)
{
    std::lock_guard lock(d->mutex);
    auto job = d->jobs.get(principal, benchmarkId, jobId);
    if (!job)
        return job.error();
    if (isActive(job->info.status) || d->active.count(jobId))
        return api::Error::conflict("Job '" + jobId + "' is " + statusName(job->info.status)
                                    + "; cancel it before deleting it");
    return d->jobs.remove(jobId);
}

void EvalService::cancelJobsOf(const std::string &benchmarkId)
{
    std::vector<std::string> waiting;
    {
        std::lock_guard lock(d->mutex);
        for (auto &[id, job] : d->active) {
            if (job->benchmarkId != benchmarkId)
                continue;
            if (job->started) {
                if (job->stop == ActiveJob::Stop::None)
                    job->stop = ActiveJob::Stop::Unregistered;
                job->cancel.cancel();
            } else {
                job->stop = ActiveJob::Stop::Unregistered;
                waiting.push_back(id);
            }
        }
        for (const std::string &id : waiting) {
            auto stored = d->jobs.load(id);
            if (stored && stored.value() && stored.value()->info.status == api::JobStatus::Scheduled) {
                StoredJob j = *stored.value();
                j.info.status = api::JobStatus::Cancelled;
                j.info.error = "the benchmark '" + benchmarkId + "' was unregistered";
                j.info.completed_at = isoNow();
                (void)d->jobs.update(j);
            }
            d->active.erase(id);
        }
    }
}

} // namespace wb::engine
