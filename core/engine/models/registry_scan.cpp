#include "engine/models/registry_scan.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace wb::engine {

namespace {

bool hasConfig(const QString &folder)
{
    return QFileInfo(QDir(folder).filePath(QStringLiteral("config.json"))).isFile();
}

QString clean(const QString &path)
{
    return QDir::cleanPath(QDir(path).absolutePath());
}

} // namespace

QStringList modelSearchDirs(const QStringList &configured)
{
    QStringList all = configured;
    const QString env = qEnvironmentVariable("WB_MODEL_PATH");
    all += env.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    QStringList out;
    for (const QString &dir : all) {
        const QString trimmed = dir.trimmed();
        if (trimmed.isEmpty())
            continue;
        const QString path = clean(trimmed);
        if (!out.contains(path))
            out << path;
    }
    return out;
}

QString huggingFaceHubDir()
{
    if (const QString hub = qEnvironmentVariable("HF_HUB_CACHE"); !hub.isEmpty())
        return clean(hub);
    if (const QString home = qEnvironmentVariable("HF_HOME"); !home.isEmpty())
        return clean(QDir(home).filePath(QStringLiteral("hub")));
    if (const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME"); !xdg.isEmpty())
        return clean(QDir(xdg).filePath(QStringLiteral("huggingface/hub")));
    return clean(QDir::home().filePath(QStringLiteral(".cache/huggingface/hub")));
}

std::vector<FoundModelFolder> scanModelDirs(const QStringList &dirs)
{
    std::vector<FoundModelFolder> found;
    QSet<QString> ids;
    auto add = [&](const QString &path) {
        const QString name = QFileInfo(path).fileName();
        if (name.isEmpty() || ids.contains(name))
            return;
        ids.insert(name);
        found.push_back(FoundModelFolder{name.toStdString(), path, "folder"});
    };
    for (const QString &dir : dirs) {
        if (hasConfig(dir))
            add(clean(dir));
        // Sorted so ids that clash resolve the same way at every scan.
        const QStringList subdirs = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &sub : subdirs) {
            const QString path = clean(QDir(dir).filePath(sub));
            if (hasConfig(path))
                add(path);
        }
    }
    return found;
}

std::vector<FoundModelFolder> scanHuggingFaceCache(const QString &hubDir)
{
    std::vector<FoundModelFolder> found;
    const QDir hub(hubDir);
    const QStringList repos = hub.entryList({QStringLiteral("models--*")},
                                            QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &repo : repos) {
        // huggingface_hub names the folder "models--" + repo_id with "/" replaced by "--".
        QString id = repo.mid(int(qstrlen("models--")));
        if (const int sep = id.indexOf(QLatin1String("--")); sep > 0)
            id = id.left(sep) + QLatin1Char('/') + id.mid(sep + 2);
        if (id.isEmpty())
            continue;
        const QDir repoDir(hub.filePath(repo));
        const QDir snapshots(repoDir.filePath(QStringLiteral("snapshots")));

        QString snapshot;
        QFile ref(repoDir.filePath(QStringLiteral("refs/main")));
        if (ref.open(QIODevice::ReadOnly)) {
            const QString rev = QString::fromUtf8(ref.readAll()).trimmed();
            if (!rev.isEmpty() && !rev.contains(QLatin1Char('/')) && hasConfig(snapshots.filePath(rev)))
                snapshot = snapshots.filePath(rev);
        }
        if (snapshot.isEmpty()) {
            // No usable refs/main (a download by revision, or a pruned ref): the newest snapshot.
            const QFileInfoList revs =
                snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
            for (const QFileInfo &rev : revs)
                if (hasConfig(rev.absoluteFilePath())) {
                    snapshot = rev.absoluteFilePath();
                    break;
                }
        }
        if (!snapshot.isEmpty())
            found.push_back(FoundModelFolder{id.toStdString(), clean(snapshot), "hf-cache"});
    }
    return found;
}

} // namespace wb::engine
