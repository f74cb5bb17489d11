#include "rerank_results_model.h"

#include <QBrush>
#include <QColor>

namespace wb::ui {

namespace {
QColor changeColour(int change)
{
    if (change > 0)
        return QColor(0x1b, 0x7f, 0x3a); // moved up: green
    if (change < 0)
        return QColor(0xb0, 0x00, 0x20); // moved down: red
    return QColor(0x70, 0x70, 0x70);
}
} // namespace

RerankResultsModel::RerankResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RerankResultsModel::setOutcome(const rerank::RerankOutcome &outcome)
{
    beginResetModel();
    m_outcome = outcome;
    m_other = {};
    m_otherRanks.clear();
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void RerankResultsModel::setOther(const rerank::RerankOutcome &other)
{
    m_other = other;
    m_otherRanks = other.model.isEmpty() ? std::vector<int>()
                                         : rerank::ranksByItem(other.response, int(m_outcome.items.size()));
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, VsOtherColumn), index(rowCount() - 1, VsOtherColumn));
    Q_EMIT headerDataChanged(Qt::Horizontal, VsOtherColumn, VsOtherColumn);
}

void RerankResultsModel::clear()
{
    setOutcome({});
}

int RerankResultsModel::itemIndex(int row) const
{
    return int(m_outcome.response.data.at(size_t(row)).index);
}

int RerankResultsModel::rankChange(int row) const
{
    return itemIndex(row) - row;
}

std::optional<int> RerankResultsModel::rankDifference(int row) const
{
    const int item = itemIndex(row);
    if (item < 0 || size_t(item) >= m_otherRanks.size() || m_otherRanks[size_t(item)] < 0)
        return std::nullopt;
    return m_otherRanks[size_t(item)] - row;
}

int RerankResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_outcome.response.data.size());
}

int RerankResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RerankResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const api::RerankData &d = m_outcome.response.data[size_t(index.row())];
    const int item = int(d.index);
    const QString text = item >= 0 && item < m_outcome.items.size() ? m_outcome.items.at(item) : QString();
    switch (index.column()) {
    case RankColumn:
        if (role == Qt::DisplayRole || role == ValueRole)
            return index.row() + 1;
        if (role == Qt::ToolTipRole)
            return tr("Item %1 of the input").arg(item + 1);
        break;
    case ChangeColumn: {
        const int change = rankChange(index.row());
        if (role == Qt::DisplayRole)
            return rerank::rankChangeText(change);
        if (role == ValueRole)
            return change;
        if (role == Qt::ForegroundRole)
            return QBrush(changeColour(change));
        if (role == Qt::ToolTipRole)
            return tr("Input position %1, ranked %2").arg(item + 1).arg(index.row() + 1);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignCenter);
        break;
    }
    case ScoreColumn: {
        const double bar = rerank::barValue(d.relevance_score, m_outcome.scale);
        if (role == Qt::DisplayRole)
            return QString::number(bar, 'f', 3);
        if (role == ValueRole || role == BarRole)
            return bar;
        if (role == Qt::ToolTipRole)
            return tr("The bar shows the %1").arg(rerank::scaleName(m_outcome.scale));
        break;
    }
    case RawColumn:
        if (role == Qt::DisplayRole)
            return QString::number(d.relevance_score, 'g', 6);
        if (role == ValueRole)
            return d.relevance_score;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SigmoidColumn:
        if (role == Qt::DisplayRole)
            return QString::number(rerank::sigmoid(d.relevance_score), 'f', 4);
        if (role == ValueRole)
            return rerank::sigmoid(d.relevance_score);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case VsOtherColumn: {
        const std::optional<int> diff = rankDifference(index.row());
        if (role == Qt::DisplayRole)
            return diff ? rerank::rankChangeText(*diff) : QStringLiteral("–");
        if (role == ValueRole)
            return diff ? QVariant(*diff) : QVariant();
        if (role == Qt::ForegroundRole && diff)
            return QBrush(changeColour(*diff));
        if (role == Qt::ToolTipRole)
            return diff ? tr("%1 ranks this item %2").arg(m_other.model).arg(m_otherRanks[size_t(item)] + 1)
                        : tr("%1 did not rank this item").arg(m_other.model);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignCenter);
        break;
    }
    case ItemColumn:
        if (role == Qt::DisplayRole)
            return QString(text).replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (role == Qt::ToolTipRole || role == ValueRole)
            return text;
        break;
    default:
        break;
    }
    return {};
}

QVariant RerankResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case RankColumn: return tr("Rank");
        case ChangeColumn: return tr("Δ input");
        case ScoreColumn: return tr("Bar: %1").arg(rerank::scaleName(m_outcome.scale));
        case RawColumn: return tr("Raw");
        case SigmoidColumn: return tr("Sigmoid");
        case VsOtherColumn: return m_other.model.isEmpty() ? tr("Δ other") : tr("Δ %1").arg(m_other.model);
        case ItemColumn: return tr("Item");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ChangeColumn: return tr("Places moved against the input order: ▲ up, ▼ down, = kept");
        case ScoreColumn:
            return m_outcome.scale == rerank::ScoreScale::Raw
                       ? tr("The bar shows the raw score (it is already in [0, 1])")
                       : tr("The bar shows sigmoid(raw): the raw scores are not in [0, 1]");
        case RawColumn: return tr("The score the model answered, unchanged");
        case SigmoidColumn: return tr("1 / (1 + e^−raw): comparable with logit-scoring models");
        case VsOtherColumn:
            return tr("Places this model ranks the item above (▲) or below (▼) %1")
                .arg(m_other.model.isEmpty() ? tr("the other model") : m_other.model);
        default: return {};
        }
    }
    return {};
}

} // namespace wb::ui
