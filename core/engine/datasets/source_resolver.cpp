#include "engine/datasets/source_resolver.h"

#include "engine/datasets/file_formats.h"
#include "engine/sources/data_uri.h"
#include "engine/sources/http_cache.h"
#include "engine/sources/huggingface_source.h"
#include "util/text.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSaveFile>
#include <QUrl>

#include <cctype>
#include <functional>
#include <map>

namespace wb::engine {

namespace {

QString hashName(const std::string &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256)
            .toHex()
            .left(32));
}

const char *extensionFor(FileFormat format)
{
    switch (format) {
    case FileFormat::Csv: return ".csv";
    case FileFormat::Tsv: return ".tsv";
    case FileFormat::Jsonl: return ".jsonl";
    case FileFormat::Json: return ".json";
    case FileFormat::Xlsx: return ".xlsx";
    case FileFormat::Unknown: break;
    }
    return ".bin";
}

//! A local file to read, what to call it in errors, and how to parse it.
struct LocalFile
{
    QString path;
    std::string displayName;
    FileFormat format = FileFormat::Unknown;
};

} // namespace

struct SourceResolver::Private
{
    SourceResolverConfig config;
    HttpCache http;
    QMutex mutex;
    //! How an opened source may go stale, which decides how cheaply a cache hit is confirmed.
    enum class Staleness {
        Never,  // rows, data:, Hugging Face, local files (which follow their file themselves)
        Remote, // an http(s) download: revalidated with the server every httpRevalidateSeconds
    };
    struct Entry
    {
        int64_t revision = 0; // the registration the source belongs to (store seq)
        std::string key;      // what the source was opened from; a different key means reopen
        std::shared_ptr<RowSource> source;
        Staleness staleness = Staleness::Never;
        QElapsedTimer checked; // Remote: since the last revalidation
    };
    std::map<std::string, Entry> cache;

    static std::string fileStamp(const QString &path)
    {
        const QFileInfo info(path);
        return path.toStdString() + '|' + std::to_string(info.size()) + '|'
               + std::to_string(info.lastModified().toMSecsSinceEpoch());
    }

    //! The cached source when it is known to be current, without decoding or fetching anything:
    //! a page request must not cost O(dataset size) (a 64 MiB data: URI, thousands of inline rows).
    std::shared_ptr<RowSource> currentCached(const std::string &datasetId, int64_t revision)
    {
        QMutexLocker lock(&mutex);
        auto it = cache.find(datasetId);
        if (it == cache.end() || it->second.revision != revision)
            return nullptr;
        const Entry &e = it->second;
        switch (e.staleness) {
        case Staleness::Never:
            return e.source;
        case Staleness::Remote:
            return e.checked.isValid() && e.checked.elapsed() < config.httpRevalidateSeconds * 1000LL
                       ? e.source
                       : nullptr;
        }
        return nullptr;
    }

    explicit Private(SourceResolverConfig c)
        : config(std::move(c))
        , http(QDir(config.cacheDir).filePath(QStringLiteral("downloads")).toStdString(),
               HttpCacheOptions{30000, config.httpRevalidateSeconds, int64_t(4) << 30})
    {}

    QString indexDir() const { return QDir(config.cacheDir).filePath(QStringLiteral("index")); }

    api::Result<LocalFile> materialiseDataUri(const std::string &uri)
    {
        auto parsed = parseDataUri(uri, config.maxDataUriBytes);
        if (!parsed)
            return parsed.error();
        const FileFormat format = formatFromMime(parsed->mimeType);
        if (format == FileFormat::Unknown)
            return api::Error::badRequest("Unsupported file type: data: URI with MIME type '"
                                          + parsed->mimeType + "'");
        // Written once per distinct URI, so the row index machinery works on it like on any file.
        const QString dir = QDir(config.cacheDir).filePath(QStringLiteral("data-uri"));
        const QString path = QDir(dir).filePath(hashName(uri) + QLatin1String(extensionFor(format)));
        if (!QFileInfo::exists(path)) {
            QDir().mkpath(dir);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)
                || file.write(parsed->bytes.data(), qint64(parsed->bytes.size()))
                       != qint64(parsed->bytes.size())
                || !file.commit())
                return api::Error::internal("cannot write the data: URI cache file " + path.toStdString());
        }
        return LocalFile{path, "data: URI (" + parsed->mimeType + ")", format};
    }

    api::Result<LocalFile> localFileFor(const std::string &uri)
    {
        const std::string scheme = util::uriScheme(uri);
        if (scheme == "data")
            return materialiseDataUri(uri);
        if (scheme == "http" || scheme == "https") {
            auto fetched = http.fetch(uri);
            if (!fetched)
                return fetched.error();
            FileFormat format = formatFromName(uri);
            if (format == FileFormat::Unknown)
                format = formatFromMime(fetched->mimeType);
            return LocalFile{QString::fromStdString(fetched->path), uri, format};
        }
        QString path;
        if (scheme == "file") {
            const QUrl url(QString::fromStdString(uri));
            if (!url.isValid() || !url.isLocalFile())
                return api::Error::badRequest("Invalid file URI: " + uri);
            path = url.toLocalFile();
        } else if (scheme.empty() || scheme.size() == 1) { // a plain path (or a drive letter)
            path = QString::fromStdString(uri);
            if (path.startsWith(QLatin1String("~/")))
                path = QDir::home().filePath(path.mid(2));
        } else {
            return api::Error::badRequest("Unsupported URI scheme '" + scheme + "' in " + uri
                                          + ": use a path, file://, http(s)://, data: or "
                                            "huggingface://datasets/<org>/<name>?split=...");
        }
        const QFileInfo info(path);
        if (!info.exists())
            return api::Error::notFound("File not found: " + uri);
        if (!info.isFile())
            return api::Error::badRequest("Not a regular file: " + uri);
        return LocalFile{info.absoluteFilePath(), uri, formatFromName(uri)};
    }
};

SourceResolver::SourceResolver(SourceResolverConfig config)
    : d(std::make_unique<Private>(std::move(config)))
{}

SourceResolver::~SourceResolver() = default;

api::Status SourceResolver::checkAtRegister(const api::DataSource &source) const
{
    const auto *uri = std::get_if<api::UriDataSource>(&source);
    if (!uri)
        return {};
    if (uri->uri.empty())
        return api::Error::badRequest("source.uri: must not be empty");
    if (util::uriScheme(uri->uri) == "data") {
        // base64 grows by 4/3; allow the header on top.
        const size_t maxEncoded = d->config.maxDataUriBytes / 3 * 4 + 4096;
        if (uri->uri.size() > maxEncoded)
            return api::Error::tooLarge("source.uri: the data: URI is larger than the limit of "
                                        + std::to_string(d->config.maxDataUriBytes >> 20)
                                        + " MiB; register a file or an http(s) URL instead");
    }
    return {};
}

api::Result<std::shared_ptr<RowSource>> SourceResolver::sourceFor(const std::string &datasetId,
                                                                  int64_t revision,
                                                                  const api::DataSource &source)
{
    if (auto current = d->currentCached(datasetId, revision))
        return current;

    Private::Entry entry;
    entry.revision = revision;
    std::function<api::Result<std::shared_ptr<RowSource>>()> open;
    if (const auto *rows = std::get_if<api::RowsDataSource>(&source)) {
        entry.key = "rows";
        open = [rows]() -> api::Result<std::shared_ptr<RowSource>> {
            return std::shared_ptr<RowSource>(makeInlineRowSource(rows->rows));
        };
    } else {
        const std::string &uri = std::get<api::UriDataSource>(source).uri;
        const std::string scheme = util::uriScheme(uri);
        if (scheme == "huggingface") {
            entry.key = "huggingface";
            open = [uri]() -> api::Result<std::shared_ptr<RowSource>> {
                auto parsed = parseHuggingFaceUri(uri);
                if (!parsed)
                    return parsed.error();
                return std::shared_ptr<RowSource>(
                    makeHuggingFaceRowSource(parsed.value(), huggingFaceOptionsFromEnvironment()));
            };
        } else {
            // Resolving may download (http) or decode (data:); done outside the cache lock.
            auto file = d->localFileFor(uri);
            if (!file)
                return file.error();
            entry.key = Private::fileStamp(file->path);
            // A file row source notices changes to its file by itself (size and mtime, rebuilding
            // its index), so only downloads need a periodic look at the server.
            entry.staleness = scheme == "http" || scheme == "https" ? Private::Staleness::Remote
                                                                  : Private::Staleness::Never;
            entry.checked.start();
            const LocalFile local = file.value();
            open = [this, local]() -> api::Result<std::shared_ptr<RowSource>> {
                auto opened = openFileRowSource(local.path.toStdString(), local.format,
                                                d->indexDir().toStdString(), local.displayName);
                if (!opened)
                    return opened.error();
                return std::shared_ptr<RowSource>(std::move(opened).value());
            };
        }
    }

    {
        // Same registration and same file as before (e.g. a 304 from the server): keep the open
        // source and its index, only note that it was checked.
        QMutexLocker lock(&d->mutex);
        auto it = d->cache.find(datasetId);
        if (it != d->cache.end() && it->second.revision == revision && it->second.key == entry.key) {
            it->second.checked = entry.checked;
            return it->second.source;
        }
    }
    auto opened = open();
    if (!opened)
        return opened.error();
    entry.source = opened.value();
    QMutexLocker lock(&d->mutex);
    d->cache[datasetId] = std::move(entry);
    return opened.value();
}

void SourceResolver::forget(const std::string &datasetId)
{
    QMutexLocker lock(&d->mutex);
    d->cache.erase(datasetId);
}

} // namespace wb::engine
