#pragma once

// What a batch rerank over a dataset produced: per row, each model's ranking and its NDCG@k and
// MRR against the row's labels (tie-aware, rerank_metrics.h), and the means over the rows that have them.

#include "rerank_metrics.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace wb::ui::rerank {

struct BatchModelScore
{
    std::vector<int> ranking; //!< candidate indices, best first
    std::optional<double> ndcg;
    std::optional<double> mrr;
    QString error; //!< the rerank call failed
    std::vector<double> scores; //!< relevance_score of each ranked candidate, best first (ties matter)
};

struct BatchRowResult
{
    int row = 0; //!< 0-based row of the dataset
    QString query;
    int candidates = 0;
    std::optional<LabelKind> labelKind; //!< none: no labels column, or they could not be read
    QString error;                      //!< the row could not be read (no rerank ran)
    std::vector<BatchModelScore> models; //!< one per BatchResult::models when the row was read
};

struct BatchResult
{
    QString dataset;
    QString queryColumn;
    QString candidatesColumn;
    QString labelsColumn; //!< empty: no labels
    LabelMode labelMode = LabelMode::Auto;
    std::optional<LabelKind> labelKind; //!< how the labels were read (none: no labels column)
    int k = 10;
    QStringList models;
    std::vector<BatchRowResult> rows;
    int totalRows = 0;
    bool cancelled = false;

    //! Means over the rows with a value for model `m`; nullopt when there is none.
    std::optional<double> meanNdcg(int m) const;
    std::optional<double> meanMrr(int m) const;
    //! Rows with metrics for model `m`.
    int scoredRows(int m) const;
    int rowsWith(LabelKind kind) const;
};

} // namespace wb::ui::rerank
