#pragma once

// Installs the translators: the app's own (embedded .qm files under :/i18n) and Qt's qtbase one
// (from the Qt installation, when present). The language is, in order: a command-line override,
// the one saved in Settings → Language, the system locale.
//
// Switching happens at start-up only: retranslating every live widget is not worth the complexity
// for a setting changed once; the Language dialog says so.

#include <QObject>
#include <QStringList>

class QTranslator;

namespace wb::ui {

class LanguageManager : public QObject
{
    Q_OBJECT
public:
    //! The translators become children of `parent` (usually the QApplication).
    explicit LanguageManager(QObject *parent);

    //! Locale codes with an embedded translation ("de", "en", "zh_CN"), sorted.
    static QStringList availableLanguages();
    //! The saved choice; empty means "system default".
    static QString savedLanguage();
    static void saveLanguage(const QString &locale);

    //! Installs the translators for `overrideLocale`, else the saved language, else the system
    //! locale. Returns the locale that was used ("system" locales resolve to their name).
    QString install(const QString &overrideLocale = {});

private:
    QTranslator *m_app;
    QTranslator *m_qt;
};

} // namespace wb::ui
