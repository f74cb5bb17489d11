#include "rerank_export.h"

#include "common/json_text.h"
#include "datasets/export_format.h"

#include <QSaveFile>

namespace wb::ui::rerank {

namespace {

//! Fixed words (not the translated scale name) so exports read the same in every language.
const char *scaleKey(ScoreScale scale)
{
    return scale == ScoreScale::Raw ? "raw" : "sigmoid";
}

const char *labelModeName(LabelMode mode)
{
    switch (mode) {
    case LabelMode::Graded:
        return "graded";
    case LabelMode::Indices:
        return "indices";
    case LabelMode::Auto:
        break;
    }
    return "auto";
}

api::Json optionalNumber(const std::optional<double> &v)
{
    return v ? api::Json(*v) : api::Json();
}

api::Status writeFile(const QString &path, const std::string &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return api::Error::internal("could not write " + toStdString(path) + ": " + toStdString(file.errorString()));
    file.write(content.data(), qint64(content.size()));
    if (!file.commit())
        return api::Error::internal("could not write " + toStdString(path) + ": " + toStdString(file.errorString()));
    return {};
}

//! One model's ranked rows as JSON objects, with the rank against the other model when given.
std::vector<api::Json> rankedRows(const RerankOutcome &outcome, const RerankOutcome *other)
{
    const int count = int(outcome.items.size());
    const std::vector<int> otherRanks = other ? ranksByItem(other->response, count) : std::vector<int>();
    std::vector<api::Json> rows;
    for (size_t rank = 0; rank < outcome.response.data.size(); ++rank) {
        const api::RerankData &d = outcome.response.data[rank];
        api::Json row = api::Json::object();
        row["model"] = toStdString(outcome.model);
        row["rank"] = int64_t(rank + 1);
        row["index"] = d.index;
        row["rank_change"] = d.index - int64_t(rank);
        row["relevance_score"] = d.relevance_score;
        row["sigmoid"] = sigmoid(d.relevance_score);
        row["bar"] = scaleKey(outcome.scale);
        if (other) {
            const int o = d.index >= 0 && d.index < count ? otherRanks[size_t(d.index)] : -1;
            row["rank_vs_other"] = o >= 0 ? api::Json(int64_t(o) - int64_t(rank)) : api::Json();
        } else {
            row["rank_vs_other"] = api::Json();
        }
        row["item"] = d.index >= 0 && d.index < count ? toStdString(outcome.items.at(int(d.index))) : std::string();
        rows.push_back(std::move(row));
    }
    return rows;
}

const RerankOutcome *otherOf(const std::vector<RerankOutcome> &outcomes, size_t i)
{
    return outcomes.size() == 2 ? &outcomes[1 - i] : nullptr;
}

} // namespace

const char *labelKindName(LabelKind kind)
{
    return kind == LabelKind::Graded ? "graded" : "indices";
}

api::Json resultsJson(const std::vector<RerankOutcome> &outcomes)
{
    api::Json out = api::Json::object();
    out["query"] = outcomes.empty() ? std::string() : toStdString(outcomes.front().query);
    api::Json items = api::Json::array();
    if (!outcomes.empty())
        for (const QString &item : outcomes.front().items)
            items.push_back(toStdString(item));
    out["items"] = items;
    api::Json models = api::Json::array();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        api::Json model = api::Json::object();
        model["model"] = toStdString(outcomes[i].model);
        model["bar"] = scaleKey(outcomes[i].scale);
        model["score_meaning"] = toStdString(outcomes[i].scoreMeaning);
        api::Json results = api::Json::array();
        for (api::Json &row : rankedRows(outcomes[i], otherOf(outcomes, i))) {
            row.erase("model");
            row.erase("bar");
            results.push_back(std::move(row));
        }
        model["results"] = std::move(results);
        models.push_back(std::move(model));
    }
    out["models"] = std::move(models);
    return out;
}

api::Status writeResultsCsv(const QString &path, const std::vector<RerankOutcome> &outcomes)
{
    const std::vector<std::string> columns = {"model", "rank", "index", "rank_change", "relevance_score",
                                              "sigmoid", "bar", "rank_vs_other", "item"};
    std::string csv = csvHeader(columns);
    for (size_t i = 0; i < outcomes.size(); ++i)
        for (const api::Json &row : rankedRows(outcomes[i], otherOf(outcomes, i)))
            csv += csvRecord(row, columns);
    return writeFile(path, csv);
}

api::Status writeResultsJson(const QString &path, const std::vector<RerankOutcome> &outcomes)
{
    return writeFile(path, resultsJson(outcomes).dump(2) + "\n");
}

api::Json batchJson(const BatchResult &result)
{
    api::Json out = api::Json::object();
    out["dataset"] = toStdString(result.dataset);
    out["query_column"] = toStdString(result.queryColumn);
    out["candidates_column"] = toStdString(result.candidatesColumn);
    out["labels_column"] = result.labelsColumn.isEmpty() ? api::Json() : api::Json(toStdString(result.labelsColumn));
    out["label_mode"] = labelModeName(result.labelMode);
    out["labels_read_as"] = result.labelKind ? api::Json(labelKindName(*result.labelKind)) : api::Json();
    out["k"] = result.k;
    out["ties"] = "tie-aware: expected NDCG@k and MRR over random orders of equal scores";
    out["ndcg_gain"] = "(2^rel - 1) / log2(rank + 1), rank from 1";
    out["rows_total"] = result.totalRows;
    out["cancelled"] = result.cancelled;
    api::Json models = api::Json::array();
    for (int m = 0; m < result.models.size(); ++m)
        models.push_back({{"model", toStdString(result.models.at(m))},
                          {"mean_ndcg_at_k", optionalNumber(result.meanNdcg(m))},
                          {"mean_mrr", optionalNumber(result.meanMrr(m))},
                          {"rows_scored", result.scoredRows(m)}});
    out["models"] = std::move(models);
    api::Json rows = api::Json::array();
    for (const BatchRowResult &row : result.rows) {
        api::Json r = api::Json::object();
        r["row"] = row.row;
        r["query"] = toStdString(row.query);
        r["candidates"] = row.candidates;
        r["labels"] = row.labelKind ? api::Json(labelKindName(*row.labelKind)) : api::Json();
        r["error"] = row.error.isEmpty() ? api::Json() : api::Json(toStdString(row.error));
        api::Json scores = api::Json::array();
        for (size_t m = 0; m < row.models.size(); ++m) {
            const BatchModelScore &s = row.models[m];
            scores.push_back({{"model", m < size_t(result.models.size()) ? toStdString(result.models.at(int(m))) : ""},
                              {"ndcg_at_k", optionalNumber(s.ndcg)},
                              {"mrr", optionalNumber(s.mrr)},
                              {"ranking", s.ranking},
                              {"scores", s.scores},
                              {"error", s.error.isEmpty() ? api::Json() : api::Json(toStdString(s.error))}});
        }
        r["models"] = std::move(scores);
        rows.push_back(std::move(r));
    }
    out["rows"] = std::move(rows);
    return out;
}

api::Status writeBatchCsv(const QString &path, const BatchResult &result)
{
    const std::vector<std::string> columns = {"row", "model", "query", "candidates", "labels", "k",
                                              "ndcg_at_k", "mrr", "error"};
    std::string csv = csvHeader(columns);
    for (const BatchRowResult &row : result.rows) {
        const int models = std::max(1, int(row.models.size()));
        for (int m = 0; m < models; ++m) {
            const BatchModelScore *s = size_t(m) < row.models.size() ? &row.models[size_t(m)] : nullptr;
            api::Json r = {{"row", row.row},
                           {"model", m < result.models.size() && s ? toStdString(result.models.at(m)) : ""},
                           {"query", toStdString(row.query)},
                           {"candidates", row.candidates},
                           {"labels", row.labelKind ? api::Json(labelKindName(*row.labelKind)) : api::Json()},
                           {"k", result.k},
                           {"ndcg_at_k", s ? optionalNumber(s->ndcg) : api::Json()},
                           {"mrr", s ? optionalNumber(s->mrr) : api::Json()},
                           {"error", toStdString(!row.error.isEmpty() ? row.error : s ? s->error : QString())}};
            csv += csvRecord(r, columns);
        }
    }
    for (int m = 0; m < result.models.size(); ++m)
        csv += csvRecord({{"row", "mean"},
                          {"model", toStdString(result.models.at(m))},
                          {"candidates", api::Json()},
                          {"k", result.k},
                          {"ndcg_at_k", optionalNumber(result.meanNdcg(m))},
                          {"mrr", optionalNumber(result.meanMrr(m))}},
                         columns);
    return writeFile(path, csv);
}

api::Status writeBatchJson(const QString &path, const BatchResult &result)
{
    return writeFile(path, batchJson(result).dump(2) + "\n");
}

} // namespace wb::ui::rerank
