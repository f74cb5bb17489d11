#pragma once

// A translucent "working…" cover over a widget while an asynchronous call for it runs. Counted, so
// overlapping calls keep it up until the last one ends. The widget stays readable underneath.

#include <QWidget>

class QLabel;

namespace wb::ui {

class BusyOverlay : public QWidget
{
    Q_OBJECT
public:
    //! Covers `target` (and follows its size); `target` owns the overlay.
    explicit BusyOverlay(QWidget *target);

    void setText(const QString &text);
    void start();
    void stop();
    bool isBusy() const { return m_count > 0; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_label;
    int m_count = 0;
};

} // namespace wb::ui
