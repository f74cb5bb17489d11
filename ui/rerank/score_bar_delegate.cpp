#include "score_bar_delegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace wb::ui {

ScoreBarDelegate::ScoreBarDelegate(int barRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_barRole(barRole)
{
}

void ScoreBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // selection background

    const double fill = std::clamp(index.data(m_barRole).toDouble(), 0.0, 1.0);
    const QRect area = opt.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(opt.palette.color(QPalette::Midlight));
    painter->drawRect(area);
    QRect bar = area;
    bar.setWidth(int(area.width() * fill + 0.5));
    // Blue, lighter for weaker scores, so the ranking reads at a glance.
    QColor colour(0x2f, 0x6f, 0xd0);
    colour.setAlphaF(0.35 + 0.65 * fill);
    painter->setBrush(colour);
    painter->drawRect(bar);
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, text);
    painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 120));
    return size;
}

} // namespace wb::ui
