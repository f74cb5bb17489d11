#pragma once

// Remote dataset files (http:// and https://): fetched on first use into an on-disk cache, then read
// like local files. The cache revalidates with the server (If-None-Match / If-Modified-Since) at most
// once per `revalidateSeconds`, and refetches when the server says the file changed.
//
// Blocking calls: run them on engine worker threads only (they spin a local event loop).
//
// On disk, each URL has `<sha256(url)>.body` (the bytes) and `<sha256(url)>.json` (url, etag,
// last-modified, mime type, fetched-at, validated-at). Bodies stream into a temporary file in the
// cache directory and are renamed into place only when complete, so a reader never sees a partial
// body and a failed or oversized download leaves nothing behind. A replaced body is renamed over
// the old one: a reader that already opened the old path keeps reading the old bytes.
//
// Stale-if-error: when a cached copy exists and revalidation fails because the server cannot be
// reached (connection refused, DNS, TLS, timeout) or answers 5xx, fetch() returns the cached copy
// (fromCache = true) instead of an error. An offline workbench can then still open datasets it
// has seen; a 4xx (e.g. the file was removed) is reported as an error, not hidden.

#include "api/result.h"

#include <memory>
#include <mutex>
#include <string>

namespace wb::engine {

struct CachedFile
{
    std::string path;     //!< local file with the body
    std::string mimeType; //!< from Content-Type, without parameters
    bool fromCache = false; //!< true when the server answered 304 or no revalidation was due
};

struct HttpCacheOptions
{
    int timeoutMs = 30000; //!< inactivity timeout: no bytes for this long → 504
    int revalidateSeconds = 60;
    int64_t maxBytes = int64_t(4) << 30; //!< a larger body → 413
};

class HttpCache
{
public:
    HttpCache(std::string cacheDir, HttpCacheOptions options = {});
    ~HttpCache();

    //! Errors: unreachable host / non-2xx → 502 naming the URL and the reason ("Fetching <url>
    //! failed: HTTP 404 Not Found"); timeout → 504; too large → 413; local disk trouble → 500.
    //! Thread-safe: concurrent fetches of one URL run one after the other (the later ones usually
    //! find a fresh entry); different URLs proceed in parallel.
    api::Result<CachedFile> fetch(const std::string &url);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
