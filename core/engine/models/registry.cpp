#include "engine/models/registry.h"

#include "engine/models/registry_scan.h"
#include "engine/rerank/rerank_models.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <set>

namespace wb::engine {

namespace {

constexpr const char *kKind = "model";
constexpr const char *kRedacted = "***";

api::Error modelNotFound(const std::string &id)
{
    return api::Error::notFound("Model '" + id
                                + "' not found. Use the models list to see the available models.");
}

bool visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

//! The store's body: the Model as registered (secrets included, nothing derived) and when.
api::Json storedBody(const api::Model &model, int64_t created)
{
    return api::Json{{"model", api::toJson(model)}, {"created", created}};
}

api::Result<std::pair<api::Model, int64_t>> parseStored(const store::Resource &r)
{
    const auto it = r.body.find("model");
    if (it == r.body.end())
        return api::Error::internal("stored model '" + r.id + "' is corrupt: no model");
    auto model = api::parse<api::Model>(*it);
    if (!model)
        return api::Error::internal("stored model '" + r.id + "' is corrupt: " + model.error().detail);
    const int64_t created = r.body.value("created", int64_t(0));
    return std::make_pair(std::move(model).value(), created);
}

std::string metadataString(const api::Json &metadata, const char *key)
{
    const auto it = metadata.find(key);
    return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
}

//! Metadata in the order the models page reads it: `first` (identity, then what the folder
//! says), then the caller's own keys. Keys of `first` win over the caller's.
api::Json mergeMetadata(const api::Json &first, const api::Json &rest)
{
    api::Json out = first;
    for (auto it = rest.begin(); it != rest.end(); ++it)
        if (!out.contains(it.key()))
            out[it.key()] = it.value();
    return out;
}

} // namespace

ModelRegistry::ModelRegistry(store::Store &store, QStringList modelDirs)
    : m_store(store), m_dirs(std::move(modelDirs))
{}

// --- describing ---------------------------------------------------------------------------------

FolderDescription ModelRegistry::describeFolder(const QString &path)
{
    const QString signature = folderSignature(path);
    {
        std::lock_guard lock(m_describeMutex);
        const auto it = m_described.find(path);
        if (it != m_described.end() && it->second.signature == signature)
            return it->second.description;
    }
    // Outside the lock: reading a large tokenizer.json takes a moment; two threads describing
    // the same folder at once only duplicate work.
    FolderDescription description = describeModelFolder(path);
    std::lock_guard lock(m_describeMutex);
    m_described[path] = Described{signature, description};
    return description;
}

ModelRegistry::Entry ModelRegistry::describeRegistered(const api::Model &stored, int64_t created)
{
    Entry entry{stored, created};
    if (stored.provider_id != kLocalProvider || stored.model_type == api::ModelType::Rerank)
        return entry; // an in-process reranker has no folder of its own
    const api::Json &meta = stored.metadata.value;
    const QString path = QString::fromStdString(metadataString(meta, "path"));
    const FolderDescription d = describeFolder(path);
    api::Json first{{"path", path.toStdString()}, {"source", "registered"}};
    for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it)
        first[it.key()] = it.value();
    entry.model.metadata.value = mergeMetadata(first, meta);
    return entry;
}

std::vector<ModelRegistry::Entry> ModelRegistry::found()
{
    std::lock_guard lock(m_scanMutex);
    if (m_scanned.isValid() && m_scanned.elapsed() < kScanSeconds * 1000LL)
        return m_found;
    std::vector<FoundModelFolder> folders = scanModelDirs(modelSearchDirs(m_dirs));
    std::set<std::string> ids;
    for (const auto &f : folders)
        ids.insert(f.id);
    for (auto &f : scanHuggingFaceCache(huggingFaceHubDir()))
        if (ids.insert(f.id).second) // configured folders win over the cache
            folders.push_back(std::move(f));

    std::vector<Entry> entries;
    for (const FoundModelFolder &f : folders) {
        const FolderDescription d = describeFolder(f.path);
        api::Json first{{"path", f.path.toStdString()}, {"source", f.source}};
        for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it)
            first[it.key()] = it.value();
        api::Model model;
        model.identifier = f.id;
        model.provider_resource_id = f.id;
        model.provider_id = kLocalProvider;
        model.metadata.value = std::move(first);
        model.model_type = d.modelType;
        entries.push_back(Entry{std::move(model), d.created});
    }
    m_found = std::move(entries);
    m_scanned.start();
    return m_found;
}

std::optional<ModelRegistry::Entry> ModelRegistry::findFound(const std::string &id)
{
    for (Entry &e : found())
        if (e.model.identifier == id)
            return std::move(e);
    return std::nullopt;
}

api::Result<std::optional<ModelRegistry::Entry>> ModelRegistry::registered(const std::string &principal,
                                                                          const std::string &id)
{
    auto resource = m_store.getResource(kKind, id);
    if (!resource)
        return resource.error();
    if (!resource.value() || !visibleTo(resource.value()->owner, principal))
        return std::optional<Entry>();
    auto stored = parseStored(*resource.value());
    if (!stored)
        return stored.error();
    return std::optional<Entry>(describeRegistered(stored->first, stored->second));
}

api::Result<std::optional<ModelRegistry::Entry>> ModelRegistry::lookupOwn(const std::string &principal,
                                                                         const std::string &id)
{
    auto reg = registered(principal, id);
    if (!reg || reg.value())
        return reg;
    if (auto f = findFound(id))
        return std::optional<Entry>(std::move(*f));
    return std::optional<Entry>();
}

api::Result<ModelRegistry::Entry> ModelRegistry::lookup(const std::string &principal,
                                                        const std::string &id)
{
    auto own = lookupOwn(principal, id);
    if (!own)
        return own.error();
    if (own.value())
        return std::move(*own.value());
    for (api::Model &m : rerank_models::builtin())
        if (m.identifier == id)
            return Entry{std::move(m), 0};
    // llm-rerank/<x>, embedding-rerank/<x>: derived from the local llm x, as the principal sees it.
    // x is looked up among registered and found models only (never recursively: a derived or
    // built-in reranker is not an llm, and "llm-rerank/llm-rerank/…" must not recurse).
    if (const auto base = rerank_models::derivedBase(id)) {
        auto baseEntry = lookupOwn(principal, *base);
        if (!baseEntry)
            return baseEntry.error();
        if (baseEntry.value())
            for (api::Model &m : rerank_models::derivedFrom(baseEntry.value()->model))
                if (m.identifier == id)
                    return Entry{std::move(m), baseEntry.value()->created};
    }
    return modelNotFound(id);
}

// --- answers ------------------------------------------------------------------------------------

api::Model ModelRegistry::redacted(api::Model model)
{
    api::Json &meta = model.metadata.value;
    if (auto it = meta.find("api_key"); it != meta.end() && it->is_string() && !it->get<std::string>().empty())
        *it = kRedacted;
    return model;
}

api::OpenAIModel ModelRegistry::listed(const Entry &entry)
{
    const api::Model model = redacted(entry.model);
    api::OpenAIModel out;
    out.id = model.identifier;
    out.created = entry.created;
    out.owned_by = model.provider_id;
    api::Json custom{{"model_type", api::toJson(model.model_type)},
                     {"provider_id", model.provider_id},
                     {"provider_resource_id", model.provider_resource_id.value_or(model.identifier)}};
    out.custom_metadata = api::JsonObject{mergeMetadata(custom, model.metadata.value)};
    return out;
}

api::Result<api::OpenAIListModelsResponse> ModelRegistry::listModels(const std::string &principal)
{
    auto all = m_store.listResources(kKind);
    if (!all)
        return all.error();
    std::vector<Entry> entries;
    std::set<std::string> ids;
    for (const store::Resource &r : all.value()) {
        if (!visibleTo(r.owner, principal))
            continue;
        auto stored = parseStored(r);
        if (!stored) // a corrupt entry must not hide every other model
            continue;
        ids.insert(r.id);
        entries.push_back(describeRegistered(stored->first, stored->second));
    }
    for (Entry &e : found())
        if (ids.insert(e.model.identifier).second)
            entries.push_back(std::move(e));
    for (api::Model &m : rerank_models::builtin())
        if (ids.insert(m.identifier).second)
            entries.push_back(Entry{std::move(m), 0});
    // The rerankers derived from each local llm, after every model of their own.
    const size_t own = entries.size();
    for (size_t i = 0; i < own; ++i)
        for (api::Model &m : rerank_models::derivedFrom(entries[i].model))
            if (ids.insert(m.identifier).second)
                entries.push_back(Entry{std::move(m), entries[i].created});

    api::OpenAIListModelsResponse out;
    for (const Entry &e : entries)
        out.data.push_back(listed(e));
    return out;
}

api::Result<api::Model> ModelRegistry::getModel(const std::string &principal, const std::string &id)
{
    auto entry = lookup(principal, id);
    if (!entry)
        return entry.error();
    return redacted(entry->model);
}

api::Result<api::Model> ModelRegistry::resolve(const std::string &principal, const std::string &id)
{
    auto entry = lookup(principal, id);
    if (!entry)
        return entry.error();
    return entry->model;
}

// --- registering --------------------------------------------------------------------------------

api::Result<api::Model> ModelRegistry::validate(const api::RegisterModelRequest &request,
                                                const std::optional<api::Model> &existing)
{
    if (request.model_id.empty())
        return api::Error::badRequest("model_id: must not be empty");
    if (rerank_models::isReserved(request.model_id))
        return api::Error::badRequest("model_id: '" + request.model_id
                                      + "' is the id of a built-in reranker (bm25, llm-rerank/…, "
                                        "embedding-rerank/…); choose another id");
    const api::Json &meta = request.metadata.value;
    std::string provider = request.provider_id.value_or("");
    if (provider.empty()) {
        // As models.h says: a folder runs here, a base URL is an endpoint elsewhere.
        if (meta.contains("path") || meta.contains("reranker"))
            provider = kLocalProvider;
        else if (meta.contains("base_url"))
            provider = kOpenAiProvider;
        else
            return api::Error::badRequest(
                "metadata: give metadata.path (a model folder), metadata.base_url (an "
                "OpenAI-compatible endpoint) or metadata.reranker (an in-process reranker)");
    }

    api::Model model;
    model.identifier = request.model_id;
    model.provider_resource_id = request.provider_model_id.value_or(request.model_id);
    model.provider_id = provider;
    model.model_type = request.model_type.value_or(meta.contains("reranker") ? api::ModelType::Rerank
                                                                             : api::ModelType::Llm);
    api::Json stored = meta;

    if (provider == kLocalProvider && model.model_type == api::ModelType::Rerank) {
        auto checked = rerank_models::validateRegistration(provider, meta);
        if (!checked)
            return checked.error();
        stored = std::move(checked).value();
    } else if (provider == kLocalProvider) {
        const auto path = meta.find("path");
        if (path == meta.end() || !path->is_string())
            return api::Error::badRequest("metadata.path: the model folder is required (a string)");
        const QString folder = QString::fromStdString(path->get<std::string>());
        if (!QDir::isAbsolutePath(folder))
            return api::Error::badRequest("metadata.path: expected an absolute folder path, got '"
                                          + path->get<std::string>() + "'");
        if (model.model_type != api::ModelType::Llm)
            return api::Error::badRequest("model_type: a local model folder runs as an llm (a reranker "
                                          "on it is metadata.reranker with metadata.base_model), got '"
                                          + api::toJson(model.model_type).get<std::string>() + "'");
        const QString clean = QDir::cleanPath(folder);
        if (auto usable = checkModelFolder(clean); !usable)
            return usable.error();
        stored["path"] = clean.toStdString();
    } else if (provider == kOpenAiProvider) {
        const auto base = meta.find("base_url");
        if (base == meta.end() || !base->is_string())
            return api::Error::badRequest(
                "metadata.base_url: the endpoint's URL is required, e.g. http://127.0.0.1:8080/v1");
        std::string text = base->get<std::string>();
        while (!text.empty() && text.back() == '/')
            text.pop_back();
        const QUrl url(QString::fromStdString(text), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return api::Error::badRequest("metadata.base_url: expected an http(s) URL such as "
                                          "http://127.0.0.1:8080/v1, got '"
                                          + base->get<std::string>() + "'");
        stored["base_url"] = text;
        if (const auto key = meta.find("api_key"); key != meta.end()) {
            if (!key->is_string() && !key->is_null())
                return api::Error::badRequest("metadata.api_key: expected a string");
            // "***" is what every answer shows: registering a model as read back keeps its key.
            if (key->is_string() && key->get<std::string>() == kRedacted && existing)
                stored["api_key"] = existing->metadata.value.value("api_key", "");
        }
        if (model.model_type == api::ModelType::Rerank) {
            auto checked = rerank_models::validateRegistration(provider, stored);
            if (!checked)
                return checked.error();
            stored = std::move(checked).value();
        }
    } else {
        return api::Error::badRequest("provider_id: provider `" + provider
                                      + "` not found (this engine serves local and openai)");
    }
    model.metadata.value = std::move(stored);
    return model;
}

api::Result<api::Model> ModelRegistry::registerModel(const std::string &principal,
                                                     const api::RegisterModelRequest &request)
{
    auto resource = m_store.getResource(kKind, request.model_id);
    if (!resource)
        return resource.error();
    std::optional<std::pair<api::Model, int64_t>> existing;
    if (resource.value()) {
        if (!visibleTo(resource.value()->owner, principal))
            return api::Error::make(403, "Model '" + request.model_id
                                             + "' belongs to another principal; choose another id");
        auto stored = parseStored(*resource.value());
        if (!stored)
            return stored.error();
        existing = std::move(stored).value();
    }
    auto model = validate(request,
                          existing ? std::optional<api::Model>(existing->first) : std::nullopt);
    if (!model)
        return model.error();

    auto conflict = [&] {
        return api::Error::conflict("Model '" + request.model_id
                                    + "' is already registered with different settings; "
                                      "unregister it first or choose another id");
    };
    auto answer = [&](const api::Model &m, int64_t created) {
        return redacted(describeRegistered(m, created).model);
    };
    if (existing) // same settings: a no-op, as for datasets
        return existing->first == model.value() ? answer(existing->first, existing->second)
                                                : api::Result<api::Model>(conflict());

    const int64_t created = QDateTime::currentSecsSinceEpoch();
    auto stored = m_store.registerResource(
        store::Resource{kKind, request.model_id, storedBody(model.value(), created), principal});
    if (!stored) {
        // Another registration of this id won the race: same settings are still a no-op.
        if (stored.error().status != 409)
            return stored.error();
        auto winner = m_store.getResource(kKind, request.model_id);
        if (winner && winner.value())
            if (auto w = parseStored(*winner.value()); w && w->first == model.value()
                                                       && visibleTo(winner.value()->owner, principal))
                return answer(w->first, w->second);
        return conflict();
    }
    return answer(model.value(), created);
}

api::Status ModelRegistry::unregisterModel(const std::string &principal, const std::string &id)
{
    auto reg = registered(principal, id);
    if (!reg)
        return reg.error();
    if (reg.value()) {
        auto removed = m_store.deleteResource(kKind, id);
        if (!removed)
            return removed.error().status == 404 ? modelNotFound(id) : removed.error();
        return {};
    }
    if (auto builtin = lookup(principal, id); builtin && builtin->model.model_type == api::ModelType::Rerank)
        return api::Error::badRequest("Model '" + id + "' is a built-in reranker and cannot be unregistered");
    if (auto f = findFound(id)) {
        const api::Json &meta = f->model.metadata.value;
        const std::string where = metadataString(meta, "source") == "hf-cache"
                                      ? "the Hugging Face cache (" + metadataString(meta, "path") + ")"
                                      : "the model folder " + metadataString(meta, "path");
        return api::Error::badRequest("Model '" + id + "' was found in " + where
                                      + ", not registered; remove or move that folder to take it "
                                        "off the list");
    }
    return modelNotFound(id);
}

} // namespace wb::engine
