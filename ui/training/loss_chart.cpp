#include "loss_chart.h"

#include "metric_chart.h"
#include "metrics_csv.h"

#include "common/error_display.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace wb::ui {

LossChart::LossChart(QWidget *parent)
    : QWidget(parent)
    , m_loss(new MetricChart(this))
    , m_lr(new MetricChart(this))
    , m_throughput(new MetricChart(this))
    , m_smoothingSlider(new QSlider(Qt::Horizontal, this))
    , m_smoothingLabel(new QLabel(this))
    , m_logScale(new QCheckBox(tr("Log scale"), this))
    , m_reset(new QPushButton(tr("Reset zoom"), this))
{
    setObjectName(QStringLiteral("lossChart"));
    m_loss->setObjectName(QStringLiteral("lossMetricChart"));
    m_loss->setTitle(tr("Training loss"));
    m_loss->setValueName(tr("loss"));
    m_loss->setMarkerName(tr("validation loss"));
    m_lr->setObjectName(QStringLiteral("lrMetricChart"));
    m_lr->setTitle(tr("Learning rate"));
    m_lr->setValueName(tr("learning rate"));
    m_lr->setColor(QColor(0x2e, 0x7d, 0x32));
    m_throughput->setObjectName(QStringLiteral("throughputMetricChart"));
    m_throughput->setTitle(tr("Throughput (tokens/s)"));
    m_throughput->setValueName(tr("tokens/s"));
    m_throughput->setColor(QColor(0x6a, 0x1b, 0x9a));
    for (MetricChart *small : {m_lr, m_throughput})
        small->setMinimumHeight(110);
    m_loss->setMinimumHeight(180);

    m_smoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothingSlider->setRange(0, 99);
    m_smoothingSlider->setValue(60);
    m_smoothingSlider->setToolTip(tr("Exponential moving average of the loss (0: off)"));
    m_smoothingLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 4);
    connect(m_smoothingSlider, &QSlider::valueChanged, this, [this](int v) {
        m_loss->setSmoothing(v / 100.0);
        updateSmoothingLabel();
    });
    m_loss->setSmoothing(0.6);
    updateSmoothingLabel();

    m_logScale->setObjectName(QStringLiteral("logScaleCheck"));
    m_logScale->setToolTip(tr("Loss on a logarithmic axis (values ≤ 0 are left out)"));
    connect(m_logScale, &QCheckBox::toggled, m_loss, &MetricChart::setLogScale);

    m_reset->setObjectName(QStringLiteral("resetZoomButton"));
    m_reset->setToolTip(tr("Show every step again (also: double-click a chart)"));
    connect(m_reset, &QPushButton::clicked, this, [this] {
        for (MetricChart *c : {m_loss, m_lr, m_throughput})
            c->resetView();
    });
    // Zooming the loss chart moves the small charts to the same steps, so they line up.
    connect(m_loss, &MetricChart::viewChanged, this, [this] {
        m_reset->setEnabled(m_loss->isZoomed());
        for (MetricChart *c : {m_lr, m_throughput}) {
            if (m_loss->isZoomed()) {
                const auto [x0, x1] = m_loss->xRange();
                c->setXRange(x0, x1);
            } else {
                c->resetView();
            }
        }
    });
    m_reset->setEnabled(false);

    // One Export button with a menu keeps the row narrow enough for the smoothing slider.
    auto *exportMenu = new QMenu(this);
    QAction *png = exportMenu->addAction(tr("Charts as PNG…"), this, [this] { askExport(QStringLiteral("png")); });
    png->setObjectName(QStringLiteral("exportPngAction"));
    QAction *svg = exportMenu->addAction(tr("Charts as SVG…"), this, [this] { askExport(QStringLiteral("svg")); });
    svg->setObjectName(QStringLiteral("exportSvgAction"));
    QAction *csv = exportMenu->addAction(tr("Metrics as CSV (every step)…"), this,
                                         [this] { askExport(QStringLiteral("csv")); });
    csv->setObjectName(QStringLiteral("exportCsvAction"));
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("exportChartButton"));
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save the charts as PNG or SVG, or every step's metrics as CSV"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setMenu(exportMenu);
    m_smoothingSlider->setMinimumWidth(100);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(m_smoothingSlider, 1);
    controls->addWidget(m_smoothingLabel);
    controls->addWidget(m_logScale);
    controls->addWidget(m_reset);
    controls->addWidget(exportButton);

    auto *smallCharts = new QHBoxLayout;
    smallCharts->addWidget(m_lr);
    smallCharts->addWidget(m_throughput);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_loss, 3);
    layout->addLayout(smallCharts, 2);
}

void LossChart::updateSmoothingLabel()
{
    m_smoothingLabel->setText(QString::number(m_smoothingSlider->value() / 100.0, 'f', 2));
}

void LossChart::clear()
{
    m_metrics.clear();
    for (MetricChart *c : {m_loss, m_lr, m_throughput})
        c->clear();
}

void LossChart::appendMetrics(const std::vector<api::TrainingStepMetric> &metrics)
{
    std::vector<QPointF> loss;
    std::vector<QPointF> lr;
    std::vector<QPointF> throughput;
    bool newMarkers = false;
    for (const api::TrainingStepMetric &m : metrics) {
        if (!m_metrics.empty() && m.step <= m_metrics.back().step)
            continue; // a page that overlaps what we have (a resumed job re-polled)
        m_metrics.push_back(m);
        const double x = double(m.step);
        loss.emplace_back(x, m.loss);
        lr.emplace_back(x, m.lr);
        throughput.emplace_back(x, m.tokens_per_second);
        newMarkers = newMarkers || m.validation_loss.has_value();
    }
    m_loss->append(loss);
    m_lr->append(lr);
    m_throughput->append(throughput);
    if (newMarkers) {
        SeriesData markers = m_loss->markers();
        for (const api::TrainingStepMetric &m : metrics)
            if (m.validation_loss && (markers.empty() || double(m.step) > markers.x.back()))
                markers.append(double(m.step), *m.validation_loss);
        m_loss->setMarkers(std::move(markers));
    }
}

void LossChart::setSmoothing(double weight)
{
    m_smoothingSlider->setValue(int(std::lround(weight * 100.0)));
}

double LossChart::smoothing() const
{
    return m_smoothingSlider->value() / 100.0;
}

void LossChart::setLogScale(bool on)
{
    m_logScale->setChecked(on);
}

void LossChart::renderAll(QPainter &painter, const QRect &bounds) const
{
    const int lossHeight = bounds.height() * 3 / 5;
    m_loss->render(painter, QRect(bounds.left(), bounds.top(), bounds.width(), lossHeight));
    const int half = bounds.width() / 2;
    const QRect lower(bounds.left(), bounds.top() + lossHeight, bounds.width(), bounds.height() - lossHeight);
    m_lr->render(painter, QRect(lower.left(), lower.top(), half, lower.height()));
    m_throughput->render(painter, QRect(lower.left() + half, lower.top(), lower.width() - half, lower.height()));
}

QSize LossChart::exportSize(QSize size) const
{
    if (size.isValid() && !size.isEmpty())
        return size;
    return QSize(std::max(900, m_loss->width()), std::max(600, m_loss->height() + m_lr->height()));
}

QString LossChart::exportPng(const QString &path, QSize size) const
{
    size = exportSize(size);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderAll(painter, QRect(QPoint(0, 0), size));
    }
    if (!image.save(path, "PNG"))
        return tr("Could not write the image %1.").arg(path);
    return {};
}

QString LossChart::exportSvg(const QString &path, QSize size) const
{
    size = exportSize(size);
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(tr("Training metrics"));
    QPainter painter;
    if (!painter.begin(&generator))
        return tr("Could not write the drawing %1.").arg(path);
    renderAll(painter, QRect(QPoint(0, 0), size));
    if (!painter.end())
        return tr("Could not write the drawing %1.").arg(path);
    return {};
}

QString LossChart::exportCsv(const QString &path) const
{
    return writeMetricsCsv(path, m_metrics, smoothing());
}

void LossChart::askExport(const QString &kind)
{
    const QString filter = kind == QLatin1String("png")   ? tr("PNG image (*.png)")
                           : kind == QLatin1String("svg") ? tr("SVG drawing (*.svg)")
                                                          : tr("CSV file (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export training metrics"),
                                                      QStringLiteral("training-metrics.") + kind, filter);
    if (path.isEmpty())
        return;
    const QString error = kind == QLatin1String("png")   ? exportPng(path)
                          : kind == QLatin1String("svg") ? exportSvg(path)
                                                         : exportCsv(path);
    if (!error.isEmpty())
        showError(this, error);
}

} // namespace wb::ui
