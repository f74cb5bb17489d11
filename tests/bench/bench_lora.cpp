// bench_lora: LoRA fine-tuning speed of the training engine (runTraining) against the same step in
// eager PyTorch from python (bench_lora_reference.py, Debian's python3-torch, same weights, same
// LoRA, AdamW, float32, same thread count), plus a GEMM microbenchmark for the model FLOPs
// utilisation of the step.
//
//   bench_lora [--steps N] [--rounds N] [--skip-135m] [--dir DIR]
//
// --dir writes (and keeps) the models in DIR instead of a temp folder.
//
// Models (random weights, written to a temp folder): one shaped like SmolLM2-135M (30 layers,
// hidden 576, 9 heads with 3 KV heads, MLP 1536, vocabulary 49,152, tied), batch 1, sequence 256;
// and a tiny one (hidden 64, 2 layers, vocabulary 256), sequence 64, where framework overhead
// dominates. LoRA r=8, alpha 16 on q_proj and v_proj. A step is zero_grad, forward, backward,
// clipping to norm 1 and an AdamW step; tokens/s is the median over the steps of all rounds
// (the first step of each round is a warm-up and not counted). Rounds alternate ours and python's.
// MFU = 6 * parameters * tokens per step / step time / measured sgemm rate (256x576 @ 576x1536,
// the median of probes before, between and after the runs; a LoRA step does no weight gradients
// of the frozen base, so its real FLOPs are nearer 4 * parameters * tokens).
// The trainer runs a model as small as the tiny one on a single thread (trainer.cpp), so for it
// python's 1-thread figure is printed too (lora_tiny_vs_python_1thread).
// Targets (issue 6): >= 1.0x python on the 135M shape, >= 1.5x on the tiny model.

#include "engine/models/causal_lm.h"
#include "engine/models/torch_runtime.h"
#include "engine/training/gemm_probe.h"
#include "engine/training/trainer.h"

#include "python_baseline.h"
#include "smollm2_shape.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

using namespace wb;

namespace {

constexpr int kRank = 8;
constexpr int kAlpha = 16;

engine::ModelConfig tinyShape()
{
    engine::ModelConfig c = smolLm2Shape();
    c.vocabSize = 256;
    c.hiddenSize = 64;
    c.intermediateSize = 256;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 16;
    c.maxPositionEmbeddings = 512;
    return c;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

class Hooks : public engine::TrainingHooks
{
public:
    void step(const api::TrainingStepMetric &m) override { steps.push_back(m); }
    void checkpoint(const engine::SavedCheckpoint &) override {}
    bool cancelled() const override { return false; }
    std::vector<api::TrainingStepMetric> steps;
};

//! Ours: `steps` LoRA steps on `tokens` through runTraining; seconds per step and losses.
std::optional<std::pair<std::vector<double>, std::vector<double>>> ourSteps(const QString &folder,
                                                                             const std::vector<int> &tokens, int steps)
{
    QTemporaryDir out;
    engine::TrainingPlan p;
    p.method = engine::TrainingMethod::Lora;
    p.baseFolder = folder;
    p.outputDir = out.path();
    p.checkpointPrefix = "bench";
    p.training.n_epochs = 1;
    p.training.max_steps_per_epoch = steps;
    p.training.max_validation_steps = 0;
    p.training.dtype = "fp32";
    api::DataConfig dc;
    dc.batch_size = 1;
    p.training.data_config = dc;
    api::OptimizerConfig oc;
    oc.optimizer_type = api::OptimizerType::AdamW;
    oc.lr = 1e-4;
    p.training.optimizer_config = oc;
    api::LoraFinetuningConfig lora;
    lora.lora_attn_modules = {"q_proj", "v_proj"};
    lora.rank = kRank;
    lora.alpha = kAlpha;
    p.lora = lora;
    p.maxLength = int(tokens.size());
    for (int i = 0; i < steps; ++i)
        p.train.push_back({tokens, tokens}); // every token a target
    Hooks hooks;
    auto outcome = engine::runTraining(p, hooks);
    if (!outcome) {
        std::fprintf(stderr, "training failed: %s\n", outcome.error().toString().c_str());
        return std::nullopt;
    }
    std::vector<double> seconds, losses;
    for (const auto &s : hooks.steps) {
        seconds.push_back(double(s.tokens) / s.tokens_per_second);
        losses.push_back(s.loss);
    }
    return std::make_pair(seconds, losses);
}

//! bench_lora_reference.py: the same LoRA steps in eager PyTorch.
class LoraBaseline
{
public:
    bool start(const QString &folder, int threads)
    {
        return m_python.start(QStringLiteral("bench_lora_reference.py"),
                              {folder, QString::number(threads), QString::number(kRank), QString::number(kAlpha)},
                              threads);
    }

    std::optional<std::pair<std::vector<double>, std::vector<double>>> steps(const std::vector<int> &tokens, int n)
    {
        const auto a = m_python.ask({{"steps", n}, {"tokens", tokens}});
        if (!a)
            return std::nullopt;
        return std::make_pair(a->at("seconds").get<std::vector<double>>(), a->at("losses").get<std::vector<double>>());
    }

private:
    PythonBaseline m_python;
};

struct Figures
{
    double ours = 0, python = 0;    // tokens/s
    double oursStep = 0;            // seconds per step
    double firstLoss = 0, pythonFirstLoss = 0;
    double pythonOneThread = 0; // tokens/s of python with 1 thread (0: not measured)
};

std::optional<Figures> compare(const char *name, const engine::ModelConfig &config, const QString &folder, int seq,
                               int steps, int rounds, int threads, bool pythonOneThread)
{
    if (auto s = engine::writeRandomModel(folder, config, 42); !s) {
        std::fprintf(stderr, "%s\n", s.error().toString().c_str());
        return std::nullopt;
    }
    std::vector<int> tokens;
    for (int i = 0; i < seq; ++i)
        tokens.push_back(int((uint64_t(i) * 2654435761u + 17) % uint64_t(config.vocabSize)));
    LoraBaseline python;
    if (!python.start(folder, threads))
        return std::nullopt;
    std::vector<double> ours, theirs;
    Figures f;
    for (int r = 0; r < rounds; ++r) {
        const auto a = ourSteps(folder, tokens, steps + 1);
        const auto b = python.steps(tokens, steps + 1);
        if (!a || !b)
            return std::nullopt;
        ours.insert(ours.end(), a->first.begin() + 1, a->first.end());
        theirs.insert(theirs.end(), b->first.begin() + 1, b->first.end());
        if (r == 0) { // later rounds of python's start from its trained adapters
            f.firstLoss = a->second.front();
            f.pythonFirstLoss = b->second.front();
        }
        std::printf("%s round %d: ours %.1f tok/s, python %.1f tok/s (median step)\n", name, r + 1,
                    seq / median({a->first.begin() + 1, a->first.end()}),
                    seq / median({b->first.begin() + 1, b->first.end()}));
        std::fflush(stdout);
    }
    f.oursStep = median(ours);
    f.ours = seq / f.oursStep;
    f.python = seq / median(theirs);
    if (pythonOneThread && threads > 1) {
        // Our trainer runs a model this small on one thread (trainer.cpp, threadsFor); python's
        // figure at one thread too, so the comparison is not only about thread hand-offs.
        LoraBaseline single;
        const auto b = single.start(folder, 1) ? single.steps(tokens, steps + 1) : std::nullopt;
        if (!b)
            return std::nullopt;
        f.pythonOneThread = seq / median({b->first.begin() + 1, b->first.end()});
    }
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int steps = 5, rounds = 2, tinySteps = 40;
    bool skip135m = false;
    QString keep;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--steps") && i + 1 < args.size())
            steps = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--skip-135m"))
            skip135m = true;
        else if (args[i] == QLatin1String("--dir") && i + 1 < args.size())
            keep = args[++i];
    }
    QTemporaryDir temp;
    if (!temp.isValid())
        return 1;
    const QDir dir(keep.isEmpty() ? temp.path() : keep);
    engine::initTorchThreads();
    const int threads = engine::torchThreadCount();

    // The GEMM rate is probed before, between and after the runs and the median kept: on a
    // shared machine the load (and so the rate) changes during the benchmark.
    std::vector<double> gemm{engine::sgemmGflops(256, 1536, 576, 0.5)};
    const auto tiny = compare("tiny", tinyShape(), dir.filePath("tiny"), 64, tinySteps, rounds, threads, true);
    if (!tiny)
        return 1;
    std::optional<Figures> big;
    const engine::ModelConfig bigConfig = smolLm2Shape();
    if (!skip135m) {
        gemm.push_back(engine::sgemmGflops(256, 1536, 576, 0.5));
        big = compare("135m", bigConfig, dir.filePath("smollm2-shape"), 256, steps, rounds, threads, false);
        if (!big)
            return 1;
    }
    gemm.push_back(engine::sgemmGflops(256, 1536, 576, 0.5));
    const double gflops = median(gemm);

    std::printf("threads: %d\n", threads);
    std::printf("lora_tiny_first_loss: %.5f (python %.5f)\n", tiny->firstLoss, tiny->pythonFirstLoss);
    std::printf("lora_tiny_tokens_per_s: %.1f tok/s\n", tiny->ours);
    std::printf("python_lora_tiny_tokens_per_s: %.1f tok/s\n", tiny->python);
    std::printf("lora_tiny_vs_python: %.2f x\n", tiny->ours / tiny->python);
    if (tiny->pythonOneThread > 0) {
        std::printf("python_lora_tiny_1thread_tokens_per_s: %.1f tok/s\n", tiny->pythonOneThread);
        std::printf("lora_tiny_vs_python_1thread: %.2f x\n", tiny->ours / tiny->pythonOneThread);
    }
    if (big) {
        std::printf("lora_135m_first_loss: %.5f (python %.5f)\n", big->firstLoss, big->pythonFirstLoss);
        std::printf("lora_135m_tokens_per_s: %.1f tok/s\n", big->ours);
        std::printf("python_lora_135m_tokens_per_s: %.1f tok/s\n", big->python);
        std::printf("lora_135m_vs_python: %.2f x\n", big->ours / big->python);
    }
    std::printf("gemm_gflops: %.1f GFLOP/s\n", gflops);
    if (big) {
        const double flops = 6.0 * double(bigConfig.parameterCount()) * 256.0;
        std::printf("lora_135m_mfu: %.1f %%\n", 100.0 * flops / big->oursStep / (gflops * 1e9));
    }
    return 0;
}
