#include "busy_overlay.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace wb::ui {

BusyOverlay::BusyOverlay(QWidget *target)
    : QWidget(target)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("busyOverlay"));
    m_label->setText(tr("Loading…"));
    m_label->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    target->installEventFilter(this);
    setGeometry(target->rect());
    hide();
}

void BusyOverlay::setText(const QString &text)
{
    m_label->setText(text);
}

void BusyOverlay::start()
{
    if (m_count++ == 0) {
        setGeometry(parentWidget()->rect());
        raise();
        show();
    }
}

void BusyOverlay::stop()
{
    if (m_count > 0 && --m_count == 0)
        hide();
}

bool BusyOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void BusyOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    QColor veil = palette().color(QPalette::Base);
    veil.setAlpha(160);
    p.fillRect(rect(), veil);
}

} // namespace wb::ui
