#include "metrics_csv.h"

#include "chart_data.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace wb::ui {

namespace {
struct MetricsCsvTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::MetricsCsv)
};

QByteArray num(double v)
{
    return QByteArray::number(v, 'g', 17);
}

//! RFC 4180: quote a field that holds a comma, a quote or a line break.
QByteArray field(const std::string &text)
{
    QByteArray b = QByteArray::fromStdString(text);
    if (!b.contains(',') && !b.contains('"') && !b.contains('\n') && !b.contains('\r'))
        return b;
    b.replace("\"", "\"\"");
    return '"' + b + '"';
}
} // namespace

QByteArray metricsCsv(const std::vector<api::TrainingStepMetric> &metrics, double smoothing)
{
    std::vector<double> loss;
    loss.reserve(metrics.size());
    for (const api::TrainingStepMetric &m : metrics)
        loss.push_back(m.loss);
    const std::vector<double> smoothed = emaSmooth(loss, smoothing);

    QByteArray out = "step,epoch,loss,smoothed_loss,validation_loss,lr,grad_norm,tokens_per_second,tokens,time\n";
    out.reserve(out.size() + int(metrics.size()) * 120);
    for (size_t i = 0; i < metrics.size(); ++i) {
        const api::TrainingStepMetric &m = metrics[i];
        out += QByteArray::number(qint64(m.step)) + ',' + QByteArray::number(qint64(m.epoch)) + ',' + num(m.loss)
               + ',' + num(smoothed[i]) + ',' + (m.validation_loss ? num(*m.validation_loss) : QByteArray()) + ','
               + num(m.lr) + ',' + num(m.grad_norm) + ',' + num(m.tokens_per_second) + ','
               + QByteArray::number(qint64(m.tokens)) + ',' + field(m.time) + '\n';
    }
    return out;
}

QString writeMetricsCsv(const QString &path, const std::vector<api::TrainingStepMetric> &metrics, double smoothing)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return MetricsCsvTr::tr("Could not write %1: %2").arg(path, file.errorString());
    file.write(metricsCsv(metrics, smoothing));
    if (!file.commit())
        return MetricsCsvTr::tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace wb::ui
