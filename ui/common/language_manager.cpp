#include "language_manager.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace wb::ui {

namespace {
const QString kPrefix = QStringLiteral("llama-workbench_");
const QString kResourceDir = QStringLiteral(":/i18n");
const QString kSettingsKey = QStringLiteral("ui/language");
} // namespace

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
    , m_app(new QTranslator(this))
    , m_qt(new QTranslator(this))
{
}

QStringList LanguageManager::availableLanguages()
{
    QStringList locales;
    const QStringList files = QDir(kResourceDir).entryList({kPrefix + QStringLiteral("*.qm")}, QDir::Files);
    for (const QString &file : files)
        locales << file.mid(kPrefix.size()).chopped(3);
    locales.sort();
    return locales;
}

QString LanguageManager::savedLanguage()
{
    return QSettings().value(kSettingsKey).toString();
}

void LanguageManager::saveLanguage(const QString &locale)
{
    QSettings settings;
    if (locale.isEmpty())
        settings.remove(kSettingsKey);
    else
        settings.setValue(kSettingsKey, locale);
}

QString LanguageManager::install(const QString &overrideLocale)
{
    QCoreApplication::removeTranslator(m_app);
    QCoreApplication::removeTranslator(m_qt);

    QString chosen = overrideLocale.isEmpty() ? savedLanguage() : overrideLocale;
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale); // numbers and dates follow the chosen language too

    // QTranslator::load(QLocale, ...) walks the locale's UI languages (de_AT → de), so a regional
    // system locale still finds the base translation.
    if (m_app->load(locale, QStringLiteral("llama-workbench"), QStringLiteral("_"), kResourceDir))
        QCoreApplication::installTranslator(m_app);
    if (m_qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt);
    return locale.name();
}

} // namespace wb::ui
