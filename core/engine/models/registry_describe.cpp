#include "engine/models/registry_describe.h"

#include "engine/models/chat_template.h"
#include "engine/models/model_config.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <set>

namespace wb::engine {

namespace {

QString fileIn(const QString &folder, const char *name)
{
    return QDir(folder).filePath(QString::fromLatin1(name));
}

std::string str(const QString &s)
{
    return s.toStdString();
}

api::Error missing(const QString &path, const std::string &why)
{
    return api::Error::badRequest(str(path) + ": missing (" + why + ")");
}

//! The weights: model.safetensors, or every shard model.safetensors.index.json lists.
api::Status checkWeights(const QString &folder)
{
    const QString single = fileIn(folder, "model.safetensors");
    if (QFileInfo(single).isFile())
        return {};
    const QString index = fileIn(folder, "model.safetensors.index.json");
    if (!QFileInfo(index).isFile()) {
        std::string why = "the runtime reads weights from model.safetensors or the shards of "
                          "model.safetensors.index.json";
        if (QFileInfo(fileIn(folder, "pytorch_model.bin")).exists()
            || QFileInfo(fileIn(folder, "pytorch_model.bin.index.json")).exists())
            why += "; this folder has only PyTorch .bin weights, convert them to safetensors";
        return missing(single, why);
    }
    QFile f(index);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(str(index) + ": cannot read: " + str(f.errorString()));
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
        return api::Error::badRequest(str(index) + ": weight_map: expected an object of tensor → file");
    std::set<std::string> shards;
    for (const auto &file : j["weight_map"])
        if (file.is_string())
            shards.insert(file.get<std::string>());
    if (shards.empty())
        return api::Error::badRequest(str(index) + ": weight_map: lists no shard");
    for (const std::string &shard : shards)
        if (!QFileInfo(QDir(folder).filePath(QString::fromStdString(shard))).isFile())
            return missing(QDir(folder).filePath(QString::fromStdString(shard)),
                           "listed in model.safetensors.index.json");
    return {};
}

//! config.json's first architecture, read without validating the rest (so an unsupported one
//! can still be shown).
std::string rawArchitecture(const QString &folder)
{
    QFile f(fileIn(folder, "config.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (!j.is_object())
        return {};
    const auto it = j.find("architectures");
    if (it != j.end() && it->is_array() && !it->empty() && it->front().is_string())
        return it->front().get<std::string>();
    return {};
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

//! What a model folder is for, by its architecture's head: causal LMs generate, sequence
//! classifiers (cross-encoders) rerank, bare encoders (BertModel, XLMRobertaModel) embed.
api::ModelType modelTypeOf(const std::string &architecture)
{
    if (architecture.empty() || endsWith(architecture, "ForCausalLM")
        || endsWith(architecture, "ForConditionalGeneration"))
        return api::ModelType::Llm;
    if (endsWith(architecture, "ForSequenceClassification"))
        return api::ModelType::Rerank;
    if (endsWith(architecture, "Model"))
        return api::ModelType::Embedding;
    return api::ModelType::Llm;
}

//! Streams through tokenizer.json keeping only the few fields that say what kind of tokenizer
//! it is and how many ids it has: a 150,000-entry vocabulary is counted, never stored.
class TokenizerSummary : public nlohmann::json_sax<nlohmann::json>
{
public:
    std::string modelType;
    bool byteFallback = false;
    bool byteLevel = false;   //!< a ByteLevel pre-tokenizer or decoder
    bool byteFallbackDecoder = false;
    int64_t maxId = -1;
    int64_t vocabEntries = 0;

    bool null() override { return value(); }
    bool boolean(bool v) override
    {
        if (at({"model", "byte_fallback"}))
            byteFallback = v;
        return value();
    }
    bool number_integer(number_integer_t v) override { return id(v); }
    bool number_unsigned(number_unsigned_t v) override { return id(int64_t(v)); }
    bool number_float(number_float_t, const string_t &) override { return value(); }
    bool string(string_t &v) override
    {
        if (at({"model", "type"}))
            modelType = v;
        else if (at({"pre_tokenizer", "type"}) || at({"pre_tokenizer", "pretokenizers", "*", "type"})
                 || at({"decoder", "type"}) || at({"decoder", "decoders", "*", "type"})) {
            byteLevel = byteLevel || v == "ByteLevel";
            byteFallbackDecoder = byteFallbackDecoder || v == "ByteFallback";
        }
        return value();
    }
    bool binary(binary_t &) override { return value(); }
    bool start_object(std::size_t) override
    {
        value();
        m_frames.push_back({false, {}});
        return true;
    }
    bool key(string_t &k) override
    {
        m_frames.back().key = k;
        return true;
    }
    bool end_object() override
    {
        m_frames.pop_back();
        return true;
    }
    bool start_array(std::size_t) override
    {
        value();
        m_frames.push_back({true, {}});
        return true;
    }
    bool end_array() override
    {
        m_frames.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e) override
    {
        error = "invalid JSON at byte " + std::to_string(position) + ": " + e.what();
        return false;
    }

    std::string error;

private:
    struct Frame
    {
        bool array;
        std::string key;
    };
    std::vector<Frame> m_frames;

    //! Whether the value about to be read sits at `path` ("*" matches any array element).
    bool at(std::initializer_list<const char *> path) const
    {
        if (path.size() != m_frames.size())
            return false;
        size_t i = 0;
        for (const char *part : path) {
            const Frame &f = m_frames[i++];
            if (f.array ? std::strcmp(part, "*") != 0 : f.key != part)
                return false;
        }
        return true;
    }
    //! A value of BPE's {"token": id, ...} vocabulary.
    bool inVocabObject() const
    {
        return m_frames.size() == 3 && !m_frames[0].array && m_frames[0].key == "model"
            && !m_frames[1].array && m_frames[1].key == "vocab" && !m_frames[2].array;
    }
    //! Every value event: counts vocabulary entries (BPE: "token": id; Unigram: [piece, score]).
    bool value()
    {
        if (at({"model", "vocab", "*"}) || inVocabObject())
            ++vocabEntries;
        return true;
    }
    bool id(int64_t v)
    {
        if (inVocabObject() || at({"added_tokens", "*", "id"}))
            maxId = std::max(maxId, v);
        return value();
    }
};

} // namespace

api::Status checkModelFolder(const QString &folder)
{
    if (!QFileInfo(folder).isDir())
        return api::Error::badRequest(str(folder) + ": not a folder");
    if (!QFileInfo(fileIn(folder, "config.json")).isFile())
        return missing(fileIn(folder, "config.json"), "a Hugging Face model folder has one");
    if (auto config = ModelConfig::fromFolder(folder); !config)
        return config.error();
    if (!QFileInfo(fileIn(folder, "tokenizer.json")).isFile())
        return missing(fileIn(folder, "tokenizer.json"),
                       "the runtime reads the tokenizer from tokenizer.json");
    return checkWeights(folder);
}

api::Result<std::string> describeTokenizerFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(str(path) + ": cannot read: " + str(f.errorString()));
    const QByteArray text = f.readAll();
    TokenizerSummary summary;
    nlohmann::json::sax_parse(text.constData(), text.constData() + text.size(), &summary);
    if (!summary.error.empty())
        return api::Error::badRequest(str(path) + ": " + summary.error);
    if (summary.modelType.empty())
        return api::Error::badRequest(str(path) + ": model.type: field required");
    std::string kind;
    if (summary.modelType == "BPE") {
        if (summary.byteLevel)
            kind = "byte-level BPE";
        else if (summary.byteFallback || summary.byteFallbackDecoder)
            kind = "SentencePiece BPE with byte fallback";
        else
            kind = "BPE";
    } else {
        kind = summary.modelType; // Unigram, WordPiece, WordLevel: shown, not run
    }
    const int64_t tokens = std::max(summary.maxId + 1, summary.vocabEntries);
    return kind + ", " + std::to_string(tokens) + " tokens";
}

std::string describeChatTemplate(const QString &folder)
{
    // The same choice as LocalModel: tokenizer_config.json's chat_template, else
    // chat_template.jinja beside it, else the ChatML fallback.
    auto name = [](const api::Result<ChatTemplate> &t) -> std::string {
        if (!t)
            return "unsupported: " + t.error().detail;
        return t->family() == ChatTemplateFamily::Unknown ? "jinja" : familyName(t->family());
    };
    const QString configPath = fileIn(folder, "tokenizer_config.json");
    TokJson config = TokJson::object();
    if (QFile f(configPath); f.open(QIODevice::ReadOnly)) {
        config = TokJson::parse(f.readAll().toStdString(), nullptr, false);
        if (config.is_object() && config.contains("chat_template"))
            return name(ChatTemplate::fromConfig(config, configPath.toStdString()));
    }
    if (QFile f(fileIn(folder, "chat_template.jinja")); f.open(QIODevice::ReadOnly)) {
        if (!config.is_object())
            config = TokJson::object();
        config["chat_template"] = f.readAll().toStdString();
        return name(ChatTemplate::fromConfig(config, str(f.fileName())));
    }
    return "ChatML fallback";
}

FolderDescription describeModelFolder(const QString &folder)
{
    FolderDescription out;
    const QFileInfo configInfo(fileIn(folder, "config.json"));
    out.created = configInfo.exists() ? configInfo.lastModified().toSecsSinceEpoch() : 0;
    api::Json &m = out.metadata;

    std::string architecture = rawArchitecture(folder);
    if (auto config = ModelConfig::fromFolder(folder)) {
        architecture = config->architecture;
        m["architecture"] = architecture;
        m["parameters"] = config->parameterCount();
        m["context_length"] = config->maxPositionEmbeddings;
    } else if (!architecture.empty()) {
        m["architecture"] = architecture;
    }
    out.modelType = modelTypeOf(architecture);

    std::string tokenizerError;
    if (const QString tokenizer = fileIn(folder, "tokenizer.json"); QFileInfo(tokenizer).isFile()) {
        if (auto kind = describeTokenizerFile(tokenizer))
            m["tokenizer"] = kind.value();
        else
            tokenizerError = kind.error().detail;
    }
    m["chat_template"] = describeChatTemplate(folder);

    if (auto usable = checkModelFolder(folder); !usable)
        m["error"] = usable.error().detail;
    else if (!tokenizerError.empty())
        m["error"] = tokenizerError;
    return out;
}

QString folderSignature(const QString &folder)
{
    QString sig;
    auto add = [&sig](const QString &path) {
        const QFileInfo info(path); // follows symlinks: the Hugging Face cache links into blobs/
        sig += info.exists() ? QStringLiteral("%1:%2;").arg(info.size()).arg(
                                   info.lastModified().toMSecsSinceEpoch())
                             : QStringLiteral("-;");
    };
    add(folder); // the folder's own time changes when files appear or go (a download finishing)
    for (const char *name : {"config.json", "tokenizer.json", "tokenizer_config.json",
                             "chat_template.jinja", "model.safetensors",
                             "model.safetensors.index.json"})
        add(fileIn(folder, name));
    return sig;
}

} // namespace wb::engine
