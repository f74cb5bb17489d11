#pragma once

// Where the model registry finds models on disk without anyone registering them, never
// downloading anything:
//  - model folders: each configured folder that has a config.json is a model, and so is each of
//    its immediate subfolders that has one (id: the folder's name);
//  - the Hugging Face cache: hub/models--org--name/snapshots/<rev>/ with refs/main naming the
//    revision (id: "org/name").
// Only the layout is looked at here; what is inside a folder is registry_describe.h's business.

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace wb::engine {

struct FoundModelFolder
{
    std::string id;
    QString path;       //!< absolute, clean
    std::string source; //!< "folder" or "hf-cache"
};

//! The configured folders followed by those of WB_MODEL_PATH (colon-separated), without
//! duplicates or empty entries.
QStringList modelSearchDirs(const QStringList &configured);

//! The Hugging Face hub cache: HF_HUB_CACHE, else $HF_HOME/hub, else
//! $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub (huggingface_hub's order).
QString huggingFaceHubDir();

//! Models in `dirs` (in order; a later folder with an id already seen is skipped).
std::vector<FoundModelFolder> scanModelDirs(const QStringList &dirs);

//! Models in a hub cache folder, sorted by id. A repo without refs/main (or whose revision is
//! gone) uses its most recently modified snapshot that has a config.json.
std::vector<FoundModelFolder> scanHuggingFaceCache(const QString &hubDir);

} // namespace wb::engine
