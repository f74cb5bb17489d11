// bench_iterrows: paging through a large CSV dataset.
//
//   bench_iterrows                 generate a 1,000,000-row (~200 MB) CSV in a temp dir and measure
//   bench_iterrows --rows N        same with N rows
//   bench_iterrows FILE.csv        measure an existing file
//
// Figures: the row index build speed (first rowCount()), the latency of a 100-row page at random
// offsets (median, p99), the peak memory growth while doing all that, and the upstream baseline in
// the same run: pandas re-reading the whole file for every page request.
// Pages are measured twice: on the file row source alone, and through the whole API path
// (Engine::iterrows: store lookup, source cache, appended-row count, worker thread, future), which
// is the figure the issue's target applies to.

#include "api/async.h"
#include "engine/datasets/file_formats.h"
#include "engine/engine.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <vector>

using namespace wb;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int64_t kPageSize = 100;
constexpr int kPageSamples = 300;
constexpr int kPandasSamples = 3;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

//! A field of /proc/self/status in MB ("VmHWM", "VmRSS"); 0 where there is no /proc.
double procStatusMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

//! Rows shaped like an eval dataset: a JSON chat column full of quotes and commas, and every
//! tenth answer spanning two lines, so the quote-aware scan is exercised for real.
bool generateCsv(const QString &path, int64_t rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::mt19937_64 rng(42);
    const char *topics[] = {"capital cities", "prime numbers", "river lengths", "chemical elements",
                            "famous paintings", "planetary orbits", "programming languages"};
    std::string buffer;
    buffer.reserve(8 << 20);
    buffer += "id,question,answer,chat_completion_input\n";
    for (int64_t i = 0; i < rows; ++i) {
        const std::string id = std::to_string(i);
        const std::string topic = topics[rng() % 7];
        const std::string question = "Question " + id + " on " + topic + "?";
        std::string answer = "Item " + std::to_string(rng() % 100000);
        if (i % 10 == 0)
            answer += ",\nas the pattern continues";
        const std::string chat = "[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"" + question
            + "\"\"}, {\"\"role\"\": \"\"system\"\", \"\"content\"\": \"\"Be brief.\"\"}]";
        buffer += id + ",\"" + question + "\",\"" + answer + "\",\"" + chat + "\"\n";
        if (buffer.size() > (7 << 20)) { // stream out: generating must not raise the peak RSS
            f.write(buffer.data(), qint64(buffer.size()));
            buffer.clear();
        }
    }
    f.write(buffer.data(), qint64(buffer.size()));
    return f.error() == QFile::NoError;
}

//! Index build speed in MB/s: the first rowCount() scans the whole file.
std::optional<double> measureIndexBuild(engine::RowSource &source, uint64_t fileBytes, int64_t &rowCount)
{
    const auto t0 = Clock::now();
    const auto count = source.rowCount();
    const double seconds = secondsSince(t0);
    if (!count) {
        std::fprintf(stderr, "rowCount failed: %s\n", count.error().toString().c_str());
        return std::nullopt;
    }
    rowCount = count.value();
    return double(fileBytes) / 1e6 / seconds;
}

struct Latency
{
    double medianMs = 0;
    double p99Ms = 0;
};

//! Latency of `readPage(start)` for one page of `kPageSize` rows at uniformly random offsets;
//! readPage returns the number of rows it got, or -1 after printing an error.
template<typename ReadPage>
std::optional<Latency> measurePages(int64_t rowCount, ReadPage readPage)
{
    std::mt19937_64 rng(7);
    std::vector<double> ms;
    ms.reserve(kPageSamples);
    for (int i = 0; i < kPageSamples; ++i) {
        const int64_t start = int64_t(rng() % uint64_t(std::max<int64_t>(1, rowCount - kPageSize)));
        const auto t0 = Clock::now();
        const int64_t got = readPage(start);
        ms.push_back(secondsSince(t0) * 1000.0);
        if (got != std::min(kPageSize, rowCount - start)) {
            std::fprintf(stderr, "page at %lld: got %lld rows\n", (long long)start, (long long)got);
            return std::nullopt;
        }
    }
    std::sort(ms.begin(), ms.end());
    return Latency{ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))]};
}

template<typename T>
int64_t rowsOrError(const api::Result<T> &page, size_t (*size)(const T &))
{
    if (page)
        return int64_t(size(page.value()));
    std::fprintf(stderr, "%s\n", page.error().toString().c_str());
    return -1;
}

//! The API path: a real engine on a temporary data folder, the file registered as a dataset.
std::optional<Latency> measureEnginePages(const QString &path, const QString &dataDir, int64_t rowCount)
{
    engine::Engine engine(engine::EngineConfig{dataDir, false, 2, size_t(64) << 20});
    if (auto opened = engine.open(); !opened) {
        std::fprintf(stderr, "%s\n", opened.error().toString().c_str());
        return std::nullopt;
    }
    api::RegisterDatasetRequest request;
    request.dataset_id = "bench";
    request.source = api::UriDataSource{path.toStdString()};
    if (auto registered = api::await(engine.registerDataset(request)); !registered)
        return std::nullopt;
    if (auto stats = api::await(engine.datasetStats("bench")); !stats || stats->row_count != rowCount)
        return std::nullopt; // builds the engine's own index before timing starts
    return measurePages(rowCount, [&engine](int64_t start) {
        return rowsOrError<api::PaginatedResponse>(
            api::await(engine.iterrows("bench", start, kPageSize)),
            [](const api::PaginatedResponse &p) { return p.data.size(); });
    });
}

//! Upstream's behaviour per iterrows request: pd.read_csv(path) and slice. Median seconds of
//! kPandasSamples requests, or nullopt when pandas is not installed.
std::optional<double> measurePandasPage(const QString &path, int64_t rowCount)
{
    const QString script = QStringLiteral(R"(
import sys, time, random, statistics
try:
    import pandas as pd
except Exception:
    print("unavailable"); sys.exit(0)
path, n, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
times = []
for _ in range(samples):
    off = random.randrange(0, max(1, n - 100))
    t = time.perf_counter()
    df = pd.read_csv(path)
    rows = df.iloc[off:off + 100].to_dict('records')
    times.append(time.perf_counter() - t)
    del df, rows
print(statistics.median(times))
)");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), script, path, QString::number(rowCount), QString::number(kPandasSamples)});
    if (!python.waitForStarted() || !python.waitForFinished(-1) || python.exitCode() != 0)
        return std::nullopt;
    bool ok = false;
    const double seconds = python.readAllStandardOutput().trimmed().toDouble(&ok);
    return ok ? std::optional<double>(seconds) : std::nullopt;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int64_t rows = 1000000;
    QString path;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--rows") && i + 1 < args.size())
            rows = args[++i].toLongLong();
        else
            path = args[i];
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("bench.csv"));
        const auto t0 = Clock::now();
        if (!generateCsv(path, rows)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        std::printf("generated %lld rows, %.1f MB in %.1f s\n", (long long)rows,
                    double(QFileInfo(path).size()) / 1e6, secondsSince(t0));
    }
    const auto fileBytes = uint64_t(QFileInfo(path).size());
    const double hwmBefore = procStatusMb("VmHWM");
    const double rssBefore = procStatusMb("VmRSS");

    auto opened = engine::openFileRowSource(path.toStdString(), engine::FileFormat::Csv,
                                            dir.filePath(QStringLiteral("index")).toStdString(),
                                            QFileInfo(path).fileName().toStdString());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().toString().c_str());
        return 1;
    }
    engine::RowSource &source = *opened.value();
    int64_t rowCount = 0;
    const auto mbPerSecond = measureIndexBuild(source, fileBytes, rowCount);
    if (!mbPerSecond)
        return 1;
    const auto sourceLatency = measurePages(rowCount, [&source](int64_t start) {
        return rowsOrError<std::vector<api::JsonObject>>(
            source.readRows(start, kPageSize),
            [](const std::vector<api::JsonObject> &rows) { return rows.size(); });
    });
    const auto latency = measureEnginePages(path, dir.filePath(QStringLiteral("engine")), rowCount);
    if (!sourceLatency || !latency)
        return 1;
    const double hwmAfter = procStatusMb("VmHWM");
    const double rssAfter = procStatusMb("VmRSS");
    std::printf("rows: %lld, file: %.1f MB, RSS %.1f -> %.1f MB, peak %.1f -> %.1f MB\n",
                (long long)rowCount, double(fileBytes) / 1e6, rssBefore, rssAfter, hwmBefore, hwmAfter);
    std::fflush(stdout);

    const auto pandasSeconds = measurePandasPage(path, rowCount);

    std::printf("index_build: %.1f MB/s\n", *mbPerSecond);
    std::printf("source_page_median: %.2f ms\n", sourceLatency->medianMs);
    std::printf("iterrows_page_median: %.2f ms\n", latency->medianMs);
    std::printf("iterrows_page_p99: %.2f ms\n", latency->p99Ms);
    std::printf("memory_growth: %.1f MB\n", std::max(hwmAfter - hwmBefore, rssAfter - rssBefore));
    if (pandasSeconds) {
        std::printf("pandas_page_median: %.0f ms\n", *pandasSeconds * 1000.0);
        std::printf("speedup_vs_pandas: %.0f x\n", *pandasSeconds * 1000.0 / latency->medianMs);
    } else {
        std::printf("pandas_page_median: unavailable\n");
    }
    return 0;
}
