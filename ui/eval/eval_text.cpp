#include "eval_text.h"

#include "common/json_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace wb::ui {

namespace {
struct EvalTextTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::EvalText)
};

//! fn → {agg → {agg → value, ...}}: the value of the first aggregation of the first function.
const api::Json *mainMetric(const api::EvalJobInfo &job, std::string *name)
{
    if (job.aggregated_results.empty())
        return nullptr;
    // The benchmark's first function when it was aggregated, else whatever came first.
    const api::JsonObject *fn = job.scoring_functions.empty()
                                    ? nullptr
                                    : job.aggregated_results.find(job.scoring_functions.front());
    if (!fn)
        fn = &job.aggregated_results.entries.front().second;
    if (!fn->value.is_object() || fn->value.empty())
        return nullptr;
    const auto first = fn->value.begin();
    *name = first.key();
    const api::Json &inner = first.value();
    // The upstream nested shape keeps the value under the aggregation's own name.
    if (inner.is_object() && inner.contains(first.key()))
        return &inner[first.key()];
    return &inner;
}
} // namespace

QString jobStatusText(api::JobStatus status)
{
    switch (status) {
    case api::JobStatus::Scheduled: return EvalTextTr::tr("scheduled");
    case api::JobStatus::InProgress: return EvalTextTr::tr("running");
    case api::JobStatus::Completed: return EvalTextTr::tr("completed");
    case api::JobStatus::Failed: return EvalTextTr::tr("failed");
    case api::JobStatus::Cancelled: return EvalTextTr::tr("cancelled");
    }
    return {};
}

bool isActive(api::JobStatus status)
{
    return status == api::JobStatus::Scheduled || status == api::JobStatus::InProgress;
}

std::optional<double> mainMetricValue(const api::EvalJobInfo &job)
{
    std::string name;
    const api::Json *value = mainMetric(job, &name);
    if (!value || !value->is_number())
        return std::nullopt;
    return value->get<double>();
}

QString mainMetricText(const api::EvalJobInfo &job)
{
    std::string name;
    const api::Json *value = mainMetric(job, &name);
    if (!value)
        return {};
    const QString number = value->is_number() ? QLocale().toString(value->get<double>(), 'f', 3)
                                              : cellText(*value, 80);
    return EvalTextTr::tr("%1 %2").arg(toQString(name), number);
}

QString rowsText(const api::EvalJobInfo &job)
{
    if (job.rows_total <= 0 && job.rows_done <= 0)
        return QStringLiteral("\u2013");
    QString text = EvalTextTr::tr("%1 / %2").arg(QLocale().toString(qint64(job.rows_done)),
                                                  QLocale().toString(qint64(job.rows_total)));
    if (job.rows_failed > 0)
        text += EvalTextTr::tr(" \u00B7 %n failed", nullptr, int(job.rows_failed));
    return text;
}

QString aggregationName(api::AggregationFunctionType type)
{
    return QString::fromLatin1(api::enumName(type));
}

QString paramsTypeName(const api::ScoringFnParams &params)
{
    switch (params.index()) {
    case 0: return QStringLiteral("llm_as_judge");
    case 1: return QStringLiteral("regex_parser");
    default: return QStringLiteral("basic");
    }
}

QString timestampText(const std::string &iso)
{
    const QDateTime t = QDateTime::fromString(toQString(iso), Qt::ISODateWithMs);
    if (!t.isValid())
        return toQString(iso);
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

} // namespace wb::ui
