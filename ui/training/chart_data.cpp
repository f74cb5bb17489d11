#include "chart_data.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wb::ui {

size_t SeriesData::lowerBound(double value) const
{
    return size_t(std::lower_bound(x.begin(), x.end(), value) - x.begin());
}

std::vector<double> emaSmooth(const std::vector<double> &y, double weight)
{
    std::vector<double> out;
    emaExtend(y, weight, out);
    return out;
}

void emaExtend(const std::vector<double> &y, double weight, std::vector<double> &smoothed)
{
    weight = std::clamp(weight, 0.0, 0.999);
    if (smoothed.size() > y.size())
        smoothed.clear();
    // The running value is the last finite smoothed value (a NaN step is shown as it is but
    // the curve carries on from what came before).
    double last = std::numeric_limits<double>::quiet_NaN();
    for (auto it = smoothed.rbegin(); it != smoothed.rend(); ++it) {
        if (std::isfinite(*it)) {
            last = *it;
            break;
        }
    }
    smoothed.reserve(y.size());
    for (size_t i = smoothed.size(); i < y.size(); ++i) {
        const double v = y[i];
        if (!std::isfinite(v)) {
            smoothed.push_back(v);
            continue;
        }
        last = std::isfinite(last) ? weight * last + (1.0 - weight) * v : v;
        smoothed.push_back(last);
    }
}

std::vector<QPointF> decimateMinMax(const SeriesData &data, double x0, double x1, int buckets)
{
    return decimateMinMax(data.x, data.y, x0, x1, buckets);
}

std::vector<QPointF> decimateMinMax(const std::vector<double> &xs, const std::vector<double> &ys, double x0,
                                    double x1, int buckets)
{
    std::vector<QPointF> out;
    const size_t n = std::min(xs.size(), ys.size());
    if (n == 0 || buckets < 1)
        return out;
    if (!(x1 > x0))
        x1 = x0 + 1.0;
    const auto xEnd = xs.begin() + std::ptrdiff_t(n);
    const size_t begin = size_t(std::lower_bound(xs.begin(), xEnd, x0) - xs.begin());
    const size_t end = size_t(std::upper_bound(xs.begin(), xEnd, x1) - xs.begin());
    out.reserve(std::min(n, size_t(2 * buckets + 2)));

    auto finiteAt = [&](size_t i) { return std::isfinite(ys[i]); };
    // The neighbour outside the left edge, so the line enters the plot instead of starting in it.
    for (size_t i = begin; i-- > 0;) {
        if (finiteAt(i)) {
            out.emplace_back(xs[i], ys[i]);
            break;
        }
    }

    const double bucketWidth = (x1 - x0) / buckets;
    int current = -1;
    size_t minIdx = 0;
    size_t maxIdx = 0;
    auto flush = [&] {
        if (current < 0)
            return;
        const size_t first = std::min(minIdx, maxIdx);
        const size_t second = std::max(minIdx, maxIdx);
        out.emplace_back(xs[first], ys[first]);
        if (second != first)
            out.emplace_back(xs[second], ys[second]);
    };
    for (size_t i = begin; i < end; ++i) {
        if (!finiteAt(i))
            continue;
        const int bucket = std::min(buckets - 1, std::max(0, int((xs[i] - x0) / bucketWidth)));
        if (bucket != current) {
            flush();
            current = bucket;
            minIdx = maxIdx = i;
            continue;
        }
        if (ys[i] < ys[minIdx])
            minIdx = i;
        if (ys[i] > ys[maxIdx])
            maxIdx = i;
    }
    flush();

    for (size_t i = end; i < n; ++i) {
        if (finiteAt(i)) {
            out.emplace_back(xs[i], ys[i]);
            break;
        }
    }
    return out;
}

// --- value axis ----------------------------------------------------------------------------------

ValueAxis::ValueAxis(double lo, double hi, bool log)
    : m_lo(lo)
    , m_hi(hi)
    , m_log(log)
{
    if (m_log && !(m_lo > 0.0))
        m_lo = std::min(1e-3, m_hi / 10.0);
    if (!(m_hi > m_lo))
        m_hi = m_log ? m_lo * 10.0 : m_lo + 1.0;
}

namespace {
template<typename Get>
ValueAxis fitRange(size_t n, Get get, bool log)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < n; ++i) {
        const double v = get(i);
        if (!std::isfinite(v) || (log && v <= 0.0))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!std::isfinite(lo))
        return log ? ValueAxis(1e-3, 1.0, true) : ValueAxis(0.0, 1.0, false);
    if (log) {
        double llo = std::log10(lo);
        double lhi = std::log10(hi);
        if (lhi - llo < 1e-9) {
            llo -= 0.5;
            lhi += 0.5;
        }
        const double margin = (lhi - llo) * 0.05;
        return ValueAxis(std::pow(10.0, llo - margin), std::pow(10.0, lhi + margin), true);
    }
    if (hi - lo < 1e-12 * std::max(1.0, std::abs(lo))) {
        const double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
        return ValueAxis(lo - pad, hi + pad, false);
    }
    const double margin = (hi - lo) * 0.05;
    return ValueAxis(lo - margin, hi + margin, false);
}

double niceStep(double span, int maxTicks)
{
    const double raw = span / std::max(1, maxTicks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double residual = raw / magnitude;
    const double nice = residual <= 1.0 ? 1.0 : residual <= 2.0 ? 2.0 : residual <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

std::vector<double> linearTicks(double lo, double hi, int maxTicks)
{
    std::vector<double> ticks;
    if (!(hi > lo))
        return ticks;
    const double step = niceStep(hi - lo, maxTicks);
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    return ticks;
}
} // namespace

ValueAxis ValueAxis::fit(const std::vector<double> &values, bool log)
{
    return fitRange(values.size(), [&](size_t i) { return values[i]; }, log);
}

ValueAxis ValueAxis::fit(const std::vector<QPointF> &points, bool log)
{
    return fitRange(points.size(), [&](size_t i) { return points[i].y(); }, log);
}

std::optional<double> ValueAxis::toUnit(double value) const
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (!m_log)
        return (value - m_lo) / (m_hi - m_lo);
    if (value <= 0.0)
        return std::nullopt;
    return (std::log10(value) - std::log10(m_lo)) / (std::log10(m_hi) - std::log10(m_lo));
}

double ValueAxis::fromUnit(double unit) const
{
    if (!m_log)
        return m_lo + unit * (m_hi - m_lo);
    const double llo = std::log10(m_lo);
    return std::pow(10.0, llo + unit * (std::log10(m_hi) - llo));
}

std::vector<double> ValueAxis::ticks(int maxTicks) const
{
    if (!m_log)
        return linearTicks(m_lo, m_hi, maxTicks);
    const int first = int(std::floor(std::log10(m_lo)));
    const int last = int(std::ceil(std::log10(m_hi)));
    const int decades = last - first;
    std::vector<double> ticks;
    const int every = std::max(1, (decades + maxTicks - 1) / std::max(1, maxTicks));
    for (int d = first; d <= last; ++d) {
        const double base = std::pow(10.0, d);
        const bool withSteps = decades <= 2;
        for (double m : {1.0, 2.0, 5.0}) {
            if (m != 1.0 && !withSteps)
                continue;
            if (m == 1.0 && (d - first) % every != 0)
                continue;
            const double v = base * m;
            if (v >= m_lo * (1 - 1e-9) && v <= m_hi * (1 + 1e-9))
                ticks.push_back(v);
        }
    }
    if (ticks.size() < 2) // a range inside one decade: round linear values read better
        return linearTicks(m_lo, m_hi, maxTicks);
    return ticks;
}

QString axisLabel(double value)
{
    if (value == 0.0)
        return QStringLiteral("0");
    const double a = std::abs(value);
    if (a >= 1e4 && a < 1e6 && std::floor(value / 1e3) * 1e3 == value)
        return QString::number(value / 1e3, 'g', 4) + QLatin1Char('k');
    if (a >= 1e6 || a < 1e-3)
        return QString::number(value, 'g', 3);
    return QString::number(value, 'g', 4);
}

} // namespace wb::ui
