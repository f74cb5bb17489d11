// One run_eval job on a job thread: scheduled → in_progress → completed | failed | cancelled.
//
// Rows are read from the dataset page by page, generated `batchSize` at a time and scored one by
// one; each batch's EvalRowResults are appended to the job as soon as they exist, so a client
// sees progress through the job's rows, and rows_done in the body is refreshed at most every
// 250 ms (and at the end). A row whose prompt or generation fails keeps the error and is scored
// with an empty answer; when the first rows (up to 5) all fail that way the model itself is
// probably unusable (gone, endpoint down) and the job fails with the first error.

#include "engine/datasets/dataset_service.h"
#include "engine/eval/eval_generator.h"
#include "engine/eval/eval_service_p.h"
#include "engine/eval/row_prompt.h"
#include "engine/inference/inference_service.h"
#include "engine/scoring/aggregation.h"

#include <QElapsedTimer>

#include <algorithm>

namespace wb::engine {

namespace {

constexpr int64_t kPageRows = 256;
constexpr int64_t kFailFastRows = 5;
constexpr qint64 kProgressMs = 250;

//! How the work loop ended.
struct Outcome
{
    api::JobStatus status = api::JobStatus::Completed;
    std::optional<std::string> error;
    bool aggregate = true;
};

} // namespace

void EvalService::Private::run(const std::shared_ptr<ActiveJob> &job)
{
    const auto leave = [this, &job] {
        const auto it = active.find(job->id);
        if (it != active.end() && it->second == job)
            active.erase(it);
    };
    StoredJob stored;
    {
        std::lock_guard lock(mutex);
        if (closing || job->stop != ActiveJob::Stop::None)
            return leave(); // cancelled while waiting: already written
        auto loaded = jobs.load(job->id);
        if (!loaded || !loaded.value() || loaded.value()->info.status != api::JobStatus::Scheduled)
            return leave();
        stored = *loaded.value();
        stored.info.status = api::JobStatus::InProgress;
        stored.info.started_at = isoNow();
        if (!jobs.update(stored))
            return leave();
        job->started = true;
    }
    api::EvalJobInfo &info = stored.info;
    const std::string &principal = job->principal;
    const api::CancelToken &cancel = job->cancel;
    const api::BenchmarkConfig &config = info.benchmark_config;

    const auto write = [this, &stored] {
        std::lock_guard lock(mutex);
        (void)jobs.update(stored);
    };

    Outcome outcome;
    std::vector<PreparedFunction> functions;
    std::vector<std::vector<api::JsonObject>> scoreRows;
    const auto fail = [&outcome](const api::Error &e) {
        outcome.status = api::JobStatus::Failed;
        outcome.error = e.detail;
        outcome.aggregate = false;
    };

    auto target = inference.target(principal, config.eval_candidate.model);
    auto prepared = target ? scoring.prepare(principal, functionParams(info.scoring_functions, config))
                           : api::Result<std::vector<PreparedFunction>>(target.error());
    auto stats = prepared ? datasets.stats(principal, info.dataset_id)
                          : api::Result<api::DatasetStats>(prepared.error());
    if (!stats) {
        fail(stats.error());
    } else {
        functions = std::move(prepared).value();
        scoreRows.resize(functions.size());
        info.rows_total = std::min(stats->row_count, config.num_examples.value_or(stats->row_count));
        write();
    }

    const api::CompletionSampling sampling = completionSampling(config.eval_candidate.sampling_params);
    const int64_t batch = std::max(1, this->config.batchSize);
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    std::optional<api::Error> firstFailure;
    bool leadingAllFailed = true;
    for (int64_t start = 0; outcome.status == api::JobStatus::Completed && start < info.rows_total;
         start += kPageRows) {
        if (cancel.isCancelled())
            break;
        const int64_t pageRows = std::min(kPageRows, info.rows_total - start);
        auto page = datasets.iterrows(principal, info.dataset_id, start, pageRows);
        if (!page) {
            fail(page.error());
            break;
        }
        const auto &rows = page->data;
        for (size_t b = 0; b < rows.size() && !cancel.isCancelled(); b += size_t(batch)) {
            const size_t e = std::min(rows.size(), b + size_t(batch));
            std::vector<api::Result<RowPrompt>> prompts;
            std::vector<const RowPrompt *> runnable;
            for (size_t i = b; i < e; ++i)
                prompts.push_back(rowPrompt(rows[i], config.eval_candidate.system_message,
                                            size_t(start) + i));
            for (auto &p : prompts)
                if (p)
                    runnable.push_back(&p.value());
            auto answers = runnable.empty()
                             ? std::vector<api::Result<std::string>>()
                             : generateAnswers(inference, target.value(), runnable, sampling, cancel);
            if (cancel.isCancelled())
                break; // the batch is incomplete: none of it is kept

            std::vector<api::EvalRowResult> results;
            size_t next = 0;
            for (size_t i = b; i < e; ++i) {
                api::EvalRowResult r;
                r.index = start + int64_t(i);
                r.input_row = rows[i];
                const api::Result<RowPrompt> &prompt = prompts[i - b];
                std::optional<api::Error> error;
                if (!prompt) {
                    error = prompt.error();
                } else {
                    const api::Result<std::string> &answer = answers[next++];
                    if (answer)
                        r.generated_answer = answer.value();
                    else
                        error = answer.error();
                }
                if (error) {
                    r.error = error->detail;
                    if (!firstFailure)
                        firstFailure = *error;
                } else if (r.index < kFailFastRows) {
                    leadingAllFailed = false;
                }
                if (!functions.empty()) {
                    const api::JsonObject row = scoringInput(rows[i], prompt ? &prompt.value() : nullptr,
                                                             r.generated_answer);
                    auto scored = scoring.scoreRow(functions, row, cancel);
                    if (scored) {
                        r.scores = std::move(scored).value();
                    } else if (scored.error().status == 499) {
                        break;
                    } else {
                        r.error = (r.error ? *r.error + "; " : std::string()) + "scoring: "
                                + scored.error().detail;
                    }
                }
                for (size_t f = 0; f < functions.size(); ++f)
                    if (const api::JsonObject *s = r.scores.find(functions[f].id))
                        scoreRows[f].push_back(*s);
                if (r.error)
                    ++info.rows_failed;
                results.push_back(std::move(r));
            }
            if (cancel.isCancelled())
                break;
            if (auto appended = jobs.appendRows(info.job_id, results); !appended) {
                fail(appended.error());
                break;
            }
            info.rows_done += int64_t(results.size());
            const int64_t leading = std::min(kFailFastRows, info.rows_total);
            if (leadingAllFailed && info.rows_done >= leading && firstFailure) {
                fail(*firstFailure);
                outcome.error = "the first " + std::to_string(leading) + " rows failed: "
                              + firstFailure->detail;
                break;
            }
            if (sinceProgress.elapsed() >= kProgressMs) {
                write();
                sinceProgress.restart();
            }
        }
    }

    std::lock_guard lock(mutex);
    if (cancel.isCancelled() && outcome.status == api::JobStatus::Completed) {
        switch (job->stop) {
        case ActiveJob::Stop::Closing:
            outcome.status = api::JobStatus::Failed;
            outcome.aggregate = false;
            outcome.error = "the workbench was closed while this job was running ("
                          + std::to_string(info.rows_done) + " of " + std::to_string(info.rows_total)
                          + " rows done; those rows are kept)";
            break;
        case ActiveJob::Stop::Unregistered:
            outcome.status = api::JobStatus::Cancelled;
            outcome.error = "the benchmark '" + info.benchmark_id + "' was unregistered";
            break;
        default:
            outcome.status = api::JobStatus::Cancelled;
            outcome.error = "cancelled on request";
            break;
        }
    }
    if (outcome.aggregate) {
        for (size_t f = 0; f < functions.size(); ++f) {
            auto aggregated = aggregate(scoreRows[f], api::aggregationFunctions(functions[f].params));
            info.aggregated_results[functions[f].id] =
                aggregated ? std::move(aggregated).value()
                           : api::JsonObject{api::Json{{"error", aggregated.error().detail}}};
        }
    }
    info.status = outcome.status;
    info.error = outcome.error;
    info.completed_at = isoNow();
    (void)jobs.update(stored);
    leave();
}

} // namespace wb::engine
