#include "server/access_policy.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <cctype>

namespace wb::server {

QString resolvedLocalPath(const QString &path)
{
    QString absolute = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    QStringList missing; // trailing components that do not exist
    QString probe = absolute;
    while (true) {
        const QString canonical = QFileInfo(probe).canonicalFilePath();
        if (!canonical.isEmpty()) {
            QString result = canonical;
            for (auto it = missing.crbegin(); it != missing.crend(); ++it)
                result = QDir(result).filePath(*it);
            return QDir::cleanPath(result);
        }
        const QFileInfo info(probe);
        const QString parent = info.path();
        if (parent == probe || info.fileName().isEmpty())
            return absolute; // nothing exists, not even the root: keep the cleaned path
        missing.append(info.fileName());
        probe = parent;
    }
}

bool isInsideFolder(const QString &resolved, const QString &folder)
{
    if (folder.isEmpty())
        return false;
    if (resolved == folder)
        return true;
    const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
    return resolved.startsWith(prefix);
}

namespace {

api::Status checkLocalPath(const QString &path, const std::string &uri, const AccessPolicy &policy,
                           const char *what = "data source")
{
    const QString resolved = resolvedLocalPath(path);
    for (const QString &folder : policy.allowedFolders) {
        if (isInsideFolder(resolved, resolvedLocalPath(folder)))
            return {};
    }
    return api::Error::make(403, std::string("The ") + what + " '" + uri
                                     + "' is outside the folders this server allows (--allow-files)"
                                     + (policy.allowedFolders.isEmpty()
                                            ? std::string("; this server allows no local files")
                                            : std::string()));
}

} // namespace

api::Status checkCheckpointDir(const std::optional<std::string> &checkpointDir, const AccessPolicy &policy)
{
    if (!checkpointDir || checkpointDir->empty() || *checkpointDir == "null")
        return {};
    return checkLocalPath(QString::fromStdString(*checkpointDir), *checkpointDir, policy, "checkpoint_dir");
}

api::Status checkDataSource(const api::DataSource &source, const AccessPolicy &policy)
{
    const auto *uriSource = std::get_if<api::UriDataSource>(&source);
    if (!uriSource)
        return {}; // inline rows
    const std::string &uri = uriSource->uri;
    const std::string scheme = uriScheme(uri);
    if (scheme == "data")
        return {};
    if (scheme == "http" || scheme == "https" || scheme == "huggingface") {
        if (policy.allowRemoteUris)
            return {};
        return api::Error::make(403, "The data source '" + uri
                                         + "' is a remote URI, which this server does not fetch "
                                           "(start it with --allow-remote-uris)");
    }
    if (scheme == "file") {
        const QUrl url(QString::fromStdString(uri));
        if (!url.isValid() || !url.isLocalFile())
            return api::Error::badRequest("source.uri: invalid file URI: " + uri);
        return checkLocalPath(url.toLocalFile(), uri, policy);
    }
    if (scheme.empty() || scheme.size() == 1) { // a path (or a Windows drive letter)
        QString path = QString::fromStdString(uri);
        if (path.startsWith(QLatin1String("~/")))
            path = QDir::home().filePath(path.mid(2));
        return checkLocalPath(path, uri, policy);
    }
    return {}; // unknown scheme: the engine answers 400 at iterrows
}

api::Status checkModelRegistration(const api::RegisterModelRequest &request,
                                   const AccessPolicy &policy)
{
    const api::Json &metadata = request.metadata.value;
    if (const auto it = metadata.find("path"); it != metadata.end() && it->is_string()) {
        const std::string path = it->get<std::string>();
        QString local = QString::fromStdString(path);
        if (uriScheme(path) == "file") {
            const QUrl url(local);
            if (!url.isValid() || !url.isLocalFile())
                return api::Error::badRequest("metadata.path: invalid file URI: " + path);
            local = url.toLocalFile();
        } else if (local.startsWith(QLatin1String("~/"))) {
            local = QDir::home().filePath(local.mid(2));
        }
        if (auto allowed = checkLocalPath(local, path, policy, "model folder"); !allowed)
            return allowed;
    }
    if (const auto it = metadata.find("base_url"); it != metadata.end() && !it->is_null()
                                                   && !policy.allowRemoteUris) {
        return api::Error::make(403, "metadata.base_url: this server does not call other servers "
                                     "(start it with --allow-remote-uris)");
    }
    return {};
}

} // namespace wb::server
