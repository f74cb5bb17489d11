// The training charts without an engine: min/max decimation (every bucket's extremes kept, 100,000
// points down to about two per pixel column, zoomed ranges), EMA smoothing against hand-computed
// values, the log axis with values <= 0, the chart widget's zoom, pan, rubber band, wheel and
// hover, and the exports (CSV read back, PNG and SVG valid files).

#include "training/chart_data.h"
#include "training/loss_chart.h"
#include "training/metric_chart.h"
#include "training/metrics_csv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QSlider>
#include <QCheckBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>
#include <random>

using namespace wb;

namespace {
//! A noisy decreasing loss with a few one-step spikes and dips, like a real run.
ui::SeriesData noisyLoss(int n, uint32_t seed = 1)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.05);
    ui::SeriesData d;
    d.x.reserve(size_t(n));
    d.y.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        d.append(i + 1, 3.0 * std::exp(-i / double(n) * 3.0) + 0.5 + noise(rng));
    return d;
}

bool contains(const std::vector<QPointF> &points, double x, double y)
{
    for (const QPointF &p : points)
        if (p.x() == x && p.y() == y)
            return true;
    return false;
}
} // namespace

class TestLossChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decimationKeepsEveryBucketsMinAndMax();
    void decimationOfZoomedRangeAddsEdgeNeighbours();
    void decimationKeepsSmallSeriesWhole();
    void emaMatchesHandComputedValues();
    void emaExtendEqualsFullSmoothing();
    void logAxisLeavesOutValuesAtOrBelowZero();
    void linearAxisTicksAreRound();
    void chartDrawsAtMostTwoPointsPerColumn();
    void chartZoomsPansAndResets();
    void chartRubberBandAndWheelZoom();
    void chartHoverShowsStepValueAndSmoothed();
    void chartWithLogScaleAndZerosRenders();
    void lossChartTakesMetricsInStepOrder();
    void csvExportReadsBackExactly();
    void pngAndSvgExportsAreValidFiles();
};

void TestLossChart::decimationKeepsEveryBucketsMinAndMax()
{
    ui::SeriesData d = noisyLoss(100000);
    // One-step spikes that a "every k-th point" thinning would lose.
    d.y[12344] = 40.0;
    d.y[77776] = -5.0;
    d.y[99999] = 25.0;
    const int width = 800;
    QElapsedTimer timer;
    timer.start();
    const std::vector<QPointF> out = ui::decimateMinMax(d, d.x.front(), d.x.back(), width);
    const qint64 ns = timer.nsecsElapsed();
    qDebug("decimation of 100,000 points to %d columns: %zu points in %.3f ms", width, out.size(), ns / 1e6);
    QVERIFY2(out.size() <= size_t(2 * width + 2), qPrintable(QString::number(out.size())));
    QVERIFY(out.size() >= size_t(width)); // every column has points

    // Brute force: every bucket's min and max are among the drawn points.
    const double x0 = d.x.front();
    const double bucketWidth = (d.x.back() - x0) / width;
    std::vector<std::pair<size_t, size_t>> extremes(size_t(width), {SIZE_MAX, SIZE_MAX});
    for (size_t i = 0; i < d.size(); ++i) {
        const size_t b = size_t(std::min(width - 1, int((d.x[i] - x0) / bucketWidth)));
        auto &[lo, hi] = extremes[b];
        if (lo == SIZE_MAX || d.y[i] < d.y[lo])
            lo = i;
        if (hi == SIZE_MAX || d.y[i] > d.y[hi])
            hi = i;
    }
    for (const auto &[lo, hi] : extremes) {
        QVERIFY(lo != SIZE_MAX);
        QVERIFY2(contains(out, d.x[lo], d.y[lo]), qPrintable(QStringLiteral("min at step %1").arg(d.x[lo])));
        QVERIFY2(contains(out, d.x[hi], d.y[hi]), qPrintable(QStringLiteral("max at step %1").arg(d.x[hi])));
    }
    QVERIFY(contains(out, 12345, 40.0));
    QVERIFY(contains(out, 77777, -5.0));
    QVERIFY(contains(out, 100000, 25.0));
    // In x order, so the polyline does not double back.
    for (size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i].x() >= out[i - 1].x());
}

void TestLossChart::decimationOfZoomedRangeAddsEdgeNeighbours()
{
    const ui::SeriesData d = noisyLoss(100000);
    const std::vector<QPointF> out = ui::decimateMinMax(d, 50000.5, 50100.5, 400);
    // 100 steps in 400 columns: every step once, plus the neighbours 50000 and 50101.
    QCOMPARE(out.size(), size_t(102));
    QCOMPARE(out.front().x(), 50000.0);
    QCOMPARE(out.back().x(), 50101.0);
    // NaN steps are left out, not drawn as zero.
    ui::SeriesData gaps = noisyLoss(10);
    gaps.y[4] = std::nan("");
    const std::vector<QPointF> g = ui::decimateMinMax(gaps, 1, 10, 100);
    QCOMPARE(g.size(), size_t(9));
    for (const QPointF &p : g)
        QVERIFY(std::isfinite(p.y()));
}

void TestLossChart::decimationKeepsSmallSeriesWhole()
{
    const ui::SeriesData d = noisyLoss(50);
    const std::vector<QPointF> out = ui::decimateMinMax(d, 1, 50, 800);
    QCOMPARE(out.size(), size_t(50));
    for (size_t i = 0; i < out.size(); ++i)
        QCOMPARE(out[i], QPointF(d.x[i], d.y[i]));
    QVERIFY(ui::decimateMinMax(ui::SeriesData{}, 0, 1, 10).empty());
}

void TestLossChart::emaMatchesHandComputedValues()
{
    // s0 = y0; s_i = w s_{i-1} + (1 - w) y_i with w = 0.5.
    const std::vector<double> s = ui::emaSmooth({1.0, 2.0, 3.0, 10.0}, 0.5);
    QCOMPARE(s.size(), size_t(4));
    QCOMPARE(s[0], 1.0);
    QCOMPARE(s[1], 1.5);
    QCOMPARE(s[2], 2.25);
    QCOMPARE(s[3], 6.125);
    // w = 0.9: 4, 0.9*4 + 0.1*0 = 3.6, 0.9*3.6 + 0.1*2 = 3.44.
    const std::vector<double> t = ui::emaSmooth({4.0, 0.0, 2.0}, 0.9);
    QVERIFY(std::abs(t[1] - 3.6) < 1e-12);
    QVERIFY(std::abs(t[2] - 3.44) < 1e-12);
    // w = 0: no smoothing.
    QCOMPARE(ui::emaSmooth({5.0, 1.0, 7.0}, 0.0), (std::vector<double>{5.0, 1.0, 7.0}));
    // A NaN step stays NaN and does not poison the values after it.
    const std::vector<double> n = ui::emaSmooth({2.0, std::nan(""), 4.0}, 0.5);
    QVERIFY(std::isnan(n[1]));
    QCOMPARE(n[2], 3.0);
}

void TestLossChart::emaExtendEqualsFullSmoothing()
{
    const ui::SeriesData d = noisyLoss(1000);
    const std::vector<double> full = ui::emaSmooth(d.y, 0.8);
    std::vector<double> part;
    const std::vector<double> first(d.y.begin(), d.y.begin() + 300);
    ui::emaExtend(first, 0.8, part);
    ui::emaExtend(d.y, 0.8, part);
    QCOMPARE(part, full);
}

void TestLossChart::logAxisLeavesOutValuesAtOrBelowZero()
{
    const ui::ValueAxis axis = ui::ValueAxis::fit(std::vector<double>{-1.0, 0.0, 0.01, 1.0, 100.0}, true);
    QVERIFY(axis.isLog());
    QVERIFY(axis.lo() > 0.0);
    QVERIFY(axis.lo() < 0.01);
    QVERIFY(axis.hi() > 100.0);
    QVERIFY(!axis.toUnit(0.0));
    QVERIFY(!axis.toUnit(-1.0));
    QVERIFY(!axis.toUnit(std::nan("")));
    QVERIFY(*axis.toUnit(0.01) > 0.0 && *axis.toUnit(0.01) < 0.1);
    QVERIFY(std::abs(*axis.toUnit(1.0) - 0.5) < 1e-9); // log-middle of 0.01..100 (symmetric margins)
    QVERIFY(std::abs(axis.fromUnit(*axis.toUnit(3.0)) - 3.0) < 1e-9);
    const std::vector<double> ticks = axis.ticks();
    QVERIFY(!ticks.empty());
    for (double t : ticks)
        QVERIFY2(t > 0.0 && std::abs(std::log10(t) - std::round(std::log10(t))) < 1e-9, qPrintable(QString::number(t)));
    // Nothing positive: a default range instead of a broken one.
    const ui::ValueAxis empty = ui::ValueAxis::fit(std::vector<double>{0.0, -3.0}, true);
    QVERIFY(empty.lo() > 0.0 && empty.hi() > empty.lo());
    // A flat series gets a range around its value.
    const ui::ValueAxis flat = ui::ValueAxis::fit(std::vector<double>{2.0, 2.0}, true);
    QVERIFY(flat.lo() < 2.0 && flat.hi() > 2.0);
}

void TestLossChart::linearAxisTicksAreRound()
{
    const ui::ValueAxis axis(0.13, 2.87, false);
    const std::vector<double> ticks = axis.ticks(6);
    QVERIFY(ticks.size() >= 3 && ticks.size() <= 8);
    for (double t : ticks) {
        QVERIFY(t >= 0.13 && t <= 2.87);
        QVERIFY2(std::abs(t * 2 - std::round(t * 2)) < 1e-9, qPrintable(QString::number(t))); // steps of 0.5
    }
    QCOMPARE(ui::axisLabel(0.0), QStringLiteral("0"));
    QCOMPARE(ui::axisLabel(20000), QStringLiteral("20k"));
    QCOMPARE(ui::axisLabel(0.0001), QStringLiteral("0.0001"));
}

void TestLossChart::chartDrawsAtMostTwoPointsPerColumn()
{
    ui::MetricChart chart(nullptr);
    chart.resize(700, 300);
    chart.setSmoothing(0.6);
    chart.setData(noisyLoss(100000));
    const int columns = chart.plotRect(chart.rect()).width();
    QElapsedTimer timer;
    timer.start();
    const std::vector<QPointF> drawn = chart.drawnPoints();
    qDebug("chart rebuild (raw + smoothed, %d columns): %.3f ms", columns, timer.nsecsElapsed() / 1e6);
    QVERIFY(drawn.size() <= size_t(2 * columns + 2));
    QCOMPARE(chart.smoothed().size(), size_t(100000));
    // A paint with 100,000 points goes through.
    QImage image(chart.size(), QImage::Format_ARGB32);
    QPainter painter(&image);
    chart.render(painter, chart.rect()); // the first paint also loads fonts
    timer.restart();
    chart.render(painter, chart.rect());
    qDebug("chart paint of 100,000 steps (decimated, antialiased): %.3f ms", timer.nsecsElapsed() / 1e6);
    // Live training: a new step invalidates the view; rebuild and paint again.
    chart.append({QPointF(100001, 0.7)});
    timer.restart();
    chart.render(painter, chart.rect());
    qDebug("append one step + rebuild + paint: %.3f ms", timer.nsecsElapsed() / 1e6);
}

void TestLossChart::chartZoomsPansAndResets()
{
    ui::MetricChart chart(nullptr);
    chart.resize(600, 300);
    chart.setData(noisyLoss(1000));
    QSignalSpy changed(&chart, &ui::MetricChart::viewChanged);
    QCOMPARE(chart.xRange(), std::make_pair(1.0, 1000.0));
    QVERIFY(!chart.isZoomed());
    chart.zoomBy(0.5, 500.5);
    const auto [z0, z1] = chart.xRange();
    QVERIFY(std::abs((z1 - z0) - 499.5) < 1e-9);
    QVERIFY(z0 < 500.5 && z1 > 500.5);
    QVERIFY(chart.isZoomed());
    // Dragging right by a tenth of the plot shows earlier steps.
    const int plotWidth = chart.plotRect(chart.rect()).width();
    chart.panByPixels(plotWidth / 10, 0);
    const auto [p0, p1] = chart.xRange();
    QVERIFY(p0 < z0 && p1 < z1);
    QVERIFY(std::abs((p1 - p0) - (z1 - z0)) < 1e-9);
    // The zoomed view draws only its steps (plus the edge neighbours).
    for (const QPointF &p : chart.drawnPoints())
        QVERIFY(p.x() >= p0 - 1 && p.x() <= p1 + 1);
    chart.resetView();
    QCOMPARE(chart.xRange(), std::make_pair(1.0, 1000.0));
    QVERIFY(!chart.isZoomed());
    QVERIFY(changed.count() >= 3);
    // Zooming out past everything goes back to following the whole run.
    chart.zoomBy(0.5, 500);
    chart.zoomBy(4.0, 500);
    QVERIFY(!chart.isZoomed());
}

void TestLossChart::chartRubberBandAndWheelZoom()
{
    ui::MetricChart chart(nullptr);
    chart.resize(600, 300);
    chart.setData(noisyLoss(1000));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QRect plot = chart.plotRect(chart.rect());
    const ui::ValueAxis before = chart.yAxis();
    // Right-drag over the middle half (x) and the lower half (y).
    const QPoint a(plot.left() + plot.width() / 4, plot.center().y());
    const QPoint b(plot.left() + plot.width() * 3 / 4, plot.bottom() - 2);
    QTest::mousePress(&chart, Qt::RightButton, Qt::NoModifier, a);
    QMouseEvent move(QEvent::MouseMove, b, chart.mapToGlobal(b), Qt::NoButton, Qt::RightButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&chart, &move);
    QTest::mouseRelease(&chart, Qt::RightButton, Qt::NoModifier, b);
    QVERIFY(chart.isZoomed());
    const auto [x0, x1] = chart.xRange();
    QVERIFY2(x0 > 200 && x0 < 300 && x1 > 700 && x1 < 800, qPrintable(QStringLiteral("%1..%2").arg(x0).arg(x1)));
    const ui::ValueAxis after = chart.yAxis();
    QVERIFY(after.hi() < before.hi());
    QVERIFY(after.hi() - after.lo() < (before.hi() - before.lo()) * 0.6);
    // Double-click resets.
    QTest::mouseDClick(&chart, Qt::LeftButton, Qt::NoModifier, plot.center());
    QVERIFY(!chart.isZoomed());
    // The wheel zooms in around the cursor.
    const QPointF at(plot.left() + plot.width() / 2.0, plot.center().y());
    QWheelEvent wheel(at, chart.mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&chart, &wheel);
    const auto [w0, w1] = chart.xRange();
    QVERIFY(std::abs((w1 - w0) - 999.0 * 0.64) < 1e-6);
    // A left drag pans.
    QTest::mousePress(&chart, Qt::LeftButton, Qt::NoModifier, plot.center());
    QMouseEvent drag(QEvent::MouseMove, plot.center() + QPoint(60, 0), chart.mapToGlobal(plot.center() + QPoint(60, 0)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&chart, &drag);
    QTest::mouseRelease(&chart, Qt::LeftButton, Qt::NoModifier, plot.center() + QPoint(60, 0));
    QVERIFY(chart.xRange().first < w0);
}

void TestLossChart::chartHoverShowsStepValueAndSmoothed()
{
    ui::MetricChart chart(nullptr);
    chart.resize(600, 300);
    chart.setValueName(QStringLiteral("loss"));
    chart.setMarkerName(QStringLiteral("validation loss"));
    ui::SeriesData d;
    for (int i = 1; i <= 11; ++i)
        d.append(i, i == 6 ? 9.0 : 1.0);
    chart.setData(d);
    chart.setSmoothing(0.5);
    ui::SeriesData markers;
    markers.append(6, 0.75);
    chart.setMarkers(markers);
    const QRect plot = chart.plotRect(chart.rect());
    chart.hoverAt(QPoint(plot.left() + plot.width() / 2, plot.center().y())); // step 6
    QCOMPARE(chart.hoverIndex(), std::optional<size_t>(5));
    const QString text = chart.hoverText();
    QVERIFY2(text.contains(QStringLiteral("step 6")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("loss: 9")), qPrintable(text));
    // smoothed at step 6: 1 (five times), then 0.5 * 1 + 0.5 * 9 = 5.
    QVERIFY2(text.contains(QStringLiteral("smoothed: 5")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("validation loss: 0.75")), qPrintable(text));
    chart.hoverAt(QPoint(2, 2)); // outside the plot
    QVERIFY(chart.hoverText().isEmpty());
}

void TestLossChart::chartWithLogScaleAndZerosRenders()
{
    ui::MetricChart chart(nullptr);
    chart.resize(500, 250);
    ui::SeriesData d;
    const double values[] = {2.0, 1.0, 0.0, -0.5, 0.5, 0.25};
    for (int i = 0; i < 6; ++i)
        d.append(i + 1, values[i]);
    chart.setData(d);
    chart.setLogScale(true);
    const ui::ValueAxis axis = chart.yAxis();
    QVERIFY(axis.isLog());
    QVERIFY(axis.lo() > 0.0 && axis.lo() < 0.25 && axis.hi() > 2.0);
    QImage image(chart.size(), QImage::Format_ARGB32);
    {
        QPainter painter(&image);
        chart.render(painter, chart.rect());
    }
    QVERIFY(!image.isNull());
    chart.setLogScale(false);
    QVERIFY(chart.yAxis().lo() < -0.5);
}

void TestLossChart::lossChartTakesMetricsInStepOrder()
{
    ui::LossChart chart(nullptr);
    std::vector<api::TrainingStepMetric> page;
    for (int i = 1; i <= 10; ++i) {
        api::TrainingStepMetric m;
        m.step = i;
        m.loss = 3.0 - i * 0.1;
        m.lr = 1e-4 * i;
        m.tokens_per_second = 1000 + i;
        if (i % 5 == 0)
            m.validation_loss = 2.5 - i * 0.05;
        page.push_back(m);
    }
    chart.appendMetrics(std::vector<api::TrainingStepMetric>(page.begin(), page.begin() + 6));
    chart.appendMetrics(std::vector<api::TrainingStepMetric>(page.begin() + 4, page.end())); // overlaps
    QCOMPARE(chart.metrics().size(), size_t(10));
    QCOMPARE(chart.lossChart()->data().size(), size_t(10));
    QCOMPARE(chart.lrChart()->data().y.back(), 1e-3);
    QCOMPARE(chart.throughputChart()->data().y.front(), 1001.0);
    QCOMPARE(chart.lossChart()->markers().size(), size_t(2));
    QCOMPARE(chart.lossChart()->markers().x, (std::vector<double>{5, 10}));
    // The controls drive the loss chart.
    chart.smoothingSlider()->setValue(90);
    QCOMPARE(chart.lossChart()->smoothing(), 0.9);
    chart.logScaleBox()->setChecked(true);
    QVERIFY(chart.lossChart()->logScale());
    // Zooming the loss chart lines the small charts up.
    chart.lossChart()->setXRange(3, 7);
    QCOMPARE(chart.lrChart()->xRange(), std::make_pair(3.0, 7.0));
    chart.clear();
    QVERIFY(chart.metrics().empty());
    QVERIFY(chart.lossChart()->markers().empty());
}

void TestLossChart::csvExportReadsBackExactly()
{
    QTemporaryDir dir;
    ui::LossChart chart(nullptr);
    chart.setSmoothing(0.5);
    std::vector<api::TrainingStepMetric> metrics;
    for (int i = 1; i <= 200; ++i) {
        api::TrainingStepMetric m;
        m.step = i;
        m.epoch = (i - 1) / 100;
        m.loss = 1.0 / (i + 0.1234567);
        m.lr = 3e-4 * std::sin(i * 0.01);
        m.grad_norm = 0.1 * i;
        m.tokens_per_second = 1234.5 + i;
        m.tokens = 100 + i;
        if (i % 100 == 0)
            m.validation_loss = 0.3333333333333333 * i;
        m.time = "2026-01-01T00:00:00Z";
        metrics.push_back(m);
    }
    chart.appendMetrics(metrics);
    const QString path = dir.filePath(QStringLiteral("m.csv"));
    QCOMPARE(chart.exportCsv(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.front(), QByteArray("step,epoch,loss,smoothed_loss,validation_loss,lr,grad_norm,tokens_per_second,"
                                       "tokens,time"));
    QCOMPARE(lines.size(), 202); // header, 200 rows, the empty string after the last newline
    const std::vector<double> smoothed = ui::emaSmooth([&] {
        std::vector<double> y;
        for (const auto &m : metrics)
            y.push_back(m.loss);
        return y;
    }(), 0.5);
    for (int i = 0; i < 200; ++i) {
        const QList<QByteArray> f = lines[i + 1].split(',');
        QCOMPARE(f.size(), 10);
        const api::TrainingStepMetric &m = metrics[size_t(i)];
        QCOMPARE(f[0].toLongLong(), m.step);
        QCOMPARE(f[1].toLongLong(), m.epoch);
        QCOMPARE(f[2].toDouble(), m.loss); // exact: 17 significant digits
        QCOMPARE(f[3].toDouble(), smoothed[size_t(i)]);
        if (m.validation_loss)
            QCOMPARE(f[4].toDouble(), *m.validation_loss);
        else
            QVERIFY(f[4].isEmpty());
        QCOMPARE(f[5].toDouble(), m.lr);
        QCOMPARE(f[6].toDouble(), m.grad_norm);
        QCOMPARE(f[7].toDouble(), m.tokens_per_second);
        QCOMPARE(f[8].toLongLong(), m.tokens);
        QCOMPARE(f[9], QByteArray("2026-01-01T00:00:00Z"));
    }
    // An unwritable path is an error text, not a crash.
    QVERIFY(!chart.exportCsv(dir.filePath(QStringLiteral("missing/dir/m.csv"))).isEmpty());
}

void TestLossChart::pngAndSvgExportsAreValidFiles()
{
    QTemporaryDir dir;
    ui::LossChart chart(nullptr);
    chart.resize(900, 600);
    std::vector<api::TrainingStepMetric> metrics;
    const ui::SeriesData loss = noisyLoss(5000);
    for (size_t i = 0; i < loss.size(); ++i) {
        api::TrainingStepMetric m;
        m.step = int64_t(i + 1);
        m.loss = loss.y[i];
        m.lr = 1e-4;
        m.tokens_per_second = 2000;
        if ((i + 1) % 1000 == 0)
            m.validation_loss = loss.y[i] + 0.1;
        metrics.push_back(m);
    }
    chart.appendMetrics(metrics);

    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QCOMPARE(chart.exportPng(png, QSize(1000, 700)), QString());
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1000, 700));
    // Something besides the white background and grey grid was drawn: the loss line (blue).
    int blueish = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (c.blue() > 150 && c.red() < 120)
                ++blueish;
        }
    QVERIFY2(blueish > 100, qPrintable(QString::number(blueish)));

    const QString svg = dir.filePath(QStringLiteral("chart.svg"));
    QCOMPARE(chart.exportSvg(svg, QSize(1000, 700)), QString());
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.size() > 1000);
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("polyline") || text.contains("<path"));
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QVERIFY(!chart.exportPng(dir.filePath(QStringLiteral("missing/dir/x.png"))).isEmpty());

    // With WB_UI_SCREENSHOT_DIR set, a 100,000-step run with spikes for a human to look at.
    const QString shots = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        ui::LossChart big(nullptr);
        ui::SeriesData d = noisyLoss(100000);
        d.y[30000] = 9.0;
        d.y[60000] = 0.01;
        std::vector<api::TrainingStepMetric> many;
        for (size_t i = 0; i < d.size(); ++i) {
            api::TrainingStepMetric m;
            m.step = int64_t(i + 1);
            m.loss = d.y[i];
            m.lr = 1e-4 * std::min(1.0, (i + 1) / 2000.0) * 0.5 * (1 + std::cos(M_PI * i / 100000.0));
            m.tokens_per_second = 5000 + 500 * std::sin(i / 3000.0);
            if ((i + 1) % 20000 == 0)
                m.validation_loss = d.y[i] + 0.2;
            many.push_back(m);
        }
        big.appendMetrics(many);
        big.setLogScale(true);
        QCOMPARE(big.exportPng(shots + QStringLiteral("/loss_chart_100k.png"), QSize(1200, 700)), QString());
    }
}

QTEST_MAIN(TestLossChart)
#include "tst_loss_chart.moc"
