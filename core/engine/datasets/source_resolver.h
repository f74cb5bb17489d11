#pragma once

// Turns a dataset's DataSource into a RowSource, and keeps the opened sources so the row index and
// remote pages are reused across calls. A local file (or a downloaded one) that changed on disk is
// reopened, so its index is rebuilt.

#include "engine/datasets/row_source.h"

#include <QString>

#include <memory>

namespace wb::engine {

struct SourceResolverConfig
{
    QString cacheDir;        //!< row indexes, data: payloads, downloads
    size_t maxDataUriBytes = size_t(64) << 20;
    int httpRevalidateSeconds = 60;
};

class SourceResolver
{
public:
    explicit SourceResolver(SourceResolverConfig config);
    ~SourceResolver();

    //! The source for dataset `datasetId` as registered under `revision` (the store's seq: a
    //! re-registration under the same id has another one). Cached: a hit costs a map lookup (plus
    //! a stat for local files); nothing is decoded or downloaded again. Errors: 400 unsupported
    //! scheme or format, 404 missing file, 413 oversized data: URI, 502 remote failure.
    api::Result<std::shared_ptr<RowSource>> sourceFor(const std::string &datasetId, int64_t revision,
                                                      const api::DataSource &source);
    //! Forgets the cached source (unregister).
    void forget(const std::string &datasetId);

    //! Cheap checks done at register time, without reading the data (as upstream, bad URIs fail
    //! at iterrows): only a data: URI over the size limit is refused early, so it is never stored.
    api::Status checkAtRegister(const api::DataSource &source) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::engine
