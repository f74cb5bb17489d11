#pragma once

// What a Hugging Face model folder says about the model, read without torch: config.json
// (architecture and shapes) and generation_config.json (default sampling, end-of-sequence ids).
//
// Supported architectures: LlamaForCausalLM (Llama 2/3.x, SmolLM2), MistralForCausalLM,
// Qwen2ForCausalLM (attention biases on q/k/v). Anything else is a 400 naming config.json and the
// architecture. Errors: api::Result with a 400 naming the file and the key.

#include "api/result.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

//! rope_scaling of config.json; only "llama3" (and none) change the frequencies.
struct RopeScaling
{
    std::string type; //!< "" (none), "llama3", or "linear"
    double factor = 1.0;
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    int originalMaxPositionEmbeddings = 8192;
};

struct ModelConfig
{
    std::string architecture; //!< "LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"
    std::string modelType;    //!< config.json model_type: "llama", "mistral", "qwen2"
    int vocabSize = 0;
    int hiddenSize = 0;
    int intermediateSize = 0;
    int numLayers = 0;
    int numHeads = 0;
    int numKvHeads = 0;  //!< defaults to numHeads
    int headDim = 0;     //!< head_dim, else hiddenSize / numHeads
    int maxPositionEmbeddings = 2048;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    RopeScaling ropeScaling;
    bool tieWordEmbeddings = false;
    bool attentionBias = false; //!< Qwen2: always true for q/k/v; Llama: attention_bias
    bool mlpBias = false;
    std::optional<int> slidingWindow; //!< Mistral; recorded, not applied (documented)
    std::string torchDtype;           //!< "float32", "bfloat16", "float16"
    std::vector<int> eosTokenIds;     //!< config.json and generation_config.json, merged
    std::optional<int> bosTokenId;

    //! Reads `folder`/config.json. 400 naming the file and key on a bad or unsupported config.
    static api::Result<ModelConfig> fromFolder(const QString &folder);
    static api::Result<ModelConfig> fromJsonText(const std::string &text, const std::string &source);
    //! The config.json text for this config (used when we save a model).
    std::string toJsonText() const;

    //! Parameters the shapes imply (embeddings counted once when tied).
    int64_t parameterCount() const;
};

//! generation_config.json: the model's default sampling. Absent file: all unset.
struct GenerationDefaults
{
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;
    std::optional<double> repetitionPenalty;
    std::optional<int> maxNewTokens;
    std::optional<bool> doSample;
    std::vector<int> eosTokenIds;

    static api::Result<GenerationDefaults> fromFolder(const QString &folder);
};

} // namespace wb::engine
