#pragma once

// Filters and sorts an EvalRowsModel: by outcome (all, failures, passes, errors) and a
// case-insensitive substring search over input, expected and generated. Reads the rows' prepared
// values (EvalRowTable) directly, never data() or JSON, so 100,000 rows filter and sort quickly.
// Sort: # and scores numerically (rows without a numeric score last in both
// directions), result by outcome, text
// columns case-insensitively.

#include "eval_row_table.h"

#include <QSortFilterProxyModel>

namespace wb::ui {

class EvalRowsModel;

class EvalRowsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Show { All, Failures, Passes, Errors };

    explicit EvalRowsFilterModel(QObject *parent);

    void setRowsModel(EvalRowsModel *model);
    void setShow(Show show);
    Show show() const { return m_show; }
    //! Case-insensitive substring; empty: every row.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    //! Source positions (EvalRowTable rows) of the rows shown, in display order.
    std::vector<size_t> visiblePositions() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();

    EvalRowsModel *m_rows = nullptr;
    Show m_show = Show::All;
    QString m_search;       //!< as typed
    QString m_foldedSearch; //!< case-folded, compared with EvalRowEntry::haystack
};

} // namespace wb::ui
