// bench_scoring: the basic scoring functions over a million rows.
//
//   bench_scoring              1,000,000 rows (math: 200,000)
//   bench_scoring --rows N     N rows (math: N / 5)
//
// For basic::equality, basic::subset_of, basic::regex_parser_multiple_choice_answer and
// basic::regex_parser_math_response: prepare() + score() of every row + aggregate(accuracy), on
// one thread and on the pool the ScoringService uses (QThread::idealThreadCount() workers, rows
// split in contiguous chunks). Rows are generated (about 40% correct; multiple-choice answers in
// several languages, a tenth without any answer so every default regex is tried), held in memory
// as the service holds them.
// Baseline in the same run: bench_scoring_reference.py (upstream's equality and multiple-choice
// score_row and accuracy in plain Python, /usr/bin/python3, stdlib only) over the same rows,
// written to a temporary JSONL file; both sides' accuracies must agree.

#include "engine/scoring/aggregation.h"
#include "engine/scoring/basic_functions.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 3;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

api::JsonObject row(std::string expected, std::string generated)
{
    api::JsonObject r;
    r.value["expected_answer"] = std::move(expected);
    r.value["generated_answer"] = std::move(generated);
    return r;
}

std::vector<api::JsonObject> equalityRows(int64_t n, std::mt19937 &rng)
{
    static const char *const answers[] = {"Paris", "Mark Zuckerberg", "Jupiter", "Vatican City", "Yen",
                                          "The mitochondria", "1969", "Pacific Ocean", "Shakespeare", "H2O"};
    std::uniform_int_distribution<int> pick(0, 9);
    std::bernoulli_distribution correct(0.4);
    std::vector<api::JsonObject> rows;
    rows.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        const int e = pick(rng);
        const int g = correct(rng) ? e : (e + 1 + pick(rng) % 9) % 10;
        rows.push_back(row(answers[e], std::string("It is ") + answers[g] + (i % 3 ? "" : ".")));
        if (g == e && i % 2) // half of the right answers exactly equal, for equality
            rows.back().value["generated_answer"] = answers[e];
    }
    return rows;
}

std::vector<api::JsonObject> multipleChoiceRows(int64_t n, std::mt19937 &rng)
{
    static const char *const letters[] = {"A", "B", "C", "D"};
    static const char *const forms[] = {"Let me think step by step. The best answer is %s.",
                                        "Reasoning first.\nAnswer: %s",
                                        "答案：%s",
                                        "Réponse : %s",
                                        "The best answer is %s"};
    std::uniform_int_distribution<int> letter(0, 3);
    std::uniform_int_distribution<int> form(0, 4);
    std::bernoulli_distribution correct(0.44);
    std::bernoulli_distribution unanswered(0.1);
    std::vector<api::JsonObject> rows;
    rows.reserve(size_t(n));
    char buf[256];
    for (int64_t i = 0; i < n; ++i) {
        const int e = letter(rng);
        const int g = correct(rng) ? e : (e + 1 + letter(rng) % 3) % 4;
        if (unanswered(rng))
            std::snprintf(buf, sizeof buf, "I am not sure which one of these is right; maybe %s?",
                          letters[g]);
        else
            std::snprintf(buf, sizeof buf, forms[form(rng)], letters[g]);
        rows.push_back(row(letters[e], buf));
    }
    return rows;
}

std::vector<api::JsonObject> mathRows(int64_t n, std::mt19937 &rng)
{
    std::uniform_int_distribution<int> num(1, 99);
    std::uniform_int_distribution<int> kind(0, 3);
    std::bernoulli_distribution correct(0.4);
    std::vector<api::JsonObject> rows;
    rows.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        const int a = num(rng);
        const int b = num(rng);
        std::string expected;
        std::string answer;
        switch (kind(rng)) {
        case 0: expected = std::to_string(a); answer = std::to_string(a); break;
        case 1: expected = "\\frac{" + std::to_string(a) + "}{" + std::to_string(b) + "}";
                answer = "\\dfrac{" + std::to_string(a) + "}{" + std::to_string(b) + "}"; break;
        case 2: expected = std::to_string(a) + "\\sqrt{" + std::to_string(b) + "}";
                answer = std::to_string(a) + " \\sqrt{" + std::to_string(b) + "}"; break;
        default: expected = std::to_string(a * 1000 + b) + "\\%";
                 answer = std::to_string(a * 1000 + b) + "\\%"; break;
        }
        if (!correct(rng))
            answer += "+1";
        rows.push_back(
            row(expected, "We compute step by step.\nThe final answer is $\\boxed{" + answer + "}$"));
    }
    return rows;
}

struct Run
{
    double seconds = 0;
    api::Json aggregated;
};

// prepare + score every row (on `threads` threads, contiguous chunks) + aggregate.
Run scoreAll(const engine::ScoringFunctionImpl &fn, const std::vector<api::JsonObject> &rows, int threads)
{
    const auto t0 = Clock::now();
    const api::ScoringFn def = fn.definition();
    auto scorer = fn.prepare(*def.params, "bench");
    if (!scorer) {
        std::fprintf(stderr, "prepare failed: %s\n", scorer.error().toString().c_str());
        std::exit(1);
    }
    std::vector<api::JsonObject> scores(rows.size());
    const api::CancelToken cancel;
    auto work = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            auto s = (*scorer)->score(rows[i], cancel);
            if (!s) {
                std::fprintf(stderr, "row %zu: %s\n", i, s.error().toString().c_str());
                std::exit(1);
            }
            scores[i] = std::move(s).value();
        }
    };
    if (threads <= 1) {
        work(0, rows.size());
    } else {
        std::vector<std::thread> pool;
        const size_t chunk = (rows.size() + size_t(threads) - 1) / size_t(threads);
        for (int t = 0; t < threads; ++t) {
            const size_t begin = std::min(rows.size(), size_t(t) * chunk);
            pool.emplace_back(work, begin, std::min(rows.size(), begin + chunk));
        }
        for (auto &t : pool)
            t.join();
    }
    auto agg = engine::aggregate(scores, api::aggregationFunctions(*def.params));
    if (!agg) {
        std::fprintf(stderr, "aggregate failed: %s\n", agg.error().toString().c_str());
        std::exit(1);
    }
    return {secondsSince(t0), agg->value};
}

std::shared_ptr<const engine::ScoringFunctionImpl> function(const std::string &id)
{
    for (const auto &f : engine::basicScoringFunctions())
        if (f->definition().identifier == id)
            return f;
    std::fprintf(stderr, "no scoring function %s\n", id.c_str());
    std::exit(1);
}

bool writeJsonl(const QString &path, const std::vector<api::JsonObject> &rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::string buf;
    for (const auto &r : rows) {
        buf += r.value.dump();
        buf += '\n';
        if (buf.size() > (1 << 20)) {
            f.write(buf.data(), qint64(buf.size()));
            buf.clear();
        }
    }
    f.write(buf.data(), qint64(buf.size()));
    return f.error() == QFile::NoError;
}

double accuracyOf(const api::Json &aggregated) { return aggregated["accuracy"]["accuracy"].get<double>(); }

struct Measured
{
    double single = 0;
    double pool = 0;
    api::Json aggregated;
};

Measured measure(const char *name, const std::string &id, const std::vector<api::JsonObject> &rows,
                 int threads)
{
    // Three runs each way, the median kept: the first run also pays for first-touch allocation, and
    // other processes share the machine.
    const auto fn = function(id);
    std::vector<double> single, pool;
    api::Json aggregated;
    for (int r = 0; r < kRuns; ++r) {
        const Run one = scoreAll(*fn, rows, 1);
        const Run many = scoreAll(*fn, rows, threads);
        if (one.aggregated != many.aggregated) {
            std::fprintf(stderr, "%s: single-thread and pool results differ\n", name);
            std::exit(1);
        }
        single.push_back(one.seconds);
        pool.push_back(many.seconds);
        aggregated = one.aggregated;
    }
    std::sort(single.begin(), single.end());
    std::sort(pool.begin(), pool.end());
    const double s = single[single.size() / 2];
    const double p = pool[pool.size() / 2];
    std::printf("%s: accuracy %.4f over %zu rows, %.2f s single, %.2f s on %d threads (median of %d)\n", name,
                accuracyOf(aggregated), rows.size(), s, p, threads, kRuns);
    std::fflush(stdout);
    return {double(rows.size()) / s, double(rows.size()) / p, aggregated};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int64_t rows = 1000000;
    const QStringList args = app.arguments();
    const int rowsArg = int(args.indexOf(QStringLiteral("--rows")));
    if (rowsArg > 0 && rowsArg + 1 < args.size())
        rows = args[rowsArg + 1].toLongLong();
    const int64_t mathRowCount = rows / 5;
    const int threads = std::max(1, QThread::idealThreadCount());

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 1;
    }
    std::mt19937 rng(20250611);
    const QString equalityPath = dir.filePath(QStringLiteral("equality.jsonl"));
    const QString mcPath = dir.filePath(QStringLiteral("mc.jsonl"));

    Measured equality, subset, mc, math;
    {
        const auto data = equalityRows(rows, rng);
        if (!writeJsonl(equalityPath, data))
            return 1;
        equality = measure("equality", "basic::equality", data, threads);
        subset = measure("subset_of", "basic::subset_of", data, threads);
    }
    {
        const auto data = multipleChoiceRows(rows, rng);
        if (!writeJsonl(mcPath, data))
            return 1;
        mc = measure("mc_regex", "basic::regex_parser_multiple_choice_answer", data, threads);
    }
    {
        const auto data = mathRows(mathRowCount, rng);
        math = measure("math", "basic::regex_parser_math_response", data, threads);
    }

    std::printf("running the python baseline...\n");
    std::fflush(stdout);
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    python.start(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral(WB_SOURCE_DIR "/tests/bench/bench_scoring_reference.py"), equalityPath, mcPath});
    if (!python.waitForFinished(-1) || python.exitCode() != 0) {
        std::fprintf(stderr, "the python baseline failed\n");
        return 1;
    }
    const api::Json py = api::Json::parse(python.readAllStandardOutput().toStdString(), nullptr, false);
    if (!py.is_object()) {
        std::fprintf(stderr, "unreadable python answer\n");
        return 1;
    }
    const double pyEquality = double(rows) / py["equality_seconds"].get<double>();
    const double pyMc = double(rows) / py["mc_seconds"].get<double>();
    const bool sameEquality = std::fabs(accuracyOf(py["equality"]) - accuracyOf(equality.aggregated)) < 1e-12;
    const bool sameMc = std::fabs(accuracyOf(py["mc"]) - accuracyOf(mc.aggregated)) < 1e-12;
    std::printf("python accuracies: equality %.4f (%s), mc_regex %.4f (%s)\n", accuracyOf(py["equality"]),
                sameEquality ? "same" : "DIFFERENT", accuracyOf(py["mc"]), sameMc ? "same" : "DIFFERENT");

    std::printf("rows: %lld rows\n", static_cast<long long>(rows));
    std::printf("math_rows: %lld rows\n", static_cast<long long>(mathRowCount));
    std::printf("threads: %d threads\n", threads);
    std::printf("equality_rows_per_s: %.3g rows/s\n", equality.single);
    std::printf("equality_pool_rows_per_s: %.3g rows/s\n", equality.pool);
    std::printf("subset_of_rows_per_s: %.3g rows/s\n", subset.single);
    std::printf("subset_of_pool_rows_per_s: %.3g rows/s\n", subset.pool);
    std::printf("mc_regex_rows_per_s: %.3g rows/s\n", mc.single);
    std::printf("mc_regex_pool_rows_per_s: %.3g rows/s\n", mc.pool);
    std::printf("math_rows_per_s: %.3g rows/s\n", math.single);
    std::printf("math_pool_rows_per_s: %.3g rows/s\n", math.pool);
    std::printf("python_equality_rows_per_s: %.3g rows/s\n", pyEquality);
    std::printf("python_mc_regex_rows_per_s: %.3g rows/s\n", pyMc);
    std::printf("equality_vs_python: %.1f x\n", equality.single / pyEquality);
    std::printf("mc_regex_vs_python: %.1f x\n", mc.single / pyMc);
    return sameEquality && sameMc ? 0 : 1;
}
