#include "connection_profile.h"

#include <QSettings>
#include <QUuid>

namespace wb::ui {

namespace {
const QString kProfiles = QStringLiteral("connections/profiles");
const QString kLastUsed = QStringLiteral("connections/lastUsed");
} // namespace

QString ConnectionProfile::inProcessId()
{
    return QStringLiteral("in-process");
}

ConnectionProfile ConnectionProfile::newRemote(const QString &name, const QUrl &url)
{
    return {QUuid::createUuid().toString(QUuid::WithoutBraces), name, url, {}};
}

QList<ConnectionProfile> ProfileRepository::remoteProfiles() const
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(kProfiles);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = settings.value(QStringLiteral("id")).toString();
        p.name = settings.value(QStringLiteral("name")).toString();
        p.url = QUrl(settings.value(QStringLiteral("url")).toString());
        p.caFile = settings.value(QStringLiteral("caFile")).toString();
        // A hand-edited file might hold the reserved id; the engine is not a remote profile.
        if (!p.id.isEmpty() && !p.isInProcess())
            profiles << p;
    }
    settings.endArray();
    return profiles;
}

std::optional<ConnectionProfile> ProfileRepository::find(const QString &id) const
{
    for (const ConnectionProfile &p : remoteProfiles())
        if (p.id == id)
            return p;
    return std::nullopt;
}

void ProfileRepository::save(const ConnectionProfile &profile)
{
    QList<ConnectionProfile> profiles = remoteProfiles();
    auto it = std::find_if(profiles.begin(), profiles.end(),
                           [&](const ConnectionProfile &p) { return p.id == profile.id; });
    if (it == profiles.end())
        profiles << profile;
    else
        *it = profile;
    writeAll(profiles);
}

void ProfileRepository::remove(const QString &id)
{
    QList<ConnectionProfile> profiles = remoteProfiles();
    profiles.removeIf([&](const ConnectionProfile &p) { return p.id == id; });
    writeAll(profiles);
    if (lastUsed() == id)
        setLastUsed(ConnectionProfile::inProcessId());
}

QString ProfileRepository::lastUsed() const
{
    const QString id = QSettings().value(kLastUsed).toString();
    return id.isEmpty() ? ConnectionProfile::inProcessId() : id;
}

void ProfileRepository::setLastUsed(const QString &id)
{
    QSettings settings;
    settings.setValue(kLastUsed, id);
}

void ProfileRepository::writeAll(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(kProfiles); // the array shrinks on remove; stale entries must not linger
    settings.beginWriteArray(kProfiles, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), profiles[i].id);
        settings.setValue(QStringLiteral("name"), profiles[i].name);
        settings.setValue(QStringLiteral("url"), profiles[i].url.toString());
        settings.setValue(QStringLiteral("caFile"), profiles[i].caFile);
    }
    settings.endArray();
    settings.sync();
}

} // namespace wb::ui
