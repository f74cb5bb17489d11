#pragma once

// Batch rerank over a dataset's rows: reads every row (iterrows, in pages), takes the query, the
// candidates and optional relevance labels from the chosen columns, reranks the candidates with
// each model, one request at a time, and scores the ranking (tie-aware NDCG@k and MRR;
// rerank_metrics.h). In Auto mode the labels are read one way for the whole dataset
// (detectLabelKind), decided once every row is read.
// A row that cannot be read, or a model call that fails, is recorded on that row and the run goes
// on. Cancel stops after the request in flight (which is cancelled too) and keeps the rows done.

#include "rerank_batch_result.h"

#include "api/cancel.h"
#include "api/stack_api.h"

#include <QObject>

namespace wb::ui {

struct RerankBatchSpec
{
    QString dataset;
    QString queryColumn;
    QString candidatesColumn;
    QString labelsColumn; //!< empty: no labels (rankings only, no metrics)
    rerank::LabelMode labelMode = rerank::LabelMode::Auto;
    int k = 10;
    QStringList models; //!< one or two
};

class RerankBatchRunner : public QObject
{
    Q_OBJECT
public:
    RerankBatchRunner(api::StackApi &api, QObject *parent);

    //! Starts a run (a running one is cancelled first). Ends with finished() or failed().
    void start(const RerankBatchSpec &spec);
    void cancel();
    bool isRunning() const { return m_running; }
    const rerank::BatchResult &result() const { return m_result; }

    static constexpr int kPageSize = 200;

Q_SIGNALS:
    //! `done` rows of `total` reranked.
    void progress(int done, int total);
    //! The run ended (also when cancelled: result().cancelled).
    void finished();
    //! The dataset could not be read; nothing was reranked.
    void failed(const QString &message);

private:
    void fetchPage(int start);
    void nextRow();
    void nextModel();
    void finish();
    void decideLabelKind();

    api::StackApi &m_api;
    RerankBatchSpec m_spec;
    rerank::BatchResult m_result;
    std::vector<api::Json> m_rows;
    size_t m_rowIndex = 0;
    int m_modelIndex = 0;
    std::vector<std::string> m_candidates; //!< of the row being reranked
    std::optional<rerank::Labels> m_labels;
    rerank::LabelKind m_labelKind = rerank::LabelKind::Graded;
    api::CancelToken m_cancel;
    int m_generation = 0;
    bool m_running = false;
};

} // namespace wb::ui
