#pragma once

// Remote dataset files (http:// and https://): fetched on first use into an on-disk cache, then read
// like local files. The cache revalidates with the server (If-None-Match / If-Modified-Since) at most
// once per `revalidateSeconds`, and refetches when the server says the file changed.
//
// Blocking calls: run them on engine worker threads only (they spin a local event loop).

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
    int timeoutMs = 30000;
    int revalidateSeconds = 60;
    int64_t maxBytes = int64_t(4) << 30; //!< a larger body → 413
};

class HttpCache
{
public:
    HttpCache(std::string cacheDir, HttpCacheOptions options = {});
    ~HttpCache();

    //! Errors: unreachable host / non-2xx → 502 naming the URL and the reason; too large → 413.
    api::Result<CachedFile> fetch(const std::string &url);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
