// bench_eval: end-to-end run_eval throughput (rows/s) on a small random local model, with batching
// off (evalBatchSize 1) and on (evalBatchSize 8).
//
//   bench_eval [--rows N] [--max-tokens N] [--hidden N] [--layers N] [--runs N]
//
// The model: a random Llama (hidden 256, 4 layers, 4 heads with 2 KV heads, MLP 688, context 512)
// with the byte-level tokenizer of tests/support/tiny_model.h, so a row (a short question, up to
// 16 greedy tokens) takes some 10-50 ms alone. The dataset: 64 distinct questions with answers,
// scored with basic::equality. Each configuration runs in its own Engine over the same data folder;
// the model is loaded (one evaluate_rows call) before the clock starts, and the figure is the
// rows of the job divided by the time from run_eval to the job's completion (polled every 5 ms),
// the median of --runs (3) runs of each configuration, alternating.

#include "../support/tiny_model.h"

#include "api/async.h"
#include "engine/engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    int rows = 64;
    int maxTokens = 16;
    int hidden = 256;
    int layers = 4;
    int runs = 3;
};

engine::ModelConfig benchShape(const Options &o)
{
    engine::ModelConfig c = test::tinyConfig();
    c.hiddenSize = o.hidden;
    c.intermediateSize = (o.hidden * 8 / 3 + 15) / 16 * 16;
    c.numLayers = o.layers;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = o.hidden / 4;
    return c;
}

int fail(const api::Error &e, const char *what)
{
    std::fprintf(stderr, "%s: %s\n", what, e.toString().c_str());
    return 1;
}

//! Runs the benchmark's job in a fresh Engine with `batch`; rows/s, or a negative value on failure.
double runOnce(const QString &dataDir, int batch, const Options &o, bool seed)
{
    engine::EngineConfig config;
    config.dataDir = dataDir;
    config.evalBatchSize = batch;
    engine::Engine engine(config);
    if (auto opened = engine.open(); !opened)
        return fail(opened.error(), "open"), -1;
    if (seed) {
        std::vector<api::JsonObject> rows;
        for (int i = 0; i < o.rows; ++i)
            rows.push_back(api::JsonObject{api::Json{
                {"question", "Question " + std::to_string(i) + ": what is " + std::to_string(i * 7 % 13)
                                 + " times " + std::to_string(i % 5 + 2) + "?"},
                {"answer", std::to_string((i * 7 % 13) * (i % 5 + 2))}}});
        api::RegisterDatasetRequest dataset;
        dataset.dataset_id = "bench-rows";
        dataset.source = api::RowsDataSource{rows};
        if (auto r = api::await(engine.registerDataset(dataset)); !r)
            return fail(r.error(), "registerDataset"), -1;
        api::RegisterBenchmarkRequest bench;
        bench.benchmark_id = "bench";
        bench.dataset_id = "bench-rows";
        bench.scoring_functions = {"basic::equality"};
        if (auto r = api::await(engine.registerBenchmark(bench)); !r)
            return fail(r.error(), "registerBenchmark"), -1;
    }
    api::BenchmarkConfig bc;
    bc.eval_candidate.model = "bench-model";
    bc.eval_candidate.sampling_params.strategy = api::GreedySamplingStrategy{};
    bc.eval_candidate.sampling_params.max_tokens = o.maxTokens;

    // Load the model before the clock starts.
    api::EvaluateRowsRequest warm;
    warm.input_rows = {api::JsonObject{api::Json{{"question", "warm up"}}}};
    warm.benchmark_config = bc;
    if (auto r = api::await(engine.evaluateRows("bench", warm, {})); !r)
        return fail(r.error(), "evaluateRows"), -1;

    api::RunEvalRequest run;
    run.benchmark_config = bc;
    const auto t0 = Clock::now();
    auto job = api::await(engine.runEval("bench", run));
    if (!job)
        return fail(job.error(), "runEval"), -1;
    for (;;) {
        auto info = api::await(engine.evalJobInfo("bench", job->job_id));
        if (!info)
            return fail(info.error(), "evalJobInfo"), -1;
        if (info->status == api::JobStatus::Completed) {
            const double s = std::chrono::duration<double>(Clock::now() - t0).count();
            // One byte-level token per character: the answers' mean length in tokens.
            double chars = 0;
            if (auto rows = api::await(engine.evalJobRows("bench", job->job_id, std::nullopt, std::nullopt)))
                for (const auto &row : rows->data)
                    chars += double(row.generated_answer.size()) / double(rows->data.size());
            std::printf("batch %d: %lld rows in %.2f s (%lld failed, answers %.1f tokens on average)\n",
                        batch, static_cast<long long>(info->rows_done), s,
                        static_cast<long long>(info->rows_failed), chars);
            return double(info->rows_done) / s;
        }
        if (info->status == api::JobStatus::Failed || info->status == api::JobStatus::Cancelled) {
            std::fprintf(stderr, "job ended %s: %s\n", api::enumName(info->status),
                         info->error.value_or("").c_str());
            return -1;
        }
        QThread::msleep(5);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    Options o;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rows"))
            o.rows = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--max-tokens"))
            o.maxTokens = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--hidden"))
            o.hidden = std::max(16, args[i + 1].toInt() / 16 * 16);
        else if (args[i] == QLatin1String("--layers"))
            o.layers = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--runs"))
            o.runs = std::max(1, args[i + 1].toInt());
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const QString folder = QDir(dir.path()).filePath(QStringLiteral("models/bench-model"));
    // The tiny model's tokenizer, then bigger random weights over the same vocabulary.
    if (auto s = test::writeTinyModel(folder, 11, true); !s)
        return fail(s.error(), "writeTinyModel");
    const engine::ModelConfig shape = benchShape(o);
    if (auto s = engine::writeRandomModel(folder, shape, 11, 0.5); !s)
        return fail(s.error(), "writeRandomModel");
    std::printf("model: %.2f M parameters, %d rows, max_tokens %d\n", double(shape.parameterCount()) / 1e6,
                o.rows, o.maxTokens);
    std::fflush(stdout);

    // The two configurations alternate, so load from other processes hits both alike; the figure
    // of each is the median of its runs.
    std::vector<double> ones, eights;
    for (int r = 0; r < o.runs; ++r) {
        const double one = runOnce(dir.path(), 1, o, r == 0);
        const double eight = runOnce(dir.path(), 8, o, false);
        if (one <= 0 || eight <= 0)
            return 1;
        ones.push_back(one);
        eights.push_back(eight);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    const double batch1 = median(ones);
    const double batch8 = median(eights);
    std::printf("eval_rows_per_s_batch1: %.1f rows/s\n", batch1);
    std::printf("eval_rows_per_s_batch8: %.1f rows/s\n", batch8);
    std::printf("batching_speedup: %.2f x\n", batch8 / batch1);
    return 0;
}
