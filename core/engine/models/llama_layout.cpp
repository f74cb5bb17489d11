#include "llama_layout.h"

namespace wb::engine {

bool hasQkvBias(const ModelConfig &c)
{
    return c.attentionBias && c.architecture != "MistralForCausalLM";
}

bool hasOutputBias(const ModelConfig &c)
{
    return c.attentionBias && c.architecture == "LlamaForCausalLM";
}

bool hasMlpBias(const ModelConfig &c)
{
    return c.mlpBias && c.architecture == "LlamaForCausalLM";
}

std::string layerTensorName(int layer, const char *suffix)
{
    return "model.layers." + std::to_string(layer) + "." + suffix;
}

std::vector<LayoutTensor> llamaLayout(const ModelConfig &c)
{
    using Kind = LayoutTensor::Kind;
    const int64_t h = c.hiddenSize;
    const int64_t q = int64_t(c.numHeads) * c.headDim;
    const int64_t kv = int64_t(c.numKvHeads) * c.headDim;
    const int64_t inter = c.intermediateSize;

    std::vector<LayoutTensor> out;
    out.push_back({"model.embed_tokens.weight", {c.vocabSize, h}, Kind::Matrix});
    for (int i = 0; i < c.numLayers; ++i) {
        const auto add = [&](const char *suffix, std::vector<int64_t> shape, Kind kind) {
            out.push_back({layerTensorName(i, suffix), std::move(shape), kind});
        };
        add("input_layernorm.weight", {h}, Kind::Norm);
        add("self_attn.q_proj.weight", {q, h}, Kind::Matrix);
        add("self_attn.k_proj.weight", {kv, h}, Kind::Matrix);
        add("self_attn.v_proj.weight", {kv, h}, Kind::Matrix);
        if (hasQkvBias(c)) {
            add("self_attn.q_proj.bias", {q}, Kind::Bias);
            add("self_attn.k_proj.bias", {kv}, Kind::Bias);
            add("self_attn.v_proj.bias", {kv}, Kind::Bias);
        }
        add("self_attn.o_proj.weight", {h, q}, Kind::Matrix);
        if (hasOutputBias(c))
            add("self_attn.o_proj.bias", {h}, Kind::Bias);
        add("post_attention_layernorm.weight", {h}, Kind::Norm);
        add("mlp.gate_proj.weight", {inter, h}, Kind::Matrix);
        add("mlp.up_proj.weight", {inter, h}, Kind::Matrix);
        add("mlp.down_proj.weight", {h, inter}, Kind::Matrix);
        if (hasMlpBias(c)) {
            add("mlp.gate_proj.bias", {inter}, Kind::Bias);
            add("mlp.up_proj.bias", {inter}, Kind::Bias);
            add("mlp.down_proj.bias", {h}, Kind::Bias);
        }
    }
    out.push_back({"model.norm.weight", {h}, Kind::Norm});
    if (!c.tieWordEmbeddings)
        out.push_back({"lm_head.weight", {c.vocabSize, h}, Kind::Matrix});
    return out;
}

} // namespace wb::engine
