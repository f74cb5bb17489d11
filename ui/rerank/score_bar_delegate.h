#pragma once

// Paints a cell as a horizontal bar filled to the model's BarRole value (0..1) with the value's
// text over it: the rerank results' score column.

#include <QStyledItemDelegate>

namespace wb::ui {

class ScoreBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    //! `barRole`: the role holding the fill in [0, 1].
    ScoreBarDelegate(int barRole, QObject *parent);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_barRole;
};

} // namespace wb::ui
