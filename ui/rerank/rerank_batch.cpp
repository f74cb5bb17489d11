#include "rerank_batch.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

namespace wb::ui {

RerankBatchRunner::RerankBatchRunner(api::StackApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
}

void RerankBatchRunner::start(const RerankBatchSpec &spec)
{
    if (m_running)
        m_cancel.cancel();
    ++m_generation;
    m_cancel = api::CancelToken();
    m_spec = spec;
    m_result = {};
    m_result.dataset = spec.dataset;
    m_result.queryColumn = spec.queryColumn;
    m_result.candidatesColumn = spec.candidatesColumn;
    m_result.labelsColumn = spec.labelsColumn;
    m_result.labelMode = spec.labelMode;
    m_result.k = spec.k;
    m_result.models = spec.models;
    m_rows.clear();
    m_rowIndex = 0;
    m_running = true;
    fetchPage(0);
}

void RerankBatchRunner::cancel()
{
    if (!m_running)
        return;
    m_cancel.cancel();
    ++m_generation; // the answer in flight is not waited for
    // The row in flight is not done: only finished rows are kept.
    if (m_result.rows.size() == m_rowIndex + 1) // pushed when it started, counted when it ends
        m_result.rows.pop_back();
    m_result.cancelled = true;
    finish();
}

void RerankBatchRunner::fetchPage(int start)
{
    const int generation = m_generation;
    api::onResult(m_api.iterrows(toStdString(m_spec.dataset), start, kPageSize), this,
                  [this, generation, start](const api::Result<api::PaginatedResponse> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            m_running = false;
            Q_EMIT failed(errorMessage(tr("Could not read the rows of %1.").arg(m_spec.dataset), r.error()));
            return;
        }
        for (const api::JsonObject &row : r->data)
            m_rows.push_back(row.value);
        if (r->has_more && !r->data.empty())
            return fetchPage(start + int(r->data.size()));
        m_result.totalRows = int(m_rows.size());
        decideLabelKind();
        Q_EMIT progress(0, m_result.totalRows);
        nextRow();
    });
}

void RerankBatchRunner::decideLabelKind()
{
    if (m_spec.labelsColumn.isEmpty())
        return;
    if (m_spec.labelMode != rerank::LabelMode::Auto) {
        m_labelKind = m_spec.labelMode == rerank::LabelMode::Graded ? rerank::LabelKind::Graded
                                                                    : rerank::LabelKind::Indices;
    } else {
        const std::string labelsColumn = toStdString(m_spec.labelsColumn);
        const std::string candidatesColumn = toStdString(m_spec.candidatesColumn);
        std::vector<std::pair<api::Json, size_t>> cells;
        for (const api::Json &row : m_rows) {
            const auto labels = row.find(labelsColumn);
            const auto candidates = row.find(candidatesColumn);
            if (labels == row.end() || candidates == row.end())
                continue;
            if (const auto parsed = rerank::parseCandidates(*candidates))
                cells.emplace_back(*labels, parsed->size());
        }
        m_labelKind = rerank::detectLabelKind(cells);
    }
    m_result.labelKind = m_labelKind;
}

void RerankBatchRunner::nextRow()
{
    while (m_rowIndex < m_rows.size()) {
        const api::Json &row = m_rows[m_rowIndex];
        rerank::BatchRowResult out;
        out.row = int(m_rowIndex);
        auto cell = [&row](const QString &column) {
            const auto it = row.find(toStdString(column));
            return it == row.end() ? api::Json() : *it;
        };
        const api::Result<std::string> query = rerank::parseQuery(cell(m_spec.queryColumn));
        const api::Result<std::vector<std::string>> candidates = rerank::parseCandidates(cell(m_spec.candidatesColumn));
        m_labels.reset();
        if (!query) {
            out.error = toQString(query.error().detail);
        } else if (!candidates) {
            out.query = toQString(*query);
            out.error = toQString(candidates.error().detail);
        } else {
            out.query = toQString(*query);
            out.candidates = int(candidates->size());
            if (!m_spec.labelsColumn.isEmpty()) {
                const api::Result<rerank::Labels> labels = rerank::parseLabels(cell(m_spec.labelsColumn), candidates->size(),
                                                                                     m_labelKind);
                if (labels) {
                    m_labels = *labels;
                    out.labelKind = labels->kind;
                } else {
                    out.error = toQString(labels.error().detail); // still ranked, without metrics
                }
            }
        }
        m_result.rows.push_back(std::move(out));
        if (!query || !candidates) {
            ++m_rowIndex;
            Q_EMIT progress(int(m_rowIndex), m_result.totalRows);
            continue;
        }
        m_candidates = *candidates;
        m_modelIndex = 0;
        return nextModel();
    }
    finish();
}

void RerankBatchRunner::nextModel()
{
    rerank::BatchRowResult &row = m_result.rows.back();
    if (m_modelIndex >= m_spec.models.size()) {
        ++m_rowIndex;
        Q_EMIT progress(int(m_rowIndex), m_result.totalRows);
        return nextRow();
    }
    api::RerankRequest request;
    request.model = toStdString(m_spec.models.at(m_modelIndex));
    request.query = toStdString(row.query);
    for (const std::string &c : m_candidates)
        request.items.emplace_back(c);
    const int generation = m_generation;
    api::onResult(m_api.rerank(std::move(request), m_cancel), this,
                  [this, generation](const api::Result<api::RerankResponse> &r) {
        if (generation != m_generation)
            return;
        rerank::BatchRowResult &row = m_result.rows.back();
        rerank::BatchModelScore score;
        if (!r) {
            score.error = errorMessage(r.error());
        } else {
            for (const api::RerankData &d : r->data) {
                score.ranking.push_back(int(d.index));
                score.scores.push_back(d.relevance_score);
            }
            if (m_labels) {
                // Tie-aware: input order must not break ties in the model's favour.
                score.ndcg = rerank::tieAwareNdcgAtK(score.ranking, score.scores, m_labels->relevance, m_spec.k);
                score.mrr = rerank::tieAwareReciprocalRank(score.ranking, score.scores, m_labels->relevance);
            }
        }
        row.models.push_back(std::move(score));
        ++m_modelIndex;
        nextModel();
    });
}

void RerankBatchRunner::finish()
{
    m_running = false;
    Q_EMIT finished();
}

} // namespace wb::ui
