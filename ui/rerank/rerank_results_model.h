#pragma once

// One model's rerank answer as a table, best first: rank, the rank change against the input order
// (▲ moved up, ▼ down, = kept; green, red, grey), the score the bar shows (see rerank_scores.h
// for raw vs sigmoid), the raw score, sigmoid(raw), the rank difference against a second model
// (when one is compared) and the item's text.

#include "rerank_scores.h"

#include <QAbstractTableModel>

#include <vector>

namespace wb::ui {

class RerankResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RankColumn, ChangeColumn, ScoreColumn, RawColumn, SigmoidColumn, VsOtherColumn, ItemColumn, ColumnCount };
    enum Role {
        ValueRole = Qt::UserRole, //!< the cell's number (rank, change, score, ...) for sorting and tests
        BarRole,                  //!< ScoreColumn: the bar's fill in [0, 1]
    };

    explicit RerankResultsModel(QObject *parent);

    void setOutcome(const rerank::RerankOutcome &outcome);
    //! The other model's answer for the same items (VsOtherColumn); an empty model name: none.
    void setOther(const rerank::RerankOutcome &other);
    void clear();

    const rerank::RerankOutcome &outcome() const { return m_outcome; }
    bool isEmpty() const { return m_outcome.response.data.empty(); }
    //! Row `row`'s item index in the input.
    int itemIndex(int row) const;
    //! Places moved up against the input order (negative: down).
    int rankChange(int row) const;
    //! Places this model ranks the item above the other model (negative: below); nullopt when
    //! there is no other model or it did not rank the item.
    std::optional<int> rankDifference(int row) const;
    QString otherModel() const { return m_other.model; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    rerank::RerankOutcome m_outcome;
    rerank::RerankOutcome m_other;
    std::vector<int> m_otherRanks;
};

} // namespace wb::ui
