#include "metric_chart.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace wb::ui {

namespace {
const QColor kMarkerColor(0xe8, 0x71, 0x0a);
const QColor kGridColor(0xe3, 0xe6, 0xea);
const QColor kTextColor(0x44, 0x47, 0x4d);

QString number(double v)
{
    return QString::number(v, 'g', 5);
}
} // namespace

MetricChart::MetricChart(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Wheel: zoom · drag: pan · right-drag or Shift+drag: zoom to a box · double-click: reset"));
}

void MetricChart::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void MetricChart::setColor(const QColor &color)
{
    m_color = color;
    update();
}

void MetricChart::invalidate()
{
    m_cache.reset();
    m_cacheWidth = -1;
    if (m_hoverIndex)
        hoverAt(m_hoverPos);
    update();
}

void MetricChart::setData(SeriesData data)
{
    m_data = std::move(data);
    m_smoothed.clear();
    if (m_smoothing > 0.0)
        emaExtend(m_data.y, m_smoothing, m_smoothed);
    invalidate();
    Q_EMIT viewChanged();
}

void MetricChart::append(const std::vector<QPointF> &points)
{
    if (points.empty())
        return;
    for (const QPointF &p : points)
        m_data.append(p.x(), p.y());
    if (m_smoothing > 0.0)
        emaExtend(m_data.y, m_smoothing, m_smoothed); // only the new points
    invalidate();
}

void MetricChart::clear()
{
    m_data.clear();
    m_markers.clear();
    m_smoothed.clear();
    m_xFixed.reset();
    m_yFixed.reset();
    clearHover();
    invalidate();
    Q_EMIT viewChanged();
}

void MetricChart::setMarkers(SeriesData markers)
{
    m_markers = std::move(markers);
    invalidate();
}

void MetricChart::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.99);
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    m_smoothed.clear();
    if (m_smoothing > 0.0)
        emaExtend(m_data.y, m_smoothing, m_smoothed);
    invalidate();
}

void MetricChart::setLogScale(bool on)
{
    if (on == m_log)
        return;
    m_log = on;
    m_yFixed.reset(); // a box zoomed on one scale means nothing on the other
    invalidate();
    Q_EMIT viewChanged();
}

std::pair<double, double> MetricChart::fullXRange() const
{
    if (m_data.empty())
        return {0.0, 1.0};
    double lo = m_data.x.front();
    double hi = m_data.x.back();
    for (double m : m_markers.x) {
        lo = std::min(lo, m);
        hi = std::max(hi, m);
    }
    if (hi - lo < 1.0) {
        lo -= 0.5;
        hi += 0.5;
    }
    return {lo, hi};
}

std::pair<double, double> MetricChart::xRange() const
{
    return m_xFixed ? *m_xFixed : fullXRange();
}

ValueAxis MetricChart::yAxis() const
{
    return drawn(plotRect(rect()).width()).axis;
}

void MetricChart::setXRange(double x0, double x1)
{
    if (!(x1 > x0))
        return;
    m_xFixed = std::make_pair(x0, x1);
    invalidate();
    Q_EMIT viewChanged();
}

void MetricChart::zoomBy(double factor, double anchorX)
{
    const auto [x0, x1] = xRange();
    const auto [f0, f1] = fullXRange();
    const double minSpan = std::max(1e-9, (f1 - f0) * 1e-6);
    const double span = std::max(minSpan, (x1 - x0) * factor);
    const double t = (anchorX - x0) / (x1 - x0);
    const double n0 = anchorX - t * span;
    if (factor > 1.0 && n0 <= f0 && n0 + span >= f1) {
        m_xFixed.reset(); // zoomed out past everything: back to following the whole run
        invalidate();
        Q_EMIT viewChanged();
        return;
    }
    setXRange(n0, n0 + span);
}

void MetricChart::zoomToPixelRect(const QRect &rect)
{
    const QRect plot = plotRect(this->rect());
    const QRect r = rect.normalized().intersected(plot);
    if (r.width() < 3 || plot.width() <= 0 || plot.height() <= 0)
        return;
    const ValueAxis axis = yAxis();
    const double x0 = xAtPixel(plot, r.left());
    const double x1 = xAtPixel(plot, r.right());
    auto unitAt = [&](int py) { return double(plot.bottom() - py) / plot.height(); };
    auto toAxisUnits = [&](double v) { return axis.isLog() ? std::log10(v) : v; };
    if (r.height() >= 3) {
        const double ylo = toAxisUnits(axis.fromUnit(unitAt(r.bottom())));
        const double yhi = toAxisUnits(axis.fromUnit(unitAt(r.top())));
        if (yhi > ylo)
            m_yFixed = std::make_pair(ylo, yhi);
    }
    setXRange(x0, x1);
}

void MetricChart::panByPixels(int dx, int dy)
{
    const QRect plot = plotRect(rect());
    if (plot.width() <= 0 || plot.height() <= 0)
        return;
    const auto [x0, x1] = xRange();
    const double shift = -double(dx) * (x1 - x0) / plot.width();
    if (m_yFixed) {
        const double span = m_yFixed->second - m_yFixed->first;
        const double yShift = double(dy) * span / plot.height();
        m_yFixed = std::make_pair(m_yFixed->first + yShift, m_yFixed->second + yShift);
    }
    setXRange(x0 + shift, x1 + shift);
}

void MetricChart::resetView()
{
    m_xFixed.reset();
    m_yFixed.reset();
    invalidate();
    Q_EMIT viewChanged();
}

QRect MetricChart::plotRect(const QRect &bounds) const
{
    const int top = m_title.isEmpty() ? 8 : 24;
    return bounds.adjusted(58, top, -12, -24);
}

double MetricChart::xAtPixel(const QRect &plot, double px) const
{
    const auto [x0, x1] = xRange();
    return x0 + (px - plot.left()) / std::max(1, plot.width()) * (x1 - x0);
}

MetricChart::Drawn MetricChart::compute(int width) const
{
    Drawn d;
    const auto [x0, x1] = xRange();
    const int buckets = std::max(1, width);
    d.raw = decimateMinMax(m_data, x0, x1, buckets);
    if (m_smoothing > 0.0 && m_smoothed.size() == m_data.size())
        d.smooth = decimateMinMax(m_data.x, m_smoothed, x0, x1, buckets);
    if (m_yFixed) {
        const double lo = m_log ? std::pow(10.0, m_yFixed->first) : m_yFixed->first;
        const double hi = m_log ? std::pow(10.0, m_yFixed->second) : m_yFixed->second;
        d.axis = ValueAxis(lo, hi, m_log);
        return d;
    }
    // Fit what is inside the visible steps (the neighbours added at the edges are not).
    std::vector<double> values;
    values.reserve(d.raw.size() + d.smooth.size() + m_markers.size());
    for (const auto *line : {&d.raw, &d.smooth})
        for (const QPointF &p : *line)
            if (p.x() >= x0 && p.x() <= x1)
                values.push_back(p.y());
    for (size_t i = 0; i < m_markers.size(); ++i)
        if (m_markers.x[i] >= x0 && m_markers.x[i] <= x1)
            values.push_back(m_markers.y[i]);
    d.axis = ValueAxis::fit(values, m_log);
    return d;
}

const MetricChart::Drawn &MetricChart::drawn(int width) const
{
    if (!m_cache || m_cacheWidth != width) {
        m_cache = compute(width);
        m_cacheWidth = width;
    }
    return *m_cache;
}

std::vector<QPointF> MetricChart::drawnPoints() const
{
    return drawn(plotRect(rect()).width()).raw;
}

void MetricChart::render(QPainter &painter, const QRect &bounds) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.fillRect(bounds, Qt::white);
    QFont font = painter.font();
    font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.85));
    painter.setFont(font);
    const QFontMetrics fm(font);

    if (!m_title.isEmpty()) {
        QFont bold = font;
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(kTextColor);
        painter.drawText(bounds.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop, m_title);
        painter.setFont(font);
    }
    const QRect plot = plotRect(bounds);
    if (plot.width() <= 4 || plot.height() <= 4) {
        painter.restore();
        return;
    }
    // The widget's own width is cached; an export at another size computes its own lines.
    const Drawn local = plot.width() == plotRect(rect()).width() ? Drawn{} : compute(plot.width());
    const Drawn &d = plot.width() == plotRect(rect()).width() ? drawn(plot.width()) : local;
    const auto [x0, x1] = xRange();
    auto px = [&, x0 = x0, x1 = x1](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
    auto py = [&](double unit) { return plot.bottom() - unit * plot.height(); };

    // Grid and labels.
    painter.setPen(QPen(kGridColor, 1));
    const std::vector<double> yTicks = d.axis.ticks(std::max(2, plot.height() / 36));
    for (double t : yTicks) {
        const auto u = d.axis.toUnit(t);
        if (!u)
            continue;
        const double y = py(*u);
        painter.setPen(QPen(kGridColor, 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(kTextColor);
        painter.drawText(QRectF(bounds.left(), y - fm.height() / 2.0, plot.left() - bounds.left() - 4, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, axisLabel(t));
    }
    const ValueAxis xAxis(x0, x1, false);
    for (double t : xAxis.ticks(std::max(2, plot.width() / 90))) {
        const double x = px(t);
        painter.setPen(QPen(kGridColor, 1));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter.setPen(kTextColor);
        painter.drawText(QRectF(x - 40, plot.bottom() + 3, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                         axisLabel(t));
    }
    painter.setPen(QPen(QColor(0xb0, 0xb4, 0xba), 1));
    painter.drawRect(plot);

    if (m_data.empty()) {
        painter.setPen(kTextColor);
        painter.drawText(plot, Qt::AlignCenter, tr("No data yet"));
        painter.restore();
        return;
    }

    painter.setClipRect(plot.adjusted(-1, -1, 1, 1));
    // A line through the points; a value the axis cannot show (<= 0 on a log axis) breaks it.
    auto drawLine = [&](const std::vector<QPointF> &points, const QPen &pen) {
        painter.setPen(pen);
        QPolygonF segment;
        auto flush = [&] {
            if (segment.size() == 1)
                painter.drawPoint(segment.front());
            else if (segment.size() > 1)
                painter.drawPolyline(segment);
            segment.clear();
        };
        for (const QPointF &p : points) {
            const auto u = d.axis.toUnit(p.y());
            if (!u) {
                flush();
                continue;
            }
            segment << QPointF(px(p.x()), py(*u));
        }
        flush();
    };
    if (d.smooth.empty()) {
        drawLine(d.raw, QPen(m_color, 1.5));
    } else {
        QColor faded = m_color;
        faded.setAlpha(80);
        drawLine(d.raw, QPen(faded, 1.0));
        drawLine(d.smooth, QPen(m_color, 2.0));
    }
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(kMarkerColor);
    for (size_t i = 0; i < m_markers.size(); ++i) {
        const auto u = d.axis.toUnit(m_markers.y[i]);
        if (!u || m_markers.x[i] < x0 || m_markers.x[i] > x1)
            continue;
        painter.drawEllipse(QPointF(px(m_markers.x[i]), py(*u)), 4.5, 4.5);
    }
    painter.setClipping(false);

    // Legend (top right) when there is more than one thing to tell apart.
    QStringList legend;
    if (!d.smooth.empty())
        legend << tr("smoothed");
    if (!m_markers.empty())
        legend << (m_markerName.isEmpty() ? tr("markers") : m_markerName);
    if (!legend.isEmpty()) {
        int x = plot.right() - 6;
        for (int i = legend.size() - 1; i >= 0; --i) {
            const int w = fm.horizontalAdvance(legend[i]);
            x -= w;
            painter.setPen(kTextColor);
            painter.drawText(QPoint(x, bounds.top() + 4 + fm.ascent()), legend[i]);
            const bool marker = !m_markers.empty() && i == legend.size() - 1;
            x -= 14;
            if (marker) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(kMarkerColor);
                painter.drawEllipse(QPointF(x + 6, bounds.top() + 4 + fm.height() / 2.0), 4, 4);
            } else {
                painter.setPen(QPen(m_color, 2));
                painter.drawLine(QPointF(x, bounds.top() + 4 + fm.height() / 2.0),
                                 QPointF(x + 11, bounds.top() + 4 + fm.height() / 2.0));
            }
            x -= 10;
        }
    }
    painter.restore();
}

void MetricChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    render(painter, rect());
    if (m_drag == Drag::Band) {
        QColor fill = m_color;
        fill.setAlpha(40);
        painter.setPen(QPen(m_color, 1, Qt::DashLine));
        painter.setBrush(fill);
        painter.drawRect(QRect(m_dragStart, m_dragLast).normalized());
    }
    if (!m_hoverIndex || *m_hoverIndex >= m_data.size())
        return;
    // The crosshair: a line at the hovered step, a dot on each curve, the values in a box.
    const QRect plot = plotRect(rect());
    const ValueAxis axis = yAxis();
    const auto [x0, x1] = xRange();
    const size_t i = *m_hoverIndex;
    const double x = plot.left() + (m_data.x[i] - x0) / (x1 - x0) * plot.width();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(0x70, 0x70, 0x70), 1, Qt::DashLine));
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    auto dot = [&](double value, const QColor &color) {
        const auto u = axis.toUnit(value);
        if (!u)
            return;
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(color);
        painter.drawEllipse(QPointF(x, plot.bottom() - *u * plot.height()), 4, 4);
    };
    dot(m_data.y[i], m_color.lighter(130));
    if (m_smoothing > 0.0 && i < m_smoothed.size())
        dot(m_smoothed[i], m_color);

    const QFontMetrics fm(font());
    const QRect textRect = fm.boundingRect(QRect(0, 0, 400, 200), Qt::AlignLeft, m_hoverText).adjusted(-6, -4, 6, 4);
    QRect box(QPoint(int(x) + 10, plot.top() + 6), textRect.size());
    if (box.right() > plot.right())
        box.moveRight(int(x) - 10);
    painter.setPen(QColor(0xb0, 0xb4, 0xba));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(kTextColor);
    painter.drawText(box.adjusted(6, 4, -6, -4), Qt::AlignLeft, m_hoverText);
}

void MetricChart::hoverAt(const QPoint &pos)
{
    m_hoverPos = pos;
    const QRect plot = plotRect(rect());
    if (m_data.empty() || !plot.contains(pos)) {
        clearHover();
        return;
    }
    const double x = xAtPixel(plot, pos.x());
    size_t i = m_data.lowerBound(x);
    if (i >= m_data.size())
        i = m_data.size() - 1;
    else if (i > 0 && std::abs(m_data.x[i - 1] - x) < std::abs(m_data.x[i] - x))
        --i;
    m_hoverIndex = i;
    const QString name = m_valueName.isEmpty() ? tr("value") : m_valueName;
    QString text = tr("step %1").arg(number(m_data.x[i])) + QLatin1Char('\n')
                   + tr("%1: %2").arg(name, number(m_data.y[i]));
    if (m_smoothing > 0.0 && i < m_smoothed.size())
        text += QLatin1Char('\n') + tr("smoothed: %1").arg(number(m_smoothed[i]));
    for (size_t k = 0; k < m_markers.size(); ++k) {
        if (m_markers.x[k] == m_data.x[i]) {
            text += QLatin1Char('\n')
                    + tr("%1: %2").arg(m_markerName.isEmpty() ? tr("marker") : m_markerName, number(m_markers.y[k]));
            break;
        }
    }
    m_hoverText = text;
    update();
}

void MetricChart::clearHover()
{
    if (!m_hoverIndex && m_hoverText.isEmpty())
        return;
    m_hoverIndex.reset();
    m_hoverText.clear();
    update();
}

void MetricChart::wheelEvent(QWheelEvent *event)
{
    const QRect plot = plotRect(rect());
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0 || m_data.empty()) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(0.8, notches), xAtPixel(plot, event->position().x()));
    event->accept();
}

void MetricChart::mousePressEvent(QMouseEvent *event)
{
    m_dragStart = m_dragLast = event->pos();
    if (event->button() == Qt::RightButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)))
        m_drag = Drag::Band;
    else if (event->button() == Qt::LeftButton)
        m_drag = Drag::Pan;
    event->accept();
}

void MetricChart::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::Pan) {
        const QPoint delta = event->pos() - m_dragLast;
        m_dragLast = event->pos();
        if (!delta.isNull())
            panByPixels(delta.x(), delta.y());
    } else if (m_drag == Drag::Band) {
        m_dragLast = event->pos();
        update();
    }
    hoverAt(event->pos());
}

void MetricChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag == Drag::Band)
        zoomToPixelRect(QRect(m_dragStart, event->pos()));
    m_drag = Drag::None;
    update();
}

void MetricChart::mouseDoubleClickEvent(QMouseEvent *)
{
    resetView();
}

void MetricChart::leaveEvent(QEvent *)
{
    clearHover();
}

} // namespace wb::ui
