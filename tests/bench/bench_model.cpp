// bench_model: prefill and decode speed of the libtorch runtime on a random model shaped like
// SmolLM2-135M (30 layers, hidden 576, 9 heads with 3 KV heads, MLP 1536, vocabulary 49,152, tied
// embeddings, rope_theta 100,000), written to a temp folder in Hugging Face layout.
//
//   bench_model [--prompt N] [--new N] [--prefill-runs N] [--decode-runs N] [--folder DIR]
//
// --folder keeps the model in DIR (written when DIR has no config.json yet) instead of a temp folder.
//
// Prefill: tokens/s of a 128-token prompt into a fresh KV cache (median of 5 runs, the cache's
// allocation included). Decode: tokens/s of 64 greedy steps, batch 1, after the prompt (median of
// 3 runs). Baseline in the same run: an eager PyTorch implementation with a KV cache in python
// (bench_model_reference.py, Debian's python3-torch, the same weights and thread count), its runs
// alternating with ours. The thread count is libtorch's (OMP_NUM_THREADS, else the core count).
// Target (issue 4): decode >= 1.5x python, prefill >= 1.0x.

#include "engine/models/causal_lm.h"
#include "engine/models/torch_runtime.h"

#include "python_baseline.h"
#include "smollm2_shape.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

int argmax(const float *v, int n)
{
    return int(std::max_element(v, v + n) - v);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

//! Our runtime: seconds of one prefill into a fresh cache (its allocation included).
std::optional<double> ourPrefill(const engine::CausalLm &model, const std::vector<int> &prompt, int maxLength)
{
    const auto t0 = Clock::now();
    auto state = model.newState(1, maxLength);
    auto logits = state ? model.forward(*state.value(), {prompt}) : api::Result<std::vector<float>>(state.error());
    if (!logits) {
        std::fprintf(stderr, "prefill failed: %s\n", logits.error().toString().c_str());
        return std::nullopt;
    }
    return secondsSince(t0);
}

struct Decode
{
    double seconds = 0;
    std::vector<int> tokens;
};

//! Our runtime: seconds of `steps` greedy single-token steps after an untimed prefill.
std::optional<Decode> ourDecode(const engine::CausalLm &model, const std::vector<int> &prompt, int steps)
{
    const int vocab = model.config().vocabSize;
    auto state = model.newState(1, int(prompt.size()) + steps + 1);
    auto logits = state ? model.forward(*state.value(), {prompt}) : api::Result<std::vector<float>>(state.error());
    Decode d;
    int token = logits ? argmax(logits->data(), vocab) : 0;
    const auto t0 = Clock::now();
    for (int i = 0; logits && i < steps; ++i) {
        d.tokens.push_back(token);
        logits = model.forward(*state.value(), {{token}});
        if (logits)
            token = argmax(logits->data(), vocab);
    }
    if (!logits) {
        std::fprintf(stderr, "decode failed: %s\n", logits.error().toString().c_str());
        return std::nullopt;
    }
    d.seconds = secondsSince(t0);
    return d;
}

//! bench_model_reference.py: prefill and greedy decode in eager PyTorch.
class ModelBaseline
{
public:
    bool start(const QString &folder, int threads)
    {
        return m_python.start(QStringLiteral("bench_model_reference.py"), {folder, QString::number(threads)},
                              threads);
    }

    std::optional<double> prefill(const std::vector<int> &prompt)
    {
        const auto a = m_python.ask({{"prefill", prompt}});
        return a ? std::optional<double>(a->at("seconds").get<double>()) : std::nullopt;
    }

    std::optional<Decode> decode(const std::vector<int> &prompt, int steps)
    {
        const auto a = m_python.ask({{"decode", prompt}, {"steps", steps}});
        if (!a)
            return std::nullopt;
        return Decode{a->at("seconds").get<double>(), a->at("tokens").get<std::vector<int>>()};
    }

private:
    PythonBaseline m_python;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int promptTokens = 128, newTokens = 64, prefillRuns = 5, decodeRuns = 3;
    QString folder;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--prompt"))
            promptTokens = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--new"))
            newTokens = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--prefill-runs"))
            prefillRuns = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--decode-runs"))
            decodeRuns = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--folder"))
            folder = args[i + 1];
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const engine::ModelConfig config = smolLm2Shape();
    auto t0 = Clock::now();
    if (folder.isEmpty() || !QFileInfo::exists(QDir(folder).filePath(QStringLiteral("config.json")))) {
        if (folder.isEmpty())
            folder = dir.filePath(QStringLiteral("smollm2-shape"));
        if (auto s = engine::writeRandomModel(folder, config, 42); !s) {
            std::fprintf(stderr, "%s\n", s.error().toString().c_str());
            return 1;
        }
        std::printf("wrote a %.1f M parameter model in %.1f s\n", double(config.parameterCount()) / 1e6,
                    secondsSince(t0));
    }
    t0 = Clock::now();
    auto model = engine::CausalLm::load(folder);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().toString().c_str());
        return 1;
    }
    std::printf("loaded in %.1f s (%.0f MB of weights)\n", secondsSince(t0), double(model.value()->weightBytes()) / 1e6);
    const int threads = engine::torchThreadCount();
    std::fflush(stdout);

    std::vector<int> prompt;
    for (int i = 0; i < promptTokens; ++i)
        prompt.push_back(int((uint64_t(i) * 2654435761u + 17) % uint64_t(config.vocabSize)));

    ModelBaseline python;
    if (!python.start(folder, threads))
        return 1;

    // Ours and python's runs alternate, so load from other processes on the machine hits both
    // alike; the first run of each warms up (page faults, BLAS buffers) and is not counted.
    std::vector<double> ourPrefills, pythonPrefills, ourDecodes, pythonDecodes;
    std::vector<int> ourTokens, pythonTokens;
    for (int r = 0; r <= prefillRuns; ++r) {
        const auto ours = ourPrefill(*model.value(), prompt, promptTokens + newTokens + 1);
        const auto theirs = python.prefill(prompt);
        if (!ours || !theirs)
            return 1;
        if (r > 0) {
            ourPrefills.push_back(*ours);
            pythonPrefills.push_back(*theirs);
        }
    }
    for (int r = 0; r < decodeRuns; ++r) {
        const auto ours = ourDecode(*model.value(), prompt, newTokens);
        const auto theirs = python.decode(prompt, newTokens);
        if (!ours || !theirs)
            return 1;
        ourDecodes.push_back(ours->seconds);
        pythonDecodes.push_back(theirs->seconds);
        ourTokens = ours->tokens;
        pythonTokens = theirs->tokens;
        std::printf("decode run %d: ours %.1f tok/s, python %.1f tok/s\n", r + 1, newTokens / ours->seconds,
                    newTokens / theirs->seconds);
        std::fflush(stdout);
    }
    size_t same = 0;
    while (same < ourTokens.size() && same < pythonTokens.size() && ourTokens[same] == pythonTokens[same])
        ++same;
    std::printf("greedy tokens identical to python's: %zu of %zu\n", same, ourTokens.size());

    const double prefill = promptTokens / median(ourPrefills), pyPrefill = promptTokens / median(pythonPrefills);
    const double decode = newTokens / median(ourDecodes), pyDecode = newTokens / median(pythonDecodes);
    std::printf("threads: %d\n", threads);
    std::printf("prompt_tokens: %d tokens\n", promptTokens);
    std::printf("new_tokens: %d tokens\n", newTokens);
    std::printf("prefill_tokens_per_s: %.1f tok/s\n", prefill);
    std::printf("decode_tokens_per_s: %.1f tok/s\n", decode);
    std::printf("python_prefill_tokens_per_s: %.1f tok/s\n", pyPrefill);
    std::printf("python_decode_tokens_per_s: %.1f tok/s\n", pyDecode);
    std::printf("prefill_vs_python: %.2f x\n", prefill / pyPrefill);
    std::printf("decode_vs_python: %.2f x\n", decode / pyDecode);
    return 0;
}
