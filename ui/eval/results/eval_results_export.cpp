#include "eval_results_export.h"

#include "datasets/export_format.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QSaveFile>

namespace wb::ui {

namespace {

struct ExportTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::EvalResultsExport)
};

//! Rows are formatted into chunks of this many before each write.
constexpr size_t kChunkRows = 1000;

bool writeAll(QIODevice &out, const std::string &chunk)
{
    return out.write(chunk.data(), qint64(chunk.size())) == qint64(chunk.size());
}

std::string field(const QString &text)
{
    return csvField(text.toStdString());
}

} // namespace

EvalExportSnapshot makeExportSnapshot(const api::EvalJobInfo &job, const EvalRowTable &table,
                                      const std::vector<size_t> *positions)
{
    EvalExportSnapshot snapshot;
    snapshot.job = job;
    for (const EvalRowTable::FunctionInfo &f : table.functions())
        snapshot.functions.push_back(f.id);
    const size_t n = positions ? positions->size() : table.size();
    snapshot.rows.reserve(n);
    snapshot.outcomes.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t position = positions ? (*positions)[i] : i;
        snapshot.rows.push_back(table.entryPtr(position));
        snapshot.outcomes.push_back(table.outcome(position));
    }
    return snapshot;
}

const char *outcomeToken(RowOutcome outcome)
{
    switch (outcome) {
    case RowOutcome::Pass: return "pass";
    case RowOutcome::Fail: return "fail";
    case RowOutcome::Error: return "error";
    }
    return "";
}

QString writeEvalCsv(QIODevice &out, const EvalExportSnapshot &snapshot)
{
    std::vector<std::string> header = {"index", "input", "expected", "generated", "extracted_answer"};
    header.insert(header.end(), snapshot.functions.begin(), snapshot.functions.end());
    header.insert(header.end(), {"judge_feedback", "result", "error"});
    std::string chunk = csvHeader(header);
    for (size_t i = 0; i < snapshot.rows.size(); ++i) {
        const EvalRowEntry &e = *snapshot.rows[i];
        chunk += std::to_string(e.raw.index);
        for (const QString *text : {&e.input, &e.expected, &e.generated, &e.extracted})
            chunk += ',' + field(*text);
        for (size_t f = 0; f < snapshot.functions.size(); ++f) {
            chunk += ',';
            if (const ScoreCell *cell = e.score(f))
                chunk += field(cell->text);
        }
        chunk += ',' + field(e.feedback) + ',' + outcomeToken(snapshot.outcomes[i]) + ',' + field(e.error);
        chunk += "\r\n";
        if ((i + 1) % kChunkRows == 0) {
            if (!writeAll(out, chunk))
                return out.errorString();
            chunk.clear();
        }
    }
    return writeAll(out, chunk) ? QString() : out.errorString();
}

QString writeEvalJson(QIODevice &out, const EvalExportSnapshot &snapshot)
{
    // Streamed: one row at a time, so a 100,000-row run never exists as one JSON document.
    auto dump = [](const api::Json &j) { return j.dump(-1, ' ', false, api::Json::error_handler_t::replace); };
    std::string chunk = "{\"job\":" + dump(api::toJson(snapshot.job)) + ",\"rows\":[";
    for (size_t i = 0; i < snapshot.rows.size(); ++i) {
        chunk += (i ? ",\n" : "\n") + dump(api::toJson(snapshot.rows[i]->raw));
        if ((i + 1) % kChunkRows == 0) {
            if (!writeAll(out, chunk))
                return out.errorString();
            chunk.clear();
        }
    }
    chunk += "\n]}\n";
    return writeAll(out, chunk) ? QString() : out.errorString();
}

QString exportEvalResults(const QString &path, EvalExportFormat format, const EvalExportSnapshot &snapshot)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportTr::tr("Could not write %1: %2").arg(path, file.errorString());
    const QString error = format == EvalExportFormat::Csv ? writeEvalCsv(file, snapshot)
                                                          : writeEvalJson(file, snapshot);
    if (!error.isEmpty()) {
        file.cancelWriting();
        return ExportTr::tr("Could not write %1: %2").arg(path, error);
    }
    if (!file.commit())
        return ExportTr::tr("Could not save %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace wb::ui
