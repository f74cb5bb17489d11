#include "eval_compare.h"

#include "eval_rows_model.h"

#include "common/json_text.h"

#include <QColor>

#include <algorithm>

namespace wb::ui {

RunComparison compareRuns(const EvalRowTable &base, const EvalRowTable &changed)
{
    RunComparison result;
    result.pairs.reserve(std::min(base.size(), changed.size()));
    for (size_t b = 0; b < base.size(); ++b) {
        const int64_t index = base.entry(b).raw.index;
        const int64_t c = changed.positionOf(index);
        if (c < 0) {
            ++result.unpaired;
            continue;
        }
        RowPair pair;
        pair.index = index;
        pair.basePosition = b;
        pair.changedPosition = size_t(c);
        const bool basePass = base.outcome(b) == RowOutcome::Pass;
        const bool changedPass = changed.outcome(size_t(c)) == RowOutcome::Pass;
        if (basePass && !changedPass) {
            pair.category = PairCategory::Regression;
            ++result.regressions;
        } else if (!basePass && changedPass) {
            pair.category = PairCategory::Improvement;
            ++result.improvements;
        } else if (basePass) {
            pair.category = PairCategory::BothPass;
            ++result.bothPass;
        } else {
            pair.category = PairCategory::BothFail;
            ++result.bothFail;
        }
        result.pairs.push_back(pair);
    }
    result.unpaired += int64_t(changed.size()) - int64_t(result.pairs.size());
    std::sort(result.pairs.begin(), result.pairs.end(),
              [](const RowPair &a, const RowPair &b) { return a.index < b.index; });
    result.mcnemar = mcnemarTest(result.regressions, result.improvements);
    return result;
}

EvalCompareModel::EvalCompareModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EvalCompareModel::setComparison(const EvalRowTable *base, const EvalRowTable *changed,
                                     RunComparison comparison, const QString &baseName,
                                     const QString &changedName)
{
    beginResetModel();
    m_base = base;
    m_changed = changed;
    m_comparison = std::move(comparison);
    m_baseName = baseName;
    m_changedName = changedName;
    endResetModel();
}

void EvalCompareModel::clear()
{
    beginResetModel();
    m_base = nullptr;
    m_changed = nullptr;
    m_comparison = {};
    endResetModel();
}

QString EvalCompareModel::categoryName(PairCategory category)
{
    switch (category) {
    case PairCategory::Regression: return tr("regression");
    case PairCategory::Improvement: return tr("improvement");
    case PairCategory::BothPass: return tr("both pass");
    case PairCategory::BothFail: return tr("both fail");
    }
    return {};
}

QString EvalCompareModel::scoresText(const EvalRowTable &table, size_t position) const
{
    QStringList parts;
    const EvalRowEntry &e = table.entry(position);
    for (size_t f = 0; f < table.functions().size(); ++f) {
        const ScoreCell *cell = e.score(f);
        parts << (cell ? cell->text : QStringLiteral("–"));
    }
    return parts.join(QStringLiteral(" · "));
}

int EvalCompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_base ? 0 : int(m_comparison.pairs.size());
}

int EvalCompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvalCompareModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RowPair &pair = m_comparison.pairs[size_t(index.row())];
    if (role == CategoryRole)
        return int(pair.category);
    if (role == Qt::ForegroundRole && index.column() == CategoryColumn) {
        if (pair.category == PairCategory::Regression)
            return QColor(0xc6, 0x28, 0x28);
        if (pair.category == PairCategory::Improvement)
            return QColor(0x2e, 0x7d, 0x32);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const EvalRowEntry &base = m_base->entry(pair.basePosition);
    const EvalRowEntry &changed = m_changed->entry(pair.changedPosition);
    switch (index.column()) {
    case IndexColumn: return qlonglong(pair.index);
    case CategoryColumn: return categoryName(pair.category);
    case InputColumn: return oneLine(base.input);
    case ExpectedColumn: return oneLine(base.expected);
    case BaseResultColumn: return EvalRowsModel::outcomeName(m_base->outcome(pair.basePosition));
    case BaseScoresColumn: return scoresText(*m_base, pair.basePosition);
    case BaseGeneratedColumn: return oneLine(base.generated);
    case ChangedResultColumn: return EvalRowsModel::outcomeName(m_changed->outcome(pair.changedPosition));
    case ChangedScoresColumn: return scoresText(*m_changed, pair.changedPosition);
    case ChangedGeneratedColumn: return oneLine(changed.generated);
    default: return {};
    }
}

QVariant EvalCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn: return tr("#");
    case CategoryColumn: return tr("Change");
    case InputColumn: return tr("Input");
    case ExpectedColumn: return tr("Expected");
    case BaseResultColumn: return tr("Result (%1)").arg(m_baseName);
    case BaseScoresColumn: return tr("Scores (%1)").arg(m_baseName);
    case BaseGeneratedColumn: return tr("Generated (%1)").arg(m_baseName);
    case ChangedResultColumn: return tr("Result (%1)").arg(m_changedName);
    case ChangedScoresColumn: return tr("Scores (%1)").arg(m_changedName);
    case ChangedGeneratedColumn: return tr("Generated (%1)").arg(m_changedName);
    default: return {};
    }
}

void EvalCompareFilterModel::setCategory(std::optional<PairCategory> category)
{
    m_category = category;
    invalidateFilter();
}

bool EvalCompareFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_category)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(EvalCompareModel::CategoryRole).toInt() == int(*m_category);
}

} // namespace wb::ui
