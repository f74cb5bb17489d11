#pragma once

// One chart of a training metric over steps, painted by hand (QPainter) so that what is drawn is
// exactly the decimated data: per pixel column the min and max of the visible points
// (chart_data.h), recomputed when the data, the visible range or the width change. The loss chart
// adds an EMA-smoothed curve over the faded raw one and markers (validation loss per epoch); the
// small charts (learning rate, tokens/s) show one line.
//
// Interaction: the wheel zooms the steps around the cursor, a left drag pans, a right drag (or
// Shift + left drag) zooms to the rubber band, a double click resets; hovering shows a crosshair
// with the step, the value and the smoothed value. render() paints into any QPainter, so PNG and
// SVG export draw what the screen shows.

#include "chart_data.h"

#include <QColor>
#include <QWidget>

#include <optional>
#include <utility>

namespace wb::ui {

class MetricChart : public QWidget
{
    Q_OBJECT
public:
    explicit MetricChart(QWidget *parent);

    void setTitle(const QString &title);
    QString title() const { return m_title; }
    //! The value's name in the hover text ("loss", "learning rate").
    void setValueName(const QString &name) { m_valueName = name; }
    void setMarkerName(const QString &name) { m_markerName = name; }
    void setColor(const QColor &color);

    //! Replaces the points (x increasing).
    void setData(SeriesData data);
    //! Appends points after the last one (live training); the view follows when not zoomed.
    void append(const std::vector<QPointF> &points);
    void clear();
    const SeriesData &data() const { return m_data; }
    //! Points drawn as markers on top of the line (validation loss at the end of each epoch).
    void setMarkers(SeriesData markers);
    const SeriesData &markers() const { return m_markers; }

    //! EMA weight in [0, 0.99]; 0 draws the raw line only.
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }
    const std::vector<double> &smoothed() const { return m_smoothed; }
    void setLogScale(bool on);
    bool logScale() const { return m_log; }

    //! The visible steps: the whole data unless zoomed or panned.
    std::pair<double, double> xRange() const;
    //! The y axis as drawn for the current view.
    ValueAxis yAxis() const;
    bool isZoomed() const { return m_xFixed.has_value() || m_yFixed.has_value(); }
    void setXRange(double x0, double x1);
    //! Zooms the steps by `factor` (< 1: in) keeping `anchorX` where it is.
    void zoomBy(double factor, double anchorX);
    //! Zooms to a rectangle in widget pixels (x and y).
    void zoomToPixelRect(const QRect &rect);
    //! Pans by a drag of (dx, dy) pixels.
    void panByPixels(int dx, int dy);
    void resetView();

    //! The raw points drawn for the current view and width (the decimated line).
    std::vector<QPointF> drawnPoints() const;
    //! Shows the crosshair at widget position `pos` (what hovering does); an empty text when the
    //! chart has no data there.
    void hoverAt(const QPoint &pos);
    void clearHover();
    QString hoverText() const { return m_hoverText; }
    std::optional<size_t> hoverIndex() const { return m_hoverIndex; }

    QRect plotRect(const QRect &bounds) const;
    //! Paints the chart into `bounds` of `painter` (screen, QImage or QSvgGenerator).
    void render(QPainter &painter, const QRect &bounds) const;

    QSize sizeHint() const override { return {480, 220}; }
    QSize minimumSizeHint() const override { return {200, 110}; }

Q_SIGNALS:
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Drawn
    {
        std::vector<QPointF> raw;
        std::vector<QPointF> smooth;
        ValueAxis axis;
    };
    //! The decimated lines and axis for a plot `width` pixels wide; cached for the widget's own.
    const Drawn &drawn(int width) const;
    Drawn compute(int width) const;
    std::pair<double, double> fullXRange() const;
    void invalidate();
    double xAtPixel(const QRect &plot, double px) const;

    QString m_title;
    QString m_valueName;
    QString m_markerName;
    QColor m_color{0x1f, 0x6f, 0xd1};
    SeriesData m_data;
    SeriesData m_markers;
    std::vector<double> m_smoothed;
    double m_smoothing = 0.0;
    bool m_log = false;
    std::optional<std::pair<double, double>> m_xFixed;
    std::optional<std::pair<double, double>> m_yFixed; //!< in axis units (log10 on a log axis)

    mutable std::optional<Drawn> m_cache;
    mutable int m_cacheWidth = -1;

    enum class Drag { None, Pan, Band };
    Drag m_drag = Drag::None;
    QPoint m_dragStart;
    QPoint m_dragLast;
    QPoint m_hoverPos;
    std::optional<size_t> m_hoverIndex;
    QString m_hoverText;
};

} // namespace wb::ui
