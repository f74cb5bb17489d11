#pragma once

// Private to causal_lm.cpp and llama_forward.cpp, the only translation units that may include
// ATen (each costs tens of seconds to compile). Everything else sees causal_lm.h.
//
// The weights are kept as the forward pass wants them, not as the checkpoint has them:
// - transposed, (in, out) row-major: OpenBLAS's gemv and gemm run ~1.5x faster on that layout
//   than on the checkpoint's (out, in) (measured on the SmolLM2 shapes);
// - q/k/v as one (H, q + 2 kv) matrix and gate/up as one (H, 2 I), so a layer runs four
//   matrix products instead of seven;
// - all in one arena of contiguous float32 memory.

#include "causal_lm.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace wb::engine::llama {

struct Layer
{
    at::Tensor inputNorm; // (H)
    at::Tensor postNorm;  // (H)
    at::Tensor wqkv;      // (H, nh*hd + 2*nkv*hd): q columns, then k, then v
    at::Tensor bqkv;      // (nh*hd + 2*nkv*hd) or undefined
    at::Tensor wo;        // (nh*hd, H)
    at::Tensor bo;        // (H) or undefined
    at::Tensor wgateUp;   // (H, 2*I): gate columns, then up
    at::Tensor bgateUp;   // (2*I) or undefined
    at::Tensor wdown;     // (I, H)
    at::Tensor bdown;     // (H) or undefined
};

//! Float32 buffers that go back to a free list when their tensors die, instead of back to the
//! system: touching fresh memory costs a page fault per 4 KiB (~30 us each on the VMs we measured
//! on: ~100 ms of a 128-token SmolLM2 prefill went to its new KV cache and buffers), while a
//! reused buffer is already mapped. Thread-safe; keeps at most maxCachedBytes unused.
class BufferPool : public std::enable_shared_from_this<BufferPool>
{
public:
    explicit BufferPool(size_t maxCachedBytes) : m_maxCached(maxCachedBytes) {}
    ~BufferPool();
    BufferPool(const BufferPool &) = delete;
    BufferPool &operator=(const BufferPool &) = delete;

    //! An uninitialised contiguous float32 tensor.
    at::Tensor empty(at::IntArrayRef shape);

private:
    void release(void *block, size_t bytes);

    std::mutex m_mutex;
    std::multimap<size_t, void *> m_free; // size → block
    size_t m_cached = 0;
    size_t m_maxCached;
};

struct Weights
{
    ModelConfig config;
    //! Token embeddings: (V, H) when untied; when tied, undefined, and the rows are the columns
    //! of lmHead (a lookup reads H strided floats per token, and the 113 MB table of a
    //! SmolLM2 exists once).
    at::Tensor embed;
    std::vector<Layer> layers;
    at::Tensor norm;   // (H)
    at::Tensor lmHead; // (H, V)
    at::Tensor ropeCos; // (P, hd/2) for positions 0..P-1, shared by states that fit in it
    at::Tensor ropeSin; // (P, hd/2)
    int64_t weightBytes = 0;
    std::shared_ptr<BufferPool> pool; // KV caches and per-call buffers
};

//! cos and sin of every position's rotary angles, (positions, hd/2) float32, computed the way
//! transformers' LlamaRotaryEmbedding does (inv_freq with llama3 or linear scaling, float32).
void ropeTables(const ModelConfig &config, int64_t positions, at::Tensor &cos, at::Tensor &sin);

//! Per-call buffers of one shape, kept in the state so decoding allocates nothing per layer.
struct Workspace
{
    int64_t batch = 0;
    int64_t steps = 0;  // T: tokens per sequence in this call (padded)
    at::Tensor x;       // (B*T, H) the residual stream
    at::Tensor h;       // (B*T, H) normed
    at::Tensor qkv;     // (B*T, nh*hd + 2*nkv*hd)
    at::Tensor q;       // (B, nkv, g, T, hd) rotated and scaled queries, grouped by kv head
    at::Tensor attn;    // (B*T, nh*hd)
    at::Tensor gateUp;  // (B*T, 2*I)
    at::Tensor act;     // (B*T, I)
};

class KvState final : public DecodeState
{
public:
    int batchSize() const override { return int(lengths.size()); }
    int length(int b) const override { return lengths.at(size_t(b)); }

    int maxLength = 0;
    std::vector<int> lengths;
    //! Slots [0, finiteUpTo[b]) of sequence b hold finite values in every layer (written, or
    //! zeroed because a longer sequence of the batch made attention read them).
    std::vector<int> finiteUpTo;
    at::Tensor keys;    // (layers, B, nkv, maxLength, hd), keys already rotated
    at::Tensor values;  // (layers, B, nkv, maxLength, hd)
    at::Tensor ropeCos; // (>= maxLength, hd/2)
    at::Tensor ropeSin;
    std::shared_ptr<BufferPool> pool;
    Workspace ws;
};

//! Appends tokens[b] to sequence b and writes float32 logits to `out`: (B, V) at the last
//! appended position of each sequence, or, with allPositions (B == 1), (T, V) for every appended
//! position. Arguments are validated by the caller. Throws what ATen throws.
void forward(const Weights &w, KvState &state, const std::vector<std::vector<int>> &tokens,
             bool allPositions, float *out);

//! Appends tokens[b] to sequence b like forward(), but writes the final-norm hidden states of
//! every row instead of logits: (B, T, H) with T = max_b tokens[b].size(); rows t >= the length
//! of tokens[b] are padding (finite, unspecified). Throws what ATen throws.
void forwardHidden(const Weights &w, KvState &state, const std::vector<std::vector<int>> &tokens, float *out);

} // namespace wb::engine::llama
