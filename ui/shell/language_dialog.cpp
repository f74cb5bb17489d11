#include "language_dialog.h"

#include "common/language_manager.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace wb::ui {

LanguageDialog::LanguageDialog(QWidget *parent)
    : QDialog(parent)
    , m_languages(new QComboBox(this))
{
    setObjectName(QStringLiteral("languageDialog"));
    setWindowTitle(tr("Language"));
    m_languages->setObjectName(QStringLiteral("languageCombo"));
    m_languages->addItem(tr("System default (%1)").arg(QLocale::system().nativeLanguageName()), QString());
    for (const QString &code : LanguageManager::availableLanguages()) {
        const QLocale locale(code);
        // Each language in its own name, so a user who cannot read the current one finds theirs.
        m_languages->addItem(QStringLiteral("%1 (%2)").arg(locale.nativeLanguageName(), code), code);
    }
    const int saved = m_languages->findData(LanguageManager::savedLanguage());
    m_languages->setCurrentIndex(saved < 0 ? 0 : saved);

    auto *note = new QLabel(tr("The new language takes effect the next time the workbench starts."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LanguageDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LanguageDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Language:"), m_languages);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void LanguageDialog::accept()
{
    LanguageManager::saveLanguage(m_languages->currentData().toString());
    QDialog::accept();
}

} // namespace wb::ui
