#pragma once

// A decoder-only language model of the Llama family, run in-process with libtorch: RMSNorm, RoPE
// (with llama3 scaling), grouped-query attention, SwiGLU, tied or untied embeddings, Qwen2's
// q/k/v biases, and a KV cache. This header is torch-free on purpose (torch costs ~40 s per
// translation unit and clashes with Qt's keywords): tensors stay behind the pimpl.
//
// Threading: a loaded CausalLm is immutable; forward passes with separate DecodeStates may run on
// several threads at once. A DecodeState belongs to one thread at a time.
//
// Errors: loading returns a 400 naming the file and tensor (missing file, unsupported
// architecture, missing tensor, shape or dtype mismatch). Forward passes catch torch's exceptions
// and return a 500 with its message.

#include "model_config.h"

#include "api/result.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace wb::engine {

//! The KV cache of a batch of sequences. Opaque; made by CausalLm::newState.
class DecodeState
{
public:
    virtual ~DecodeState() = default;
    virtual int batchSize() const = 0;
    //! Tokens in the cache of sequence `b` so far.
    virtual int length(int b) const = 0;
};

//! How pooledHiddenStates turns a sequence's hidden states into one vector.
enum class Pooling {
    Mean, //!< the mean over the sequence's tokens
    Last  //!< the last token's
};

struct LoadOptions
{
    //! Weights are computed in float32 (the reference numerics), whatever the file's dtype.
    //! bfloat16 files are converted on load.
    bool float32 = true;
};

class CausalLm
{
public:
    //! Loads config.json and model.safetensors (or the shards of model.safetensors.index.json)
    //! from `folder`.
    static api::Result<std::shared_ptr<const CausalLm>> load(const QString &folder,
                                                             LoadOptions options = {});
    virtual ~CausalLm() = default;

    virtual const ModelConfig &config() const = 0;
    //! Number of parameters actually loaded (tied embeddings counted once).
    virtual int64_t parameterCount() const = 0;
    //! Bytes the weights take in memory.
    virtual int64_t weightBytes() const = 0;

    //! A KV cache for `batchSize` sequences of up to `maxLength` tokens each (prompt + generated;
    //! at most config().maxPositionEmbeddings).
    virtual api::Result<std::unique_ptr<DecodeState>> newState(int batchSize, int maxLength) const = 0;

    //! Appends `tokens[b]` to sequence b of `state` (the prompt at first, then one token per step;
    //! lengths may differ between sequences, and an empty list leaves that sequence as it is) and
    //! returns the logits at the last appended position of each sequence: (B, V) row-major,
    //! float32. Rows of sequences given no tokens are unspecified. A sequence longer than the
    //! state's maxLength is a 400.
    virtual api::Result<std::vector<float>> forward(DecodeState &state,
                                                    const std::vector<std::vector<int>> &tokens) const = 0;

    //! Logits of every position of one sequence without a cache: (T, V) row-major. The reference
    //! for tests (cached vs uncached) and for scoring log-likelihoods.
    virtual api::Result<std::vector<float>> logitsAll(const std::vector<int> &tokens) const = 0;

    //! The final hidden states (after the last norm, before the LM head) of each sequence of
    //! `batch`, pooled per sequence: (B, C) row-major float32, C = hiddenSize. Without a cache;
    //! sequences of different lengths run in one padded pass whose padding no real token sees,
    //! so a sequence's row is the same whatever the batch. An empty sequence or one longer than
    //! max_position_embeddings is a 400 naming it. Used by the embedding reranker.
    virtual api::Result<std::vector<float>> pooledHiddenStates(const std::vector<std::vector<int>> &batch,
                                                               Pooling pooling) const = 0;
};

//! Writes a randomly initialised model of `config` in Hugging Face layout into `folder`
//! (config.json, model.safetensors in float32, generation_config.json), deterministic in `seed`.
//! Tests, benchmarks and the python reference use it. Weights ~ N(0, initStd).
api::Status writeRandomModel(const QString &folder, const ModelConfig &config, uint64_t seed,
                             double initStd = 0.02);

} // namespace wb::engine
