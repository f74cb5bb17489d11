#pragma once

// The one look of the workbench's record lists (datasets, models, ...): whole rows selected one at
// a time, no row numbers, no wrapping, the last column taking the rest of the width.

#include <QHeaderView>
#include <QTableView>

namespace wb::ui {

inline void setUpRecordList(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
}

} // namespace wb::ui
