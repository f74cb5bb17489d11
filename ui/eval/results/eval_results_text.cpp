#include "eval_results_text.h"

#include "common/json_text.h"

#include <QCoreApplication>

#include <cmath>

namespace wb::ui {

namespace {

struct ResultsTextTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::EvalResultsText)
};

QString number(const api::Json &value)
{
    if (value.is_number_integer())
        return QString::number(value.get<int64_t>());
    if (value.is_number()) {
        const double v = value.get<double>();
        return QString::number(v, 'f', 2);
    }
    return value.is_string() ? toQString(value.get<std::string>()) : compactJson(value);
}

//! 3.0 → "3": counts are floats upstream (Σscore).
QString count(const api::Json &value)
{
    if (value.is_number()) {
        const double v = value.get<double>();
        if (v == std::floor(v) && std::fabs(v) < 1e15)
            return QString::number(qint64(v));
        return QString::number(v, 'g', 6);
    }
    return compactJson(value);
}

QDateTime parseTime(const std::optional<std::string> &iso)
{
    if (!iso)
        return {};
    QDateTime t = QDateTime::fromString(toQString(*iso), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(toQString(*iso), Qt::ISODate);
    return t;
}

} // namespace

QString aggregationText(const std::string &name, const api::Json &value)
{
    const QString label = toQString(name); // the API's name: not translated
    if (!value.is_object())
        return label + QLatin1Char(' ') + number(value);
    if (name == "accuracy" && value.contains("accuracy")) {
        QString text = label + QLatin1Char(' ') + number(value["accuracy"]);
        if (value.contains("num_correct") && value.contains("num_total"))
            text += QStringLiteral(" (%1 / %2)").arg(count(value["num_correct"]), count(value["num_total"]));
        return text;
    }
    if (name == "categorical_count" && value.contains("categorical_count")
        && value["categorical_count"].is_object()) {
        QStringList parts;
        const api::Json &counts = value["categorical_count"];
        for (auto it = counts.begin(); it != counts.end(); ++it)
            parts << toQString(it.key()) + QStringLiteral(": ") + count(it.value());
        return label + QLatin1Char(' ') + parts.join(QStringLiteral(", "));
    }
    if (value.size() == 1 && value.contains(name))
        return label + QLatin1Char(' ') + number(value[name]);
    return label + QLatin1Char(' ') + compactJson(value);
}

QStringList aggregateLines(const api::EvalJobInfo &job)
{
    QStringList lines;
    for (const auto &[fn, results] : job.aggregated_results.entries) {
        QStringList parts;
        const api::Json &value = results.value;
        for (auto it = value.begin(); it != value.end(); ++it)
            parts << aggregationText(it.key(), it.value());
        lines << toQString(fn) + QStringLiteral(": ")
                     + (parts.isEmpty() ? ResultsTextTr::tr("no aggregation") : parts.join(QStringLiteral(" · ")));
    }
    return lines;
}

QString jobDuration(const api::EvalJobInfo &job, const QDateTime &now)
{
    const QDateTime start = parseTime(job.started_at);
    if (!start.isValid())
        return {};
    QDateTime end = parseTime(job.completed_at);
    if (!end.isValid())
        end = now;
    const qint64 seconds = std::max<qint64>(0, start.secsTo(end));
    if (seconds < 60)
        return ResultsTextTr::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return ResultsTextTr::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return ResultsTextTr::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString jobSummary(const api::EvalJobInfo &job, const QDateTime &now)
{
    QStringList parts;
    parts << QString::fromLatin1(api::enumName(job.status)); // the API's status name
    if (!job.benchmark_config.eval_candidate.model.empty())
        parts << toQString(job.benchmark_config.eval_candidate.model);
    QString rows = job.rows_total > 0
                       ? ResultsTextTr::tr("%1 of %2 rows done").arg(job.rows_done).arg(job.rows_total)
                       : ResultsTextTr::tr("%1 rows done").arg(job.rows_done);
    if (job.rows_failed > 0)
        rows += ResultsTextTr::tr(", %1 failed").arg(job.rows_failed);
    parts << rows;
    const QString duration = jobDuration(job, now);
    if (!duration.isEmpty())
        parts << duration;
    QString text = parts.join(QStringLiteral(" · "));
    if (job.error)
        text += QLatin1Char('\n') + toQString(*job.error);
    return text;
}

} // namespace wb::ui
