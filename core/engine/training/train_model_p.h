#pragma once

// Private to the training translation units (train_model.cpp, trainer.cpp) and the training
// tests: the trainable Llama-family model with autograd. Everything else sees trainer.h.
//
// Unlike the inference runtime (engine/models, custom kernels, no autograd), this model is built
// from ATen ops that autograd differentiates. Layout choices, for speed:
// - weights in the checkpoint's (out, in) layout, used through at::linear;
// - q/k/v as one (q + 2 kv, in) projection and gate/up as one (2 I, in), so a layer runs four
//   base matrix products instead of seven; LoRA adapters stay per projection (q_proj, v_proj, ...)
//   and add their low-rank update to their slice of the fused output;
// - the final norm and the LM head run only on the rows that have a label, and the logits are
//   never kept for the whole (B, T, V) batch.
//
// Shapes: B sequences of T tokens, N = B*T rows, H hidden, nh query heads, nkv key/value heads,
// g = nh / nkv, hd head dim, I the MLP width, V the vocabulary, r the LoRA rank.

#include "api/post_training.h"
#include "api/result.h"
#include "engine/models/model_config.h"

#include <torch/torch.h>

#include <QString>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wb::engine::train {

//! Fake quantization for QAT (straight-through estimator): weights symmetric per group of
//! `groupSize` input features, activations per-token dynamic int8 (asymmetric), as torchao's
//! Int8DynActInt4WeightQATQuantizer does.
struct QatSpec
{
    bool enabled = false;
    int weightBits = 4;       //!< 4 or 8
    bool activations = true;  //!< per-token int8 fake quantization of the linear inputs
    int groupSize = 32;
    std::string name;         //!< as accepted, for notes
};

//! Which projections get LoRA adapters and how.
struct AdapterSpec
{
    bool enabled = false;
    int rank = 8;
    double alpha = 16;
    bool dora = false;
    bool quantizeBase = false; //!< frozen base weights stored int8 per output channel
    bool q = false, k = false, v = false, o = false;
    bool mlp = false;    //!< gate_proj, up_proj, down_proj
    bool output = false; //!< lm_head
    std::vector<std::string> targetModules() const; //!< PEFT names, e.g. {"q_proj", "v_proj"}
};

//! 400 naming lora_attn_modules (listing the valid names) or rank/alpha.
api::Result<AdapterSpec> adapterSpec(const api::LoraFinetuningConfig &config);
//! 400 listing the accepted quantizer names, or when group_size does not divide the in-features.
api::Result<QatSpec> qatSpec(const api::QATFinetuningConfig &config, const ModelConfig &model);

struct ModelOptions
{
    bool trainBase = true; //!< every base weight trainable (full, QAT, DPO); false with LoRA
    AdapterSpec lora;
    QatSpec qat;
    bool checkpointActivations = false; //!< recompute each decoder layer in backward
    uint64_t seed = 0;                  //!< adapter initialisation
};

//! One LoRA adapter on a slice [offset, offset + size) of a (possibly fused) projection's output.
struct Adapter
{
    std::string module; //!< "q_proj", ..., "lm_head"
    int64_t offset = 0;
    int64_t size = 0;
    at::Tensor a;         // (r, in), kaiming-uniform
    at::Tensor b;         // (size, r), zeros
    at::Tensor magnitude; // (size) DoRA only
};

//! A linear projection (possibly several fused along the output): y = x W^T + b, plus adapters.
class Linear
{
public:
    int64_t in = 0, out = 0;
    at::Tensor weight;  // (out, in) float32; undefined when quantized
    at::Tensor qweight; // (out, in) int8 (quantize_base)
    at::Tensor qscale;  // (out, 1) float32
    at::Tensor bias;    // (out) or undefined
    std::vector<Adapter> adapters;
    double scale = 0;             //!< alpha / r
    const QatSpec *qat = nullptr; //!< fake quantization when set and enabled

    //! The base weight as the forward uses it (dequantized; fake-quantized under QAT). (out, in)
    at::Tensor baseWeight() const;
    //! x (N, in) → (N, out)
    at::Tensor forward(const at::Tensor &x) const;
    //! The weight with every adapter folded in (DoRA's magnitude too), detached. (out, in)
    at::Tensor merged() const;
    //! Stores the base weight int8 per output channel (symmetric, scale = max|w| / 127).
    void quantizeBase();
};

struct Layer
{
    at::Tensor inputNorm; // (H)
    at::Tensor postNorm;  // (H)
    Linear qkv;           // (nh*hd + 2*nkv*hd, H): q rows, then k, then v
    Linear o;             // (H, nh*hd)
    Linear gateUp;        // (2*I, H): gate rows, then up
    Linear down;          // (H, I)
};

//! One batch as tensors: (B, T) int64 each. Segment -1 marks padding.
struct BatchTensors
{
    int64_t B = 0, T = 0;
    at::Tensor tokens, positions, segments;
    std::vector<int> labels; //!< (B, T) row-major, kIgnore where not trained
    std::vector<int> segmentIds;
};

//! The rows whose next token is a target: hidden row (b, t-1) predicts labels[b, t], within a
//! segment. `sequence` is b of each row (for per-sequence sums, DPO).
struct TargetRows
{
    at::Tensor rows;    // (M) int64 indices into the N hidden rows
    at::Tensor targets; // (M) int64 token ids
    std::vector<int64_t> sequence;
    int64_t count() const { return int64_t(sequence.size()); }
};
TargetRows targetRows(const BatchTensors &batch);

class TrainModel
{
public:
    //! Loads config.json and the safetensors of `folder` (f32/bf16/f16 files, converted to
    //! float32), adds the adapters the options ask for and marks what is trainable. 400 naming the
    //! file and tensor on a bad checkpoint.
    static api::Result<std::unique_ptr<TrainModel>> load(const QString &folder, const ModelOptions &options);

    const ModelConfig &config() const { return m_config; }
    const ModelOptions &options() const { return m_options; }

    //! The residual stream after the last decoder layer, before the final norm: (N, H).
    at::Tensor hidden(const BatchTensors &batch) const;
    //! Final norm and LM head on selected hidden rows: (M, H) → (M, V).
    at::Tensor headLogits(const at::Tensor &rows) const;
    //! Summed cross-entropy over the batch's targets (a 0-dim tensor); `tokens` gets their count.
    at::Tensor lossSum(const BatchTensors &batch, int64_t *tokens = nullptr) const;
    //! Log-probability of every target token: (M), in targetRows order.
    at::Tensor targetLogProbs(const BatchTensors &batch, const TargetRows &targets) const;
    //! Logits of every position: (N, V). For tests.
    at::Tensor logits(const BatchTensors &batch) const;

    //! Trainable tensors with stable names (the state file and the optimizer use this order).
    std::vector<std::pair<std::string, at::Tensor>> trainable() const;
    //! Every tensor of the merged model under its Hugging Face name, detached float32, and the
    //! config to save it with (untied when the LM head got its own adapter).
    std::vector<std::pair<std::string, at::Tensor>> mergedTensors(ModelConfig *config) const;
    //! The adapters under PEFT's names (`base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight`).
    std::vector<std::pair<std::string, at::Tensor>> adapterTensors() const;

    // Public for the tests (LoRA math) and the trainer's state file.
    at::Tensor embed; // (V, H)
    std::vector<Layer> layers;
    at::Tensor norm;  // (H)
    Linear lmHead;    // weight is `embed` when tied
    at::Tensor ropeCos, ropeSin; // (P, hd/2)

    //! One decoder layer: x (N, H) → (N, H). Public for activation checkpointing.
    struct Context
    {
        int64_t B = 0, T = 0;
        at::Tensor cos, sin; // (B, T, 1, hd) full-width, sin with the sign of rotate_half folded in
        at::Tensor mask;     // (B, 1, 1, T, T) additive: 0 or -inf
    };
    at::Tensor layerForward(const Layer &layer, const at::Tensor &x, const Context &ctx) const;

private:
    TrainModel() = default;
    Context context(const BatchTensors &batch) const;

    ModelConfig m_config;
    ModelOptions m_options;
};

//! A batch of token sequences as BatchTensors (row-major (B, T) vectors as SftBatch has them).
BatchTensors toTensors(int B, int T, const std::vector<int> &tokens, const std::vector<int> &labels,
                       const std::vector<int> &segments, const std::vector<int> &positions);

//! The DPO loss of a batch of pairs (mean over pairs; kto_pair as TRL: mean over the 2P terms)
//! from the summed (or, for ipo, length-normalised) log-probabilities, each (P). TRL's formulas:
//! h = (pc - pr) - (rc - rr); sigmoid -log σ(βh), hinge relu(1 - βh), ipo (h - 1/(2β))².
at::Tensor dpoLoss(api::DPOLossType type, double beta, const at::Tensor &policyChosen,
                   const at::Tensor &policyRejected, const at::Tensor &refChosen, const at::Tensor &refRejected);

//! RMSNorm: x (N, H) * rsqrt(mean(x²) + eps) * w.
at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps);

//! Symmetric per-group fake quantization (straight-through gradient) of w (out, in).
at::Tensor fakeQuantizeWeight(const at::Tensor &w, int bits, int groupSize);
//! Per-token asymmetric int8 fake quantization (straight-through gradient) of x (N, in).
at::Tensor fakeQuantizeActivations(const at::Tensor &x);

} // namespace wb::engine::train
