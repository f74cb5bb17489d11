#include "eval_rows_filter.h"

#include "eval_rows_model.h"

#include <cmath>

namespace wb::ui {

EvalRowsFilterModel::EvalRowsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void EvalRowsFilterModel::setRowsModel(EvalRowsModel *model)
{
    m_rows = model;
    setSourceModel(model);
}

void EvalRowsFilterModel::setShow(Show show)
{
    if (show == m_show)
        return;
    m_show = show;
    refilter();
}

void EvalRowsFilterModel::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    m_foldedSearch = text.toCaseFolded();
    refilter();
}

void EvalRowsFilterModel::refilter()
{
    // invalidateFilter() reports every gap between shown rows as its own insert or remove: going
    // from 10,000 shown rows back to 100,000 costs seconds with a view attached. invalidate()
    // rebuilds the mapping once behind a single layout change (and sorts again).
    invalidate();
}

std::vector<size_t> EvalRowsFilterModel::visiblePositions() const
{
    std::vector<size_t> positions;
    const int n = rowCount();
    positions.reserve(size_t(n));
    for (int row = 0; row < n; ++row)
        positions.push_back(size_t(mapToSource(index(row, 0)).row()));
    return positions;
}

bool EvalRowsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_rows)
        return true;
    const EvalRowTable &table = m_rows->table();
    const size_t row = size_t(sourceRow);
    switch (m_show) {
    case Show::All: break;
    case Show::Failures: if (table.outcome(row) != RowOutcome::Fail) return false; break;
    case Show::Passes: if (table.outcome(row) != RowOutcome::Pass) return false; break;
    case Show::Errors: if (table.outcome(row) != RowOutcome::Error) return false; break;
    }
    return m_foldedSearch.isEmpty() || table.entry(row).haystack.contains(m_foldedSearch);
}

namespace {

//! NaN (no numeric score) comes after every number in either direction: `nanLast` is +1 for an
//! ascending sort and -1 for a descending one (the proxy reverses the comparison).
int compareNumbers(double a, double b, int nanLast)
{
    const bool aNan = std::isnan(a);
    const bool bNan = std::isnan(b);
    if (aNan || bNan)
        return aNan == bNan ? 0 : (aNan ? nanLast : -nanLast);
    return a < b ? -1 : (a > b ? 1 : 0);
}

} // namespace

bool EvalRowsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_rows)
        return QSortFilterProxyModel::lessThan(left, right);
    const EvalRowTable &table = m_rows->table();
    const size_t l = size_t(left.row());
    const size_t r = size_t(right.row());
    const EvalRowEntry &a = table.entry(l);
    const EvalRowEntry &b = table.entry(r);
    const int column = left.column();
    int order = 0;
    if (column == EvalRowsModel::IndexColumn) {
        order = a.raw.index < b.raw.index ? -1 : (a.raw.index > b.raw.index ? 1 : 0);
    } else if (column == EvalRowsModel::ResultColumn) {
        order = int(table.outcome(l)) - int(table.outcome(r));
    } else if (const int f = m_rows->functionOfColumn(column); f >= 0) {
        const ScoreCell *ca = a.score(size_t(f));
        const ScoreCell *cb = b.score(size_t(f));
        const double va = ca ? ca->value : std::nan("");
        const double vb = cb ? cb->value : std::nan("");
        order = compareNumbers(va, vb, sortOrder() == Qt::AscendingOrder ? 1 : -1);
        if (order == 0 && ca && cb && std::isnan(va)) // string categories ("A", "B"): by text
            order = QString::compare(ca->text, cb->text, Qt::CaseInsensitive);
    } else {
        const QString *ta = nullptr;
        const QString *tb = nullptr;
        switch (column) {
        case EvalRowsModel::InputColumn: ta = &a.input; tb = &b.input; break;
        case EvalRowsModel::ExpectedColumn: ta = &a.expected; tb = &b.expected; break;
        case EvalRowsModel::GeneratedColumn: ta = &a.generated; tb = &b.generated; break;
        case EvalRowsModel::ExtractedColumn: ta = &a.extracted; tb = &b.extracted; break;
        default:
            if (column == m_rows->feedbackColumn()) {
                ta = &a.feedback;
                tb = &b.feedback;
            } else {
                ta = &a.error;
                tb = &b.error;
            }
        }
        order = QString::compare(*ta, *tb, Qt::CaseInsensitive);
    }
    // Ties keep evaluation order, so a sort is stable and predictable.
    return order != 0 ? order < 0 : a.raw.index < b.raw.index;
}

} // namespace wb::ui
