#pragma once

// The element-wise parts of a decoder layer as plain loops on float32 rows, fused where ATen
// would run two or three ops. Why not ATen: each of its element-wise ops opens an OpenMP region
// once a tensor has more than 32k elements, and on a machine whose cores are busy a region costs
// milliseconds of waiting (measured: silu, mul, softmax, masked_fill and copy at ~7 ms each per
// layer in a 128-token prefill with 2 threads on 2 shared cores, against ~0.1 ms as loops).
// These loops go parallel only when a call has enough work to pay for it. Torch-free header.

#include <cstdint>

namespace wb::engine::kernels {

//! out[r] = x[r] / sqrt(mean(x[r]^2) + eps) * weight, for `rows` rows of `n` floats.
void rmsNorm(const float *x, const float *weight, float *out, int64_t rows, int64_t n, float eps);

//! SwiGLU: out[r][i] = silu(gateUp[r][i]) * gateUp[r][n + i]; gateUp rows are [gate | up].
void swiglu(const float *gateUp, float *out, int64_t rows, int64_t n);

//! In-place softmax over the last dim of scores (B, heads, T, L), where query t of sequence b
//! sees keys 0..lastKey[b * T + t] (inclusive) and the rest get probability 0. lastKey nullptr:
//! every key is visible.
void causalSoftmax(float *scores, int64_t B, int64_t heads, int64_t T, int64_t L, const int64_t *lastKey);

} // namespace wb::engine::kernels
