#pragma once

// The per-step training metrics as CSV at full resolution (every step, every digit), with the
// smoothed loss as the chart shows it, for a spreadsheet or a notebook.

#include "api/post_training_jobs.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace wb::ui {

//! Header "step,epoch,loss,smoothed_loss,validation_loss,lr,grad_norm,tokens_per_second,tokens,time"
//! then one line per step; numbers with 17 significant digits (they read back exactly); an empty
//! validation_loss where the step has none.
QByteArray metricsCsv(const std::vector<api::TrainingStepMetric> &metrics, double smoothing);

//! Writes metricsCsv to `path` (atomically); a readable error, or empty on success.
QString writeMetricsCsv(const QString &path, const std::vector<api::TrainingStepMetric> &metrics, double smoothing);

} // namespace wb::ui
