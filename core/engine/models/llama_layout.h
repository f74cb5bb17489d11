#pragma once

// The tensors of a Llama-family checkpoint in Hugging Face layout, as the shapes of a ModelConfig
// imply them. One list serves the loader (what must be there, with which shape) and the random
// model writer (what to write), so the two cannot drift apart. Torch-free.

#include "model_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wb::engine {

struct LayoutTensor
{
    enum class Kind { Matrix, Norm, Bias };
    std::string name;           //!< "model.layers.3.self_attn.q_proj.weight"
    std::vector<int64_t> shape; //!< [out, in] for matrices, [n] for norms and biases
    Kind kind = Kind::Matrix;
};

//! Biases as the transformers classes build them: Qwen2 has q/k/v biases only, Llama's
//! attention_bias adds q/k/v/o biases and mlp_bias gate/up/down biases, Mistral has none.
bool hasQkvBias(const ModelConfig &c);
bool hasOutputBias(const ModelConfig &c);
bool hasMlpBias(const ModelConfig &c);

//! Every tensor, embeddings first, then layer by layer, the final norm, and lm_head.weight
//! unless the embeddings are tied.
std::vector<LayoutTensor> llamaLayout(const ModelConfig &c);

//! "model.layers.{layer}.{suffix}"
std::string layerTensorName(int layer, const char *suffix);

} // namespace wb::engine
