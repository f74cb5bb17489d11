// bench_rerank_bm25: latency of the `bm25` rerank model for 1,000 items of ~200 words.
//
//   bench_rerank_bm25              1,000 items, 30 timed runs after 3 warm-up runs
//   bench_rerank_bm25 --items N    N items
//
// The data: a vocabulary of 3,000 pseudo-English words (syllables from a seeded RNG; short words
// frequent, long ones rare, as in English text), items of 180-220 words drawn by a Zipf law over
// it, in sentences with capitals, commas and full stops; a query of 8 mid-frequency words. Each
// run is one whole rerank request through the Engine API (request checks, model lookup,
// tokenise + stem + score + sort on the engine's threads): `bm25` (english stemming) and a
// registered bm25 reranker without stemming.
// bm25_direct_*: bm25Scores() called directly, for what the engine adds around it.
// Baseline in the same run: bench_rerank_bm25_reference.py, a straightforward pure-Python BM25
// (/usr/bin/python3, stdlib only) with the same formula and parameters, lowercase re `\w+` split
// and no stemming (the standard library has no Snowball stemmer), over the same items. On this
// ASCII text both splitters give the same terms, so the unstemmed engine model and Python must
// rank the top 10 the same and agree on every score.

#include "api/async.h"
#include "engine/engine.h"
#include "engine/rerank/bm25.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWarmUp = 3;
constexpr int kRuns = 30;
constexpr int kVocabulary = 3000;
constexpr int kTop = 10;

//! Pseudo-English words: syllables of consonant clusters and vowels, length growing with the
//! rank (rank 0 the most frequent), unique.
std::vector<std::string> vocabulary(std::mt19937 &rng)
{
    static const char *const onsets[] = {"b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s",
                                         "t", "v", "w", "th", "st", "pr", "tr", "ch", "sh", "br", "gr"};
    static const char *const vowels[] = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "y"};
    static const char *const codas[] = {"", "", "", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck"};
    std::uniform_int_distribution<size_t> onset(0, std::size(onsets) - 1), vowel(0, std::size(vowels) - 1),
        coda(0, std::size(codas) - 1);
    std::uniform_int_distribution<int> noise(-1, 1);
    std::set<std::string> seen;
    std::vector<std::string> out;
    while (int(out.size()) < kVocabulary) {
        const int rank = int(out.size());
        // English: "the", "of", "a" are short and frequent; rare words run to 10+ letters.
        const int target = std::clamp(2 + int(std::lround(0.8 * std::log2(rank + 1.0))) + noise(rng), 1, 14);
        std::string w;
        while (int(w.size()) < target) {
            if (!(w.empty() && target <= 2 && rng() % 2))
                w += onsets[onset(rng)];
            w += vowels[vowel(rng)];
            if (int(w.size()) < target)
                w += codas[coda(rng)];
        }
        if (int(w.size()) > target + 2)
            w.resize(size_t(target + 1));
        if (seen.insert(w).second)
            out.push_back(w);
    }
    return out;
}

struct Data
{
    std::vector<std::string> items;
    std::string query;
    double meanWords = 0;
};

Data generate(int count, const std::vector<std::string> &vocab, std::mt19937 &rng)
{
    std::vector<double> zipf(vocab.size());
    for (size_t r = 0; r < vocab.size(); ++r)
        zipf[r] = 1.0 / double(r + 1);
    std::discrete_distribution<size_t> word(zipf.begin(), zipf.end());
    std::uniform_int_distribution<int> words(180, 220), sentence(8, 20), comma(0, 9);
    Data d;
    size_t total = 0;
    for (int i = 0; i < count; ++i) {
        const int n = words(rng);
        std::string text;
        int left = 0;
        for (int k = 0; k < n; ++k) {
            std::string w = vocab[word(rng)];
            if (left == 0) { // a new sentence
                if (!text.empty())
                    text += ". ";
                w[0] = char(w[0] - 'a' + 'A');
                left = sentence(rng);
            } else {
                text += comma(rng) == 0 ? ", " : " ";
            }
            text += w;
            --left;
        }
        text += '.';
        total += size_t(n);
        d.items.push_back(std::move(text));
    }
    d.meanWords = double(total) / count;
    // 8 words of middling frequency: in some items, not in all.
    std::uniform_int_distribution<size_t> mid(30, 1500);
    for (int k = 0; k < 8; ++k)
        d.query += (k ? " " : "") + vocab[mid(rng)];
    d.query += '?';
    return d;
}

struct Timing
{
    double median = 0, p95 = 0;
    api::RerankResponse last;
    bool ok = true;
};

void summarise(std::vector<double> ms, Timing &t)
{
    std::sort(ms.begin(), ms.end());
    t.median = ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
    t.p95 = ms[size_t(std::ceil(0.95 * double(ms.size()))) - 1];
}

//! bm25Scores() called directly (no request, no engine threads, no sort): what the engine adds.
Timing measureDirect(const Data &data)
{
    Timing t;
    std::vector<double> ms;
    for (int run = 0; run < kWarmUp + kRuns; ++run) {
        const auto t0 = Clock::now();
        const std::vector<double> scores = engine::bm25Scores(data.query, data.items, engine::Bm25Params{});
        const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (run >= kWarmUp)
            ms.push_back(elapsed);
        t.ok = t.ok && scores.size() == data.items.size();
    }
    summarise(std::move(ms), t);
    return t;
}

Timing measure(engine::Engine &engine, const std::string &model, const Data &data)
{
    api::RerankRequest request;
    request.model = model;
    request.query = data.query;
    request.items.assign(data.items.begin(), data.items.end());
    Timing t;
    std::vector<double> ms;
    for (int run = 0; run < kWarmUp + kRuns; ++run) {
        const auto t0 = Clock::now();
        auto r = api::await(engine.rerank(request, {}));
        const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!r) {
            std::fprintf(stderr, "rerank failed: %s\n", r.error().toString().c_str());
            t.ok = false;
            return t;
        }
        if (run >= kWarmUp)
            ms.push_back(elapsed);
        t.last = std::move(r).value();
    }
    summarise(std::move(ms), t);
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 1000;
    const QStringList args = app.arguments();
    if (const int at = int(args.indexOf(QStringLiteral("--items"))); at > 0 && at + 1 < args.size())
        count = std::max(1, args[at + 1].toInt());

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 1;
    }
    // No model folders to scan but the bench's own: the lookup of bm25 is measured, not a disk scan.
    qputenv("HF_HOME", dir.filePath(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");

    std::mt19937 rng(20251128);
    const std::vector<std::string> vocab = vocabulary(rng);
    const Data data = generate(count, vocab, rng);
    std::printf("items: %d, words per item: %.1f, vocabulary: %zu, query: \"%s\"\n", count, data.meanWords,
                vocab.size(), data.query.c_str());

    engine::EngineConfig config;
    config.dataDir = dir.filePath(QStringLiteral("data"));
    config.threads = 2;
    engine::Engine engine(config);
    if (auto opened = engine.open(); !opened) {
        std::fprintf(stderr, "engine: %s\n", opened.error().toString().c_str());
        return 1;
    }
    api::RegisterModelRequest plain;
    plain.model_id = "bm25-nostem";
    plain.provider_id = "local";
    plain.model_type = api::ModelType::Rerank;
    plain.metadata.value = {{"reranker", "bm25"}, {"language", "none"}};
    if (auto r = api::await(engine.registerModel(plain)); !r) {
        std::fprintf(stderr, "register: %s\n", r.error().toString().c_str());
        return 1;
    }

    const Timing stemmed = measure(engine, "bm25", data);
    const Timing unstemmed = measure(engine, "bm25-nostem", data);
    const Timing direct = measureDirect(data);
    if (!stemmed.ok || !unstemmed.ok || !direct.ok)
        return 1;

    // The same items for Python, as JSON.
    const QString itemsPath = dir.filePath(QStringLiteral("items.json"));
    {
        QFile f(itemsPath);
        const std::string body = api::Json{{"query", data.query}, {"items", data.items}}.dump();
        if (!f.open(QIODevice::WriteOnly) || f.write(body.data(), qint64(body.size())) != qint64(body.size())) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(itemsPath));
            return 1;
        }
    }
    std::printf("running the python baseline...\n");
    std::fflush(stdout);
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(WB_SOURCE_DIR "/tests/bench/bench_rerank_bm25_reference.py"), itemsPath,
                  QString::number(kWarmUp), QString::number(kRuns)});
    if (!python.waitForFinished(-1) || python.exitCode() != 0) {
        std::fprintf(stderr, "the python baseline failed\n");
        return 1;
    }
    const api::Json py = api::Json::parse(python.readAllStandardOutput().toStdString(), nullptr, false);
    if (!py.is_object() || !py.contains("median_ms") || !py.contains("ranking")) {
        std::fprintf(stderr, "unreadable python answer\n");
        return 1;
    }

    // Agreement without stemming: the same top 10, and every score the same.
    std::vector<int64_t> ours, theirs;
    for (int k = 0; k < kTop && k < int(unstemmed.last.data.size()); ++k)
        ours.push_back(unstemmed.last.data[size_t(k)].index);
    for (int k = 0; k < kTop && k < int(py["ranking"].size()); ++k)
        theirs.push_back(py["ranking"][size_t(k)][0].get<int64_t>());
    double maxDiff = 0;
    std::vector<double> pyScore(data.items.size(), NAN);
    for (const api::Json &pair : py["ranking"])
        pyScore[pair[0].get<size_t>()] = pair[1].get<double>();
    for (const api::RerankData &d : unstemmed.last.data)
        maxDiff = std::max(maxDiff, std::fabs(d.relevance_score - pyScore[size_t(d.index)]));
    const bool sameTop = ours == theirs && int(ours.size()) == std::min(kTop, count);
    std::string top;
    for (int64_t i : ours)
        top += (top.empty() ? "" : ",") + std::to_string(i);
    std::printf("top %d without stemming: engine %s, python %s (%s); largest score difference %.3g\n", kTop,
                top.c_str(), sameTop ? "the same" : "DIFFERENT", sameTop ? "agree" : "disagree", maxDiff);
    int matched = 0;
    for (const api::RerankData &d : stemmed.last.data)
        matched += d.relevance_score > 0 ? 1 : 0;
    std::printf("items with a query term: %d with english stemming\n", matched);

    const double pyMedian = py["median_ms"].get<double>();
    std::printf("bm25_1000x200_median: %.2f ms\n", stemmed.median);
    std::printf("bm25_1000x200_p95: %.2f ms\n", stemmed.p95);
    std::printf("bm25_direct_1000x200_median: %.2f ms\n", direct.median);
    std::printf("bm25_nostem_1000x200_median: %.2f ms\n", unstemmed.median);
    std::printf("bm25_nostem_1000x200_p95: %.2f ms\n", unstemmed.p95);
    std::printf("bm25_python_median: %.2f ms\n", pyMedian);
    std::printf("bm25_python_p95: %.2f ms\n", py["p95_ms"].get<double>());
    std::printf("bm25_vs_python: %.1f x\n", pyMedian / stemmed.median);
    std::printf("bm25_nostem_vs_python: %.1f x\n", pyMedian / unstemmed.median);
    std::printf("bm25_top10_agrees_with_python: %d bool\n", sameTop && maxDiff < 1e-9 ? 1 : 0);
    return sameTop && maxDiff < 1e-9 ? 0 : 1;
}
