#pragma once

// The Models API, synchronously: models found on disk (registry_scan.h: configured folders,
// WB_MODEL_PATH, the Hugging Face cache) and models registered through the API (persisted in the
// store as resources of kind "model": a model folder, or an OpenAI-compatible endpoint). The
// Engine runs these on its worker threads; everything here is thread-safe.
//
// Ids: on a clash the registered model wins, then configured folders (in order), then the
// Hugging Face cache. Found models are shared by every principal and cannot be unregistered (a
// 400 says to remove the folder). Registered models follow the datasets' ownership rules
// (DatasetService): a principal sees its own and those registered without auth (owner ""), another
// principal's is a 404, and registering its id is a 403.
//
// A folder that cannot run (unsupported architecture, missing tokenizer.json or weights) is still
// listed, with metadata.error saying why, so the models page can show it. Scans are cached for
// kScanSeconds and folder descriptions until their files change, so listModels is cheap.
//
// Secrets: an endpoint's api_key is stored and used, but every answer shows it as "***".

#include "api/models.h"
#include "engine/models/registry_describe.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QStringList>

#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace wb::engine {

class ModelRegistry
{
public:
    static constexpr const char *kLocalProvider = "local";
    static constexpr const char *kOpenAiProvider = "openai";
    static constexpr int kScanSeconds = 3;

    //! `modelDirs`: configured folders; WB_MODEL_PATH and the Hugging Face cache are read at each
    //! scan.
    ModelRegistry(store::Store &store, QStringList modelDirs);

    api::Result<api::OpenAIListModelsResponse> listModels(const std::string &principal);
    api::Result<api::Model> getModel(const std::string &principal, const std::string &id);
    api::Result<api::Model> registerModel(const std::string &principal,
                                          const api::RegisterModelRequest &request);
    api::Status unregisterModel(const std::string &principal, const std::string &id);

    //! The model as getModel describes it but with its secrets (api_key), for running it.
    api::Result<api::Model> resolve(const std::string &principal, const std::string &id);

private:
    //! A model as the registry knows it: unredacted metadata, described.
    struct Entry
    {
        api::Model model;
        int64_t created = 0;
    };

    std::vector<Entry> found();
    api::Result<std::optional<Entry>> registered(const std::string &principal, const std::string &id);
    std::optional<Entry> findFound(const std::string &id);
    //! A registered model, else a found folder; no built-in or derived reranker.
    api::Result<std::optional<Entry>> lookupOwn(const std::string &principal, const std::string &id);
    //! lookupOwn(), then the built-in rerankers, then those derived from a local llm; else 404.
    api::Result<Entry> lookup(const std::string &principal, const std::string &id);

    //! `stored`'s metadata completed with what its folder says (local models).
    Entry describeRegistered(const api::Model &stored, int64_t created);
    FolderDescription describeFolder(const QString &path);
    //! The Model to store for `request` (400 naming the field or file); `existing` is the
    //! registration of the same id, if any.
    static api::Result<api::Model> validate(const api::RegisterModelRequest &request,
                                            const std::optional<api::Model> &existing);

    static api::Model redacted(api::Model model);
    static api::OpenAIModel listed(const Entry &entry);

    store::Store &m_store;
    const QStringList m_dirs;

    std::mutex m_scanMutex; // held while scanning, so concurrent lists scan once
    std::vector<Entry> m_found;
    QElapsedTimer m_scanned;

    std::mutex m_describeMutex;
    struct Described
    {
        QString signature;
        FolderDescription description;
    };
    std::map<QString, Described> m_described;
};

} // namespace wb::engine
