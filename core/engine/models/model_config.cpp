#include "model_config.h"

#include "llama_layout.h"

#include "api/json_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace wb::engine {

namespace {

using api::Json;
using api::JsonError;
using api::ObjectReader;

struct Architecture
{
    const char *name;
    const char *modelType;
    int defaultMaxPositions; //!< the transformers config class's default
};

constexpr Architecture kArchitectures[] = {
    {"LlamaForCausalLM", "llama", 2048},
    {"MistralForCausalLM", "mistral", 4096 * 32},
    {"Qwen2ForCausalLM", "qwen2", 32768},
};

const Architecture *findArchitecture(const std::string &name)
{
    for (const auto &a : kArchitectures)
        if (name == a.name)
            return &a;
    return nullptr;
}

const Architecture *findModelType(const std::string &type)
{
    for (const auto &a : kArchitectures)
        if (type == a.modelType)
            return &a;
    return nullptr;
}

std::string supportedList()
{
    std::string s;
    for (const auto &a : kArchitectures)
        s += (s.empty() ? "" : ", ") + std::string(a.name);
    return s;
}

void positive(const char *key, int value)
{
    if (value <= 0)
        throw JsonError(key, "must be a positive integer, got " + std::to_string(value));
}

//! eos_token_id is an int or a list of ints; appended to `out` without duplicates.
void readTokenIds(const ObjectReader &r, const char *key, std::vector<int> &out)
{
    const Json *v = r.find(key);
    if (!v || v->is_null())
        return;
    std::vector<int> ids;
    if (v->is_array()) {
        api::fromJson(*v, ids, key);
    } else {
        int id = 0;
        api::fromJson(*v, id, key);
        ids.push_back(id);
    }
    for (int id : ids)
        if (std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
}

void readRopeScaling(const Json &j, RopeScaling &out)
{
    const ObjectReader r(j, "rope_scaling");
    // transformers accepts both spellings; "rope_type" is the current one.
    std::string type;
    if (r.has("rope_type"))
        r.required("rope_type", type);
    else
        r.required("type", type);
    if (type == "default") {
        out = RopeScaling{};
        return;
    }
    if (type == "linear") {
        out.type = type;
        r.required("factor", out.factor);
        return;
    }
    if (type == "llama3") {
        out.type = type;
        r.required("factor", out.factor);
        r.required("low_freq_factor", out.lowFreqFactor);
        r.required("high_freq_factor", out.highFreqFactor);
        r.required("original_max_position_embeddings", out.originalMaxPositionEmbeddings);
        if (out.highFreqFactor <= out.lowFreqFactor)
            throw JsonError("rope_scaling.high_freq_factor", "must be greater than low_freq_factor");
        return;
    }
    throw JsonError(r.has("rope_type") ? "rope_scaling.rope_type" : "rope_scaling.type",
                    "unsupported rope scaling '" + type + "' (supported: llama3, linear)");
}

ModelConfig parseConfig(const Json &j)
{
    const ObjectReader r(j, "");
    ModelConfig c;

    const Architecture *arch = nullptr;
    if (r.has("architectures")) {
        std::vector<std::string> names;
        r.required("architectures", names);
        if (names.empty())
            throw JsonError("architectures", "empty list");
        arch = findArchitecture(names.front());
        if (!arch)
            throw JsonError("architectures", "unsupported architecture '" + names.front()
                                                 + "' (supported: " + supportedList() + ")");
    } else {
        // Some hand-written configs only say model_type; transformers maps it the same way.
        std::string type;
        r.required("model_type", type);
        arch = findModelType(type);
        if (!arch)
            throw JsonError("model_type", "unsupported model type '" + type + "' (supported: "
                                              + supportedList() + ")");
    }
    c.architecture = arch->name;
    c.modelType = arch->modelType;
    r.optional("model_type", c.modelType);

    std::string act = "silu";
    r.optional("hidden_act", act);
    if (act != "silu")
        throw JsonError("hidden_act", "unsupported activation '" + act + "' (only silu)");

    r.required("vocab_size", c.vocabSize);
    r.required("hidden_size", c.hiddenSize);
    r.required("intermediate_size", c.intermediateSize);
    r.required("num_hidden_layers", c.numLayers);
    r.required("num_attention_heads", c.numHeads);
    positive("vocab_size", c.vocabSize);
    positive("hidden_size", c.hiddenSize);
    positive("intermediate_size", c.intermediateSize);
    positive("num_hidden_layers", c.numLayers);
    positive("num_attention_heads", c.numHeads);
    c.numKvHeads = c.numHeads;
    r.optional("num_key_value_heads", c.numKvHeads);
    positive("num_key_value_heads", c.numKvHeads);
    if (c.numHeads % c.numKvHeads != 0)
        throw JsonError("num_key_value_heads", "must divide num_attention_heads ("
                                                   + std::to_string(c.numHeads) + ")");
    if (r.has("head_dim")) {
        r.required("head_dim", c.headDim);
        positive("head_dim", c.headDim);
    } else {
        if (c.hiddenSize % c.numHeads != 0)
            throw JsonError("num_attention_heads", "must divide hidden_size ("
                                                       + std::to_string(c.hiddenSize) + ")");
        c.headDim = c.hiddenSize / c.numHeads;
    }
    if (c.headDim % 2 != 0)
        throw JsonError("head_dim", "must be even for rotary embeddings, got " + std::to_string(c.headDim));

    c.maxPositionEmbeddings = arch->defaultMaxPositions;
    r.optional("max_position_embeddings", c.maxPositionEmbeddings);
    positive("max_position_embeddings", c.maxPositionEmbeddings);
    r.optional("rms_norm_eps", c.rmsNormEps);
    if (!(c.rmsNormEps > 0))
        throw JsonError("rms_norm_eps", "must be positive");
    r.optional("rope_theta", c.ropeTheta);
    if (!(c.ropeTheta > 0))
        throw JsonError("rope_theta", "must be positive");
    if (const Json *rs = r.find("rope_scaling"); rs && !rs->is_null())
        readRopeScaling(*rs, c.ropeScaling);
    r.optional("tie_word_embeddings", c.tieWordEmbeddings);

    // Biases as the transformers classes build them: Qwen2 always has q/k/v biases, Mistral none,
    // Llama follows attention_bias (q/k/v/o) and mlp_bias.
    if (c.architecture == "Qwen2ForCausalLM") {
        c.attentionBias = true;
        bool useSlidingWindow = false;
        r.optional("use_sliding_window", useSlidingWindow);
        if (useSlidingWindow)
            r.optional("sliding_window", c.slidingWindow);
    } else if (c.architecture == "LlamaForCausalLM") {
        r.optional("attention_bias", c.attentionBias);
        r.optional("mlp_bias", c.mlpBias);
    } else {
        r.optional("sliding_window", c.slidingWindow);
    }

    if (r.has("torch_dtype"))
        r.required("torch_dtype", c.torchDtype);
    else
        r.optional("dtype", c.torchDtype);
    readTokenIds(r, "eos_token_id", c.eosTokenIds);
    if (r.has("bos_token_id")) {
        int bos = 0;
        r.required("bos_token_id", bos);
        c.bosTokenId = bos;
    }
    return c;
}

api::Result<Json> readJsonFile(const QString &path)
{
    QFile f(path);
    const std::string name = QDir::toNativeSeparators(path).toStdString();
    if (!f.exists())
        return api::Error::badRequest(name + ": file not found");
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(name + ": cannot open: " + f.errorString().toStdString());
    try {
        return Json::parse(f.readAll().toStdString());
    } catch (const Json::exception &e) {
        return api::Error::badRequest(name + ": not valid JSON: " + e.what());
    }
}

} // namespace

api::Result<ModelConfig> ModelConfig::fromJsonText(const std::string &text, const std::string &source)
{
    try {
        return parseConfig(Json::parse(text));
    } catch (const JsonError &e) {
        return api::Error::badRequest(source + ": " + e.what());
    } catch (const Json::exception &e) {
        return api::Error::badRequest(source + ": not valid JSON: " + e.what());
    }
}

api::Result<ModelConfig> ModelConfig::fromFolder(const QString &folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral("config.json"));
    const std::string name = QDir::toNativeSeparators(path).toStdString();
    QFile f(path);
    if (!f.exists())
        return api::Error::badRequest(name + ": file not found");
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(name + ": cannot open: " + f.errorString().toStdString());
    auto config = fromJsonText(f.readAll().toStdString(), name);
    if (!config)
        return config;
    auto generation = GenerationDefaults::fromFolder(folder);
    if (!generation)
        return generation.error();
    for (int id : generation->eosTokenIds)
        if (std::find(config->eosTokenIds.begin(), config->eosTokenIds.end(), id) == config->eosTokenIds.end())
            config->eosTokenIds.push_back(id);
    return config;
}

std::string ModelConfig::toJsonText() const
{
    Json j = Json::object();
    j["architectures"] = Json::array({architecture});
    j["model_type"] = modelType;
    j["vocab_size"] = vocabSize;
    j["hidden_size"] = hiddenSize;
    j["intermediate_size"] = intermediateSize;
    j["num_hidden_layers"] = numLayers;
    j["num_attention_heads"] = numHeads;
    j["num_key_value_heads"] = numKvHeads;
    j["head_dim"] = headDim;
    j["hidden_act"] = "silu";
    j["max_position_embeddings"] = maxPositionEmbeddings;
    j["rms_norm_eps"] = rmsNormEps;
    j["rope_theta"] = ropeTheta;
    if (ropeScaling.type == "llama3") {
        j["rope_scaling"] = {{"rope_type", "llama3"},
                             {"factor", ropeScaling.factor},
                             {"low_freq_factor", ropeScaling.lowFreqFactor},
                             {"high_freq_factor", ropeScaling.highFreqFactor},
                             {"original_max_position_embeddings", ropeScaling.originalMaxPositionEmbeddings}};
    } else if (ropeScaling.type == "linear") {
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", ropeScaling.factor}};
    } else {
        j["rope_scaling"] = nullptr;
    }
    j["tie_word_embeddings"] = tieWordEmbeddings;
    if (architecture == "LlamaForCausalLM") {
        j["attention_bias"] = attentionBias;
        j["mlp_bias"] = mlpBias;
    }
    if (architecture == "Qwen2ForCausalLM") {
        j["use_sliding_window"] = slidingWindow.has_value();
        j["sliding_window"] = slidingWindow ? Json(*slidingWindow) : Json(nullptr);
    } else if (architecture == "MistralForCausalLM") {
        j["sliding_window"] = slidingWindow ? Json(*slidingWindow) : Json(nullptr);
    }
    j["attention_dropout"] = 0.0;
    j["initializer_range"] = 0.02;
    j["use_cache"] = true;
    j["torch_dtype"] = torchDtype.empty() ? "float32" : torchDtype;
    if (bosTokenId)
        j["bos_token_id"] = *bosTokenId;
    if (eosTokenIds.size() == 1)
        j["eos_token_id"] = eosTokenIds.front();
    else if (!eosTokenIds.empty())
        j["eos_token_id"] = eosTokenIds;
    return j.dump(2) + "\n";
}

int64_t ModelConfig::parameterCount() const
{
    // The same tensor list the loader checks, so the two figures agree.
    int64_t n = 0;
    for (const auto &t : llamaLayout(*this)) {
        int64_t numel = 1;
        for (int64_t d : t.shape)
            numel *= d;
        n += numel;
    }
    return n;
}

api::Result<GenerationDefaults> GenerationDefaults::fromFolder(const QString &folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral("generation_config.json"));
    GenerationDefaults d;
    if (!QFileInfo::exists(path))
        return d;
    auto json = readJsonFile(path);
    if (!json)
        return json.error();
    try {
        const ObjectReader r(json.value(), "");
        r.optional("temperature", d.temperature);
        r.optional("top_p", d.topP);
        r.optional("top_k", d.topK);
        r.optional("repetition_penalty", d.repetitionPenalty);
        r.optional("max_new_tokens", d.maxNewTokens);
        r.optional("do_sample", d.doSample);
        readTokenIds(r, "eos_token_id", d.eosTokenIds);
    } catch (const JsonError &e) {
        return api::Error::badRequest(QDir::toNativeSeparators(path).toStdString() + ": " + e.what());
    }
    return d;
}

} // namespace wb::engine
