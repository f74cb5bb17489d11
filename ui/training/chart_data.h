#pragma once

// The numbers behind the training charts, apart from any widget so they can be tested alone:
// a series of (x, y) points in x order, EMA smoothing, the min/max decimation that draws 100,000
// points with about two points per pixel column without losing a spike, and the value axis
// (linear or log) with its ticks.

#include <QPointF>
#include <QString>

#include <optional>
#include <vector>

namespace wb::ui {

//! Points in increasing x (training steps arrive in order). Plain vectors: 100,000 points are
//! 1.6 MB and appending is amortised O(1).
struct SeriesData
{
    std::vector<double> x;
    std::vector<double> y;

    size_t size() const { return x.size(); }
    bool empty() const { return x.empty(); }
    void append(double px, double py)
    {
        x.push_back(px);
        y.push_back(py);
    }
    void clear()
    {
        x.clear();
        y.clear();
    }
    //! Index of the first point with x >= value (size() when none).
    size_t lowerBound(double value) const;
};

//! TensorBoard's smoothing: s[0] = y[0], s[i] = w * s[i-1] + (1 - w) * y[i], w in [0, 1).
//! Non-finite values (a NaN loss) are passed through and do not poison the running value.
std::vector<double> emaSmooth(const std::vector<double> &y, double weight);
//! Extends `smoothed` (the smoothing of y's first smoothed.size() values) to all of y, so a live
//! chart smooths only the new points.
void emaExtend(const std::vector<double> &y, double weight, std::vector<double> &smoothed);

//! The points to draw for [x0, x1] split into `buckets` equal x intervals (one per pixel column):
//! per bucket its minimum and maximum, in x order, so a one-step spike stays visible at any
//! zoom. A bucket with one point gives one point. The nearest point outside each end is added so
//! the line runs to the edge. Non-finite y values are skipped. At most 2 * buckets + 2 points.
std::vector<QPointF> decimateMinMax(const SeriesData &data, double x0, double x1, int buckets);
//! The same over separate x and y vectors of equal size (a smoothed curve shares the raw x).
std::vector<QPointF> decimateMinMax(const std::vector<double> &xs, const std::vector<double> &ys, double x0,
                                    double x1, int buckets);

//! The y axis: linear, or log10 where values <= 0 (and non-finite ones) have no place and are
//! left out (drawn as gaps), never clamped to a fake value.
class ValueAxis
{
public:
    ValueAxis() = default;
    ValueAxis(double lo, double hi, bool log);

    //! The range that shows `values` with a small margin; for log, the positive values only
    //! (1e-3..1 when there is none). A flat series gets a range around its value.
    static ValueAxis fit(const std::vector<double> &values, bool log);
    static ValueAxis fit(const std::vector<QPointF> &points, bool log);

    bool isLog() const { return m_log; }
    double lo() const { return m_lo; }
    double hi() const { return m_hi; }
    //! 0 at lo, 1 at hi; nullopt for a value the axis cannot show (<= 0 on a log axis, NaN).
    std::optional<double> toUnit(double value) const;
    double fromUnit(double unit) const;
    //! Round values between lo and hi for grid lines and labels (powers of ten on a log axis,
    //! with 2 and 5 when it spans few decades).
    std::vector<double> ticks(int maxTicks = 6) const;

private:
    double m_lo = 0.0;
    double m_hi = 1.0;
    bool m_log = false;
};

//! A short label for an axis value: "0.25", "1.5e-4", "12k".
QString axisLabel(double value);

} // namespace wb::ui
