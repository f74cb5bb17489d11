#include "engine/sources/http_cache.h"

#include "engine/sources/http_request.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>

namespace wb::engine {
namespace {

//! The sidecar next to a cached body.
struct EntryMeta
{
    std::string url;
    std::string etag;
    std::string lastModified;
    std::string mimeType;
    int64_t fetchedAt = 0;   //!< seconds since the epoch of the last 200
    int64_t validatedAt = 0; //!< seconds since the epoch of the last 200 or 304
};

std::optional<EntryMeta> loadMeta(const QString &path, const std::string &url)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (!j.is_object())
        return std::nullopt; // a damaged sidecar just means "not cached"
    EntryMeta m;
    m.url = j.value("url", "");
    if (m.url != url)
        return std::nullopt; // hash collision or foreign file: never serve another URL's bytes
    m.etag = j.value("etag", "");
    m.lastModified = j.value("last_modified", "");
    m.mimeType = j.value("mime_type", "");
    m.fetchedAt = j.value("fetched_at", int64_t(0));
    m.validatedAt = j.value("validated_at", int64_t(0));
    return m;
}

bool saveMeta(const QString &path, const EntryMeta &m)
{
    const nlohmann::json j = {{"url", m.url},
                              {"etag", m.etag},
                              {"last_modified", m.lastModified},
                              {"mime_type", m.mimeType},
                              {"fetched_at", m.fetchedAt},
                              {"validated_at", m.validatedAt}};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QByteArray::fromStdString(j.dump(2)));
    return f.commit();
}

std::string mimeWithoutParameters(const QByteArray &contentType)
{
    const int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower().toStdString();
}

} // namespace

struct HttpCache::Private
{
    QString dir;
    HttpCacheOptions options;

    std::mutex mapMutex;
    std::map<std::string, std::shared_ptr<std::mutex>> urlMutexes;

    std::shared_ptr<std::mutex> mutexFor(const std::string &url)
    {
        std::lock_guard lock(mapMutex);
        auto &m = urlMutexes[url];
        if (!m)
            m = std::make_shared<std::mutex>();
        return m;
    }
};

HttpCache::HttpCache(std::string cacheDir, HttpCacheOptions options) : d(std::make_unique<Private>())
{
    d->dir = QString::fromStdString(cacheDir);
    d->options = options;
}

HttpCache::~HttpCache() = default;

api::Result<CachedFile> HttpCache::fetch(const std::string &url)
{
    const QUrl parsed = QUrl::fromEncoded(QByteArray::fromStdString(url), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != u"http" && scheme != u"https") || parsed.host().isEmpty())
        return api::Error::badRequest("'" + url + "' is not an http:// or https:// URL");

    if (!QDir().mkpath(d->dir))
        return api::Error::internal("cannot create the download cache directory "
                                    + d->dir.toStdString());

    // One fetch per URL at a time: the second caller then usually finds a fresh entry instead of
    // downloading the same body again, and two writers never race on the rename.
    const auto urlMutex = d->mutexFor(url);
    std::lock_guard urlLock(*urlMutex);

    const QString key = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(url), QCryptographicHash::Sha256).toHex());
    const QString bodyPath = d->dir + u'/' + key + u".body";
    const QString metaPath = d->dir + u'/' + key + u".json";

    std::optional<EntryMeta> meta;
    if (QFile::exists(bodyPath))
        meta = loadMeta(metaPath, url);

    const int64_t now = QDateTime::currentSecsSinceEpoch();
    auto cached = [&] { return CachedFile{bodyPath.toStdString(), meta->mimeType, true}; };
    if (meta && now >= meta->validatedAt && now - meta->validatedAt < d->options.revalidateSeconds)
        return cached();

    http::GetOptions get;
    get.timeoutMs = d->options.timeoutMs;
    get.maxBytes = d->options.maxBytes;
    if (meta && !meta->etag.empty())
        get.headers.append({"If-None-Match", QByteArray::fromStdString(meta->etag)});
    if (meta && !meta->lastModified.empty())
        get.headers.append({"If-Modified-Since", QByteArray::fromStdString(meta->lastModified)});

    // QSaveFile writes to a temporary file beside bodyPath and renames on commit(); without
    // commit() its destructor deletes the temporary, which is what every failure path wants.
    QSaveFile out(bodyPath);
    if (!out.open(QIODevice::WriteOnly))
        return api::Error::internal("cannot write to the download cache: " + out.errorString().toStdString());
    const auto r = http::blockingGet(QByteArray::fromStdString(url), get, [&](const QByteArray &chunk) {
        return out.write(chunk) == chunk.size();
    });

    const std::string what = "Fetching " + url;
    using Outcome = http::GetResult::Outcome;
    switch (r.outcome) {
    case Outcome::TooLarge:
        out.cancelWriting();
        return api::Error::tooLarge(what + " failed: the body is larger than the limit of "
                                    + std::to_string(d->options.maxBytes) + " bytes");
    case Outcome::SinkFailed:
        out.cancelWriting();
        return api::Error::internal(what + " failed: cannot write the cache file: "
                                    + out.errorString().toStdString());
    case Outcome::TimedOut:
        out.cancelWriting();
        if (meta)
            return cached(); // stale-if-error, see the header
        return api::Error::make(504, what + " timed out: no data for "
                                         + std::to_string(d->options.timeoutMs) + " ms");
    case Outcome::NetworkError:
        out.cancelWriting();
        if (meta)
            return cached();
        return api::Error::badGateway(what + " failed: " + r.errorString.toStdString());
    case Outcome::Finished:
        break;
    }

    if (r.httpStatus == 304 && meta) {
        out.cancelWriting();
        meta->validatedAt = now;
        saveMeta(metaPath, *meta); // best effort: failing only means revalidating sooner
        return cached();
    }
    if (r.isSuccess() && r.httpStatus != 304) {
        if (!out.commit())
            return api::Error::internal(what + " failed: cannot store the cache file: "
                                        + out.errorString().toStdString());
        EntryMeta fresh;
        fresh.url = url;
        fresh.etag = r.etag.toStdString();
        fresh.lastModified = r.lastModified.toStdString();
        fresh.mimeType = mimeWithoutParameters(r.contentType);
        fresh.fetchedAt = fresh.validatedAt = now;
        if (!saveMeta(metaPath, fresh))
            QFile::remove(metaPath); // no sidecar → the body is refetched next time, never misread
        return CachedFile{bodyPath.toStdString(), fresh.mimeType, false};
    }

    out.cancelWriting();
    if (meta && r.httpStatus >= 500)
        return cached();
    return api::Error::badGateway(what + " failed: " + http::statusText(r).toStdString());
}

} // namespace wb::engine
