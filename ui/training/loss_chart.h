#pragma once

// The live charts of one training job: the training loss per step (raw, faded, under its EMA
// smoothing) with the validation loss of each epoch as markers, and below it two small charts of
// the learning rate and the throughput (tokens/s). Controls: smoothing slider (0..0.99), log
// scale, reset zoom, export as PNG / SVG (all three charts) and CSV (every step, full precision).
//
// It keeps every metric received (appendMetrics, in step order); the charts draw decimated views
// of them, so a 100,000-step run stays smooth. The export functions take a path and return an
// error text (empty on success): the buttons ask for the path, tests call them directly.

#include "api/post_training_jobs.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPainter;
class QPushButton;
class QSlider;

namespace wb::ui {

class MetricChart;

class LossChart : public QWidget
{
    Q_OBJECT
public:
    explicit LossChart(QWidget *parent);

    void clear();
    //! Adds steps after those already shown (a step already present is skipped).
    void appendMetrics(const std::vector<api::TrainingStepMetric> &metrics);
    const std::vector<api::TrainingStepMetric> &metrics() const { return m_metrics; }

    MetricChart *lossChart() const { return m_loss; }
    MetricChart *lrChart() const { return m_lr; }
    MetricChart *throughputChart() const { return m_throughput; }
    QSlider *smoothingSlider() const { return m_smoothingSlider; }
    QCheckBox *logScaleBox() const { return m_logScale; }

    //! EMA weight 0..0.99 (moves the slider).
    void setSmoothing(double weight);
    double smoothing() const;
    void setLogScale(bool on);

    //! The three charts stacked as on screen, into `bounds`.
    void renderAll(QPainter &painter, const QRect &bounds) const;
    //! Default size: the charts' size on screen, at least 900 x 600.
    QString exportPng(const QString &path, QSize size = {}) const;
    QString exportSvg(const QString &path, QSize size = {}) const;
    QString exportCsv(const QString &path) const;

private:
    QSize exportSize(QSize size) const;
    void askExport(const QString &kind);
    void updateSmoothingLabel();

    std::vector<api::TrainingStepMetric> m_metrics;
    MetricChart *m_loss;
    MetricChart *m_lr;
    MetricChart *m_throughput;
    QSlider *m_smoothingSlider;
    QLabel *m_smoothingLabel;
    QCheckBox *m_logScale;
    QPushButton *m_reset;
};

} // namespace wb::ui
