#pragma once

// What a served dataset registration may point at. The engine reads whatever a DataSource names;
// over HTTP that would let any client read any file the server can, or make it fetch any URL, so
// the server checks a source against this policy before the registration reaches the engine.
//
//   - a path or file:// URI must resolve (symlinks and ../ followed, see resolvedLocalPath) inside
//     one of `allowedFolders`, else 403;
//   - http(s):// and huggingface:// only with `allowRemoteUris`, else 403;
//   - data: URIs and inline rows are always allowed (the engine limits the data: size);
//   - any other scheme passes through; the engine refuses it with a 400 at iterrows.

#include "api/datasets.h"
#include "api/models.h"
#include "util/text.h"

#include <QString>
#include <QStringList>

namespace wb::server {

struct AccessPolicy
{
    QStringList allowedFolders; //!< --allow-files; empty: no local file may be registered
    bool allowRemoteUris = false;
};

//! 403 (or 400 for a malformed file:// URI) when `source` is not allowed by `policy`.
api::Status checkDataSource(const api::DataSource &source, const AccessPolicy &policy);

//! The same rules for a model registration: metadata.path (a model folder) must be inside an
//! allowed folder, and metadata.base_url (an OpenAI-compatible endpoint the server would call)
//! needs allowRemoteUris; 403 otherwise.
api::Status checkModelRegistration(const api::RegisterModelRequest &request,
                                   const AccessPolicy &policy);

//! A post-training request's checkpoint_dir (a folder the server would create and write into) must
//! resolve inside an allowed folder, as a local data source must; 403 otherwise. Absent, empty or
//! upstream's "null": allowed (the engine's own checkpoint folder is used).
api::Status checkCheckpointDir(const std::optional<std::string> &checkpointDir, const AccessPolicy &policy);

//! The URI's lower-case scheme, by the same rule as the engine (util/text.h).
using util::uriScheme;

//! The absolute path `path` really names, with every symlink and ../ resolved. A path that does not
//! exist (yet) resolves its deepest existing ancestor and appends the rest, so a missing file under
//! a symlinked folder still lands where the link points.
QString resolvedLocalPath(const QString &path);

//! True when `resolved` is `folder` itself or inside it (both already resolved).
bool isInsideFolder(const QString &resolved, const QString &folder);

} // namespace wb::server
