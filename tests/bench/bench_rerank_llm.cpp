// bench_rerank_llm: items/s of the pointwise LLM reranker (llmRerankScores) on a random model
// shaped like SmolLM2-135M (bench_model's shape) with the starter model's tokenizer and ChatML
// template, written to a temp folder in Hugging Face layout.
//
//   bench_rerank_llm [--items N] [--tokens N] [--batch N] [--runs N]
//
// Work: one query, N items (default 32) of ~--tokens tokens (default 100) each, batches of
// --batch (default 8); each item is one relevance prompt (~155 tokens with the template). The
// thread count is libtorch's (OMP_NUM_THREADS, else the core count). 32 items keep a run under
// two minutes on two idle cores: a batch of 8 prompts is ~270 GFLOP here, and the python side
// takes about twice as long as ours.
//
// Baseline in the same run: the same pointwise scoring in eager PyTorch from python
// (bench_rerank_llm_reference.py, bench_model_reference.py's modules, Debian's python3-torch, the
// same weights and thread count): the prompts' token ids are rendered here, sent to python, which
// runs them in padded batches of the same size with an attention mask and returns its scores, so
// the agreement of the two is measured too. Runs alternate; a first run of one batch warms each
// up and is not counted; figures are medians of --runs (default 1, to stay under two minutes on
// two cores).
// Also the embedding reranker's items/s on the same items (ours only).

#include "engine/models/causal_lm.h"
#include "engine/models/local_model.h"
#include "engine/models/torch_runtime.h"
#include "engine/rerank/local_rerankers.h"

#include "python_baseline.h"
#include "smollm2_shape.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

//! Deterministic English-looking items of at least `tokens` tokens each.
std::vector<std::string> makeItems(const engine::Tokenizer &tok, int count, int tokens)
{
    static const char *words[] = {"the",   "model",  "ranks", "items",   "by",     "relevance", "to",
                                  "a",     "query",  "C++",   "is",      "fast",   "language",  "books",
                                  "water", "plants", "learn", "reading", "notes",  "daily",     "cooking",
                                  "pasta", "data",   "and",   "with",    "python", "habits",    "good"};
    const size_t n = std::size(words);
    std::vector<std::string> items;
    uint64_t state = 12345;
    for (int i = 0; i < count; ++i) {
        std::string text;
        while (int(tok.encode(text).size()) < tokens) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            text += (text.empty() ? "" : " ") + std::string(words[(state >> 33) % n]);
        }
        items.push_back(text + ".");
    }
    return items;
}

//! The prompts as the reranker renders them (kRelevancePrompt in a user message, generation
//! prompt on), for the python side.
std::vector<std::vector<int>> prompts(const engine::LocalModel &model, const std::string &query,
                                      const std::vector<std::string> &items)
{
    std::vector<std::vector<int>> out;
    for (const std::string &item : items) {
        std::string m = engine::kRelevancePrompt;
        auto put = [&m](const std::string &key, const std::string &value) {
            m.replace(m.find(key), key.size(), value);
        };
        put("{instruction}", engine::kDefaultRelevanceInstruction);
        put("{document}", item);
        put("{query}", query);
        out.push_back(model.tokenizer()->encode(*model.chatTemplate().render({engine::ChatMessage{"user", m}}), true));
    }
    return out;
}

//! First tokens of yes/no spellings, shared ones dropped (the reranker's rule).
std::pair<std::vector<int>, std::vector<int>> answerIds(const engine::Tokenizer &tok)
{
    auto firsts = [&](std::initializer_list<const char *> words) {
        std::set<int> ids;
        for (const char *w : words)
            ids.insert(tok.encode(w).front());
        return ids;
    };
    const std::set<int> yes = firsts({"yes", " yes", "Yes", " Yes"}), no = firsts({"no", " no", "No", " No"});
    std::vector<int> y, n;
    std::set_difference(yes.begin(), yes.end(), no.begin(), no.end(), std::back_inserter(y));
    std::set_difference(no.begin(), no.end(), yes.begin(), yes.end(), std::back_inserter(n));
    return {y, n};
}

struct PythonRun
{
    double seconds = 0;
    std::vector<double> scores;
};

//! bench_rerank_llm_reference.py: the same pointwise scoring in eager PyTorch.
class RerankBaseline
{
public:
    bool start(const QString &folder, int threads)
    {
        return m_python.start(QStringLiteral("bench_rerank_llm_reference.py"), {folder, QString::number(threads)},
                              threads);
    }

    std::optional<PythonRun> score(const std::vector<std::vector<int>> &prompts, const std::vector<int> &yes,
                                   const std::vector<int> &no, int batch)
    {
        const auto a = m_python.ask({{"prompts", prompts}, {"yes", yes}, {"no", no}, {"batch", batch}});
        if (!a)
            return std::nullopt;
        return PythonRun{a->at("seconds").get<double>(), a->at("scores").get<std::vector<double>>()};
    }

private:
    PythonBaseline m_python;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int itemCount = 32, itemTokens = 100, batch = 8, runs = 1;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--items"))
            itemCount = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--tokens"))
            itemTokens = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--batch"))
            batch = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const QString folder = dir.filePath(QStringLiteral("smollm2-shape"));
    auto t0 = Clock::now();
    if (auto s = engine::writeRandomModel(folder, smolLm2Shape(), 42); !s) {
        std::fprintf(stderr, "%s\n", s.error().toString().c_str());
        return 1;
    }
    // The starter model's byte-level tokenizer and ChatML template: its ids are all below the
    // random model's vocabulary.
    for (const char *file : {"tokenizer.json", "tokenizer_config.json"}) {
        const QString from = QStringLiteral(WB_SOURCE_DIR "/resources/starter/model/") + QLatin1String(file);
        if (!QFile::copy(from, QDir(folder).filePath(QLatin1String(file)))) {
            std::fprintf(stderr, "cannot copy %s\n", qPrintable(from));
            return 1;
        }
    }
    std::printf("wrote a %.1f M parameter model in %.1f s\n", double(smolLm2Shape().parameterCount()) / 1e6,
                secondsSince(t0));
    auto loaded = engine::LocalModel::load(folder);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().toString().c_str());
        return 1;
    }
    const engine::LocalModel &model = *loaded.value();
    const int threads = engine::torchThreadCount();

    const std::string query = "What is C++?";
    const std::vector<std::string> items = makeItems(*model.tokenizer(), itemCount, itemTokens);
    const std::vector<std::vector<int>> ids = prompts(model, query, items);
    size_t promptTokens = 0;
    for (const auto &p : ids)
        promptTokens += p.size();
    const auto [yes, no] = answerIds(*model.tokenizer());
    std::printf("%d items, %.1f prompt tokens each on average, batch %d, %d threads\n", itemCount,
                double(promptTokens) / itemCount, batch, threads);
    std::fflush(stdout);

    RerankBaseline python;
    if (!python.start(folder, threads))
        return 1;

    engine::LlmRerankOptions options;
    options.batchSize = batch;
    std::vector<double> ours, theirs, ourScores, pythonScores;
    for (int r = 0; r <= runs; ++r) {
        // Run 0 warms up on one batch.
        const std::vector<std::string> work(items.begin(), r == 0 ? items.begin() + std::min(batch, itemCount) : items.end());
        const std::vector<std::vector<int>> workIds(ids.begin(), ids.begin() + long(work.size()));
        t0 = Clock::now();
        auto scores = engine::llmRerankScores(model, query, work, options, {});
        const double seconds = secondsSince(t0);
        if (!scores) {
            std::fprintf(stderr, "%s\n", scores.error().toString().c_str());
            return 1;
        }
        const auto py = python.score(workIds, yes, no, batch);
        if (!py)
            return 1;
        if (r == 0)
            continue;
        ours.push_back(seconds);
        theirs.push_back(py->seconds);
        ourScores = scores.value();
        pythonScores = py->scores;
        std::printf("run %d: ours %.2f items/s, python %.2f items/s\n", r, itemCount / seconds,
                    itemCount / py->seconds);
        std::fflush(stdout);
    }
    double maxDiff = 0;
    for (size_t i = 0; i < ourScores.size() && i < pythonScores.size(); ++i)
        maxDiff = std::max(maxDiff, std::abs(ourScores[i] - pythonScores[i]));
    if (ourScores.size() != pythonScores.size())
        maxDiff = HUGE_VAL;

    // The embedding reranker on the same items (mean pooling).
    engine::EmbeddingRerankOptions embedding;
    embedding.batchSize = batch;
    std::vector<double> embeddingRuns;
    for (int r = 0; r <= runs; ++r) {
        const std::vector<std::string> work(items.begin(), r == 0 ? items.begin() + std::min(batch, itemCount) : items.end());
        t0 = Clock::now();
        const auto scores = engine::embeddingRerankScores(model, query, work, embedding, {});
        if (!scores) {
            std::fprintf(stderr, "%s\n", scores.error().toString().c_str());
            return 1;
        }
        if (r > 0)
            embeddingRuns.push_back(secondsSince(t0));
    }

    const double ourRate = itemCount / median(ours), pyRate = itemCount / median(theirs);
    std::printf("threads: %d\n", threads);
    std::printf("items: %d items\n", itemCount);
    std::printf("prompt_tokens_per_item: %.1f tokens\n", double(promptTokens) / itemCount);
    std::printf("batch_size: %d items\n", batch);
    std::printf("llm_rerank_items_per_s: %.2f items/s\n", ourRate);
    std::printf("llm_rerank_python_items_per_s: %.2f items/s\n", pyRate);
    std::printf("llm_rerank_vs_python: %.2f x\n", ourRate / pyRate);
    std::printf("llm_rerank_max_abs_diff_vs_python: %.2e score\n", maxDiff);
    std::printf("embedding_rerank_items_per_s: %.2f items/s\n", itemCount / median(embeddingRuns));
    return 0;
}
