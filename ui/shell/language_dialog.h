#pragma once

// Settings → Language: picks the UI language (or the system default) and saves it. The change
// takes effect at the next start (see LanguageManager for why).

#include <QDialog>

class QComboBox;

namespace wb::ui {

class LanguageDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LanguageDialog(QWidget *parent);
    void accept() override;

private:
    QComboBox *m_languages;
};

} // namespace wb::ui
