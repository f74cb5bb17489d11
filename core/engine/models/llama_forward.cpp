// The forward pass of a Llama-family decoder (see llama_module_p.h for the weight layout).
//
// Shapes: B sequences, each appending t_b tokens (padded to T = max t_b), R = B*T rows;
// H hidden, nh query heads, nkv key/value heads, g = nh / nkv queries per kv head, hd head dim,
// I the MLP width, V the vocabulary, L the longest sequence after this call.
//
// Decoding is a handful of matrix-vector products per layer over weights that don't fit in any
// cache, so it is bound by memory bandwidth and, for a small model, by per-op overhead; a prompt
// is bound by matrix products. Hence: transposed, fused weights (llama_module_p.h), one BLAS per
// call (see Backend), residual adds folded into the products (beta = 1), RoPE as a loop that also
// writes the KV cache, the element-wise rest as fused loops (llama_kernels.h; masking happens in
// the softmax), buffers from a pool.

#include "llama_kernels.h"
#include "llama_module_p.h"
#include "onednn_gemm.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace wb::engine::llama {

namespace {

// Which library multiplies. OpenBLAS (a pthread pool) and oneDNN (OpenMP) each keep their own
// threads spinning between calls; interleaving them in one pass makes each wait for cores the
// other's spinners hold (a 128-token SmolLM2 prefill: 270-460 ms mixed vs 140 ms oneDNN alone,
// 2 threads, idle machine). So a call uses one of them:
// - decode steps (one token per sequence): OpenBLAS's gemv, ~12 GB/s of weights on a single
//   row, well ahead of gemm; more rows than kGemvRows go to its gemm, attention to its bmm;
// - prompts (several tokens): oneDNN's sgemm (onednn_gemm.h), twice as fast as OpenBLAS's
//   gemm on these shapes, for every product including attention.
enum class Backend { OpenBlas, OneDnn };
constexpr int64_t kGemvRows = 4;

//! out (R, N) = x (R, K) @ W (K, N), or += when accumulate (BLAS beta = 1).
void matmul(Backend backend, at::Tensor &out, const at::Tensor &x, const at::Tensor &w, bool accumulate)
{
    const int64_t rows = x.size(0), K = x.size(1), N = w.size(1);
    if (backend == Backend::OneDnn
        && onednn::sgemm()('N', 'N', rows, N, K, 1.0f, x.data_ptr<float>(), K, w.data_ptr<float>(), N,
                           accumulate ? 1.0f : 0.0f, out.data_ptr<float>(), N)
               == 0)
        return;
    if (rows <= kGemvRows) {
        const at::Tensor wt = w.t(); // (N, K) column-major: BLAS gemv "N"
        for (int64_t r = 0; r < rows; ++r) {
            at::Tensor o = out.select(0, r);
            if (accumulate)
                o.addmv_(wt, x.select(0, r));
            else
                at::mv_out(o, wt, x.select(0, r));
        }
    } else if (accumulate) {
        out.addmm_(x, w);
    } else {
        at::mm_out(out, x, w);
    }
}

//! out (R, N) += b (N)
void addBias(at::Tensor &out, const at::Tensor &b)
{
    const int64_t rows = out.size(0), n = out.size(1);
    float *o = out.data_ptr<float>();
    const float *bias = b.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t i = 0; i < n; ++i)
            o[r * n + i] += bias[i];
}

//! out (R, N) = x (R, K) @ W (K, N) (+ b).
void linearInto(Backend backend, at::Tensor &out, const at::Tensor &x, const at::Tensor &w, const at::Tensor &b)
{
    matmul(backend, out, x, w, false);
    if (b.defined())
        addBias(out, b);
}

//! x (R, N) += a (R, K) @ W (K, N) (+ b): the residual add rides on the product's beta = 1.
void linearAccumulate(Backend backend, at::Tensor &x, const at::Tensor &a, const at::Tensor &w,
                      const at::Tensor &b)
{
    matmul(backend, x, a, w, true);
    if (b.defined())
        addBias(x, b);
}

//! HF's rotate_half convention on one head: the first half pairs with the second half.
inline void rotate(const float *in, float *out, const float *cos, const float *sin, int64_t half, float scale)
{
    for (int64_t i = 0; i < half; ++i) {
        const float x1 = in[i], x2 = in[i + half];
        out[i] = (x1 * cos[i] - x2 * sin[i]) * scale;
        out[i + half] = (x2 * cos[i] + x1 * sin[i]) * scale;
    }
}

struct Batch
{
    int64_t B = 0, T = 0;
    std::vector<int64_t> len;   // cached tokens before this call
    std::vector<int64_t> added; // t_b
    int64_t L = 0;              // max_b(len + added): keys attention reads
    bool uniform = true;        // same len and t_b everywhere: no per-sequence mask
};

//! Rotates q (into ws.q, grouped by kv head, scaled by 1/sqrt(hd)) and k of layer `layer`, and
//! writes k and v of the real (unpadded) tokens into the cache at their positions.
void ropeAndCache(const ModelConfig &c, KvState &s, const Batch &bt, int64_t layer)
{
    const int64_t nh = c.numHeads, nkv = c.numKvHeads, hd = c.headDim, half = hd / 2;
    const int64_t T = bt.T, maxLen = s.maxLength;
    const int64_t rowWidth = (nh + 2 * nkv) * hd;
    const float scale = float(1.0 / std::sqrt(double(hd)));
    const float *qkv = s.ws.qkv.data_ptr<float>();
    float *q = s.ws.q.data_ptr<float>();
    float *keys = s.keys.select(0, layer).data_ptr<float>();     // (B, nkv, maxLen, hd)
    float *values = s.values.select(0, layer).data_ptr<float>(); // (B, nkv, maxLen, hd)
    const float *cosTable = s.ropeCos.data_ptr<float>();
    const float *sinTable = s.ropeSin.data_ptr<float>();

    // Parallel only for long prompts: a row is ~(nh + nkv) * hd multiply-adds.
    at::parallel_for(0, bt.B * T, 1024, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t b = r / T, t = r % T;
            // Padding rows get a valid position too, so their (unused) values stay finite.
            const int64_t pos = std::min(bt.len[size_t(b)] + t, maxLen - 1);
            const float *cs = cosTable + pos * half;
            const float *sn = sinTable + pos * half;
            const float *row = qkv + r * rowWidth;
            for (int64_t h = 0; h < nh; ++h) // q head h = kv head h / g, group slot h % g
                rotate(row + h * hd, q + ((b * nh + h) * T + t) * hd, cs, sn, half, scale);
            if (t >= bt.added[size_t(b)])
                continue;
            for (int64_t j = 0; j < nkv; ++j) {
                const int64_t slot = ((b * nkv + j) * maxLen + pos) * hd;
                rotate(row + (nh + j) * hd, keys + slot, cs, sn, half, 1.0f);
                std::copy_n(row + (nh + nkv + j) * hd, hd, values + slot);
            }
        }
    });
}

//! Makes the slots attention will read finite: slots of a shorter sequence beyond its length are
//! multiplied by zero probabilities, and 0 * NaN from uninitialised memory would poison the row.
void ensureFinite(KvState &s, const Batch &bt)
{
    for (int64_t b = 0; b < bt.B; ++b) {
        int &finite = s.finiteUpTo[size_t(b)];
        finite = int(std::max<int64_t>(finite, bt.len[size_t(b)] + bt.added[size_t(b)]));
        if (bt.L > finite) {
            s.keys.select(1, b).narrow(2, finite, bt.L - finite).zero_();
            s.values.select(1, b).narrow(2, finite, bt.L - finite).zero_();
            finite = int(bt.L);
        }
    }
}

//! The last key each query (b, t) may see: its own position, len_b + t. (B*T)
std::vector<int64_t> lastKeys(const Batch &bt)
{
    std::vector<int64_t> last(size_t(bt.B * bt.T));
    for (int64_t b = 0; b < bt.B; ++b)
        for (int64_t t = 0; t < bt.T; ++t)
            last[size_t(b * bt.T + t)] = bt.len[size_t(b)] + t;
    return last;
}

//! scores (B*nkv, g*T, L) = q (B*nkv, g*T, hd) @ keys^T and, after the softmax,
//! context (B*nkv, g*T, hd) = scores @ values; keys and values are read in place from the cache
//! (B*nkv batches of (L, hd) rows, batch stride maxLen*hd).
struct Attention
{
    Backend backend;
    int64_t batches, rows, L, hd, cacheStride;

    void scores(const float *q, const float *keys, float *out) const
    {
        if (backend == Backend::OneDnn) {
            const auto sgemm = onednn::sgemm();
            bool ok = true;
            for (int64_t i = 0; ok && i < batches; ++i)
                ok = sgemm('N', 'T', rows, L, hd, 1.0f, q + i * rows * hd, hd, keys + i * cacheStride, hd, 0.0f,
                           out + i * rows * L, L)
                     == 0;
            if (ok)
                return;
        }
        bmm(q, keys, out, true);
    }

    void context(const float *probs, const float *values, float *out) const
    {
        if (backend == Backend::OneDnn) {
            const auto sgemm = onednn::sgemm();
            bool ok = true;
            for (int64_t i = 0; ok && i < batches; ++i)
                ok = sgemm('N', 'N', rows, hd, L, 1.0f, probs + i * rows * L, L, values + i * cacheStride, hd, 0.0f,
                           out + i * rows * hd, hd)
                     == 0;
            if (ok)
                return;
        }
        bmm(probs, values, out, false);
    }

private:
    //! The same with ATen's bmm (OpenBLAS) over strided views of the cache.
    void bmm(const float *a, const float *cache, float *out, bool transposed) const
    {
        const auto f32 = at::TensorOptions().dtype(at::kFloat);
        const int64_t inner = transposed ? hd : L;
        const at::Tensor lhs = at::from_blob(const_cast<float *>(a), {batches, rows, inner}, f32);
        at::Tensor rhs = at::from_blob(const_cast<float *>(cache), {batches, L, hd}, {cacheStride, hd, 1}, f32);
        if (transposed)
            rhs = rhs.transpose(1, 2);
        at::Tensor result = at::from_blob(out, {batches, rows, transposed ? L : hd}, f32);
        at::bmm_out(result, lhs, rhs);
    }
};

//! x (R, H) = the embeddings of ids (R).
void embed(const Weights &w, const std::vector<int64_t> &ids, at::Tensor &x)
{
    const int64_t H = w.config.hiddenSize;
    float *out = x.data_ptr<float>();
    if (w.embed.defined()) { // (V, H): rows
        const float *table = w.embed.data_ptr<float>();
        for (size_t r = 0; r < ids.size(); ++r)
            std::copy_n(table + ids[r] * H, H, out + int64_t(r) * H);
        return;
    }
    const float *table = w.lmHead.data_ptr<float>(); // tied, (H, V): columns
    const int64_t V = w.config.vocabSize;
    for (size_t r = 0; r < ids.size(); ++r)
        for (int64_t h = 0; h < H; ++h)
            out[int64_t(r) * H + h] = table[h * V + ids[r]];
}

//! attn (B, T, nkv, g, hd) = context (B, nkv, g, T, hd): heads back next to each other per token.
void mergeHeads(const at::Tensor &context, at::Tensor &attn, int64_t B, int64_t heads, int64_t T, int64_t hd)
{
    const float *in = context.data_ptr<float>();
    float *out = attn.data_ptr<float>();
    for (int64_t b = 0; b < B; ++b)
        for (int64_t h = 0; h < heads; ++h)
            for (int64_t t = 0; t < T; ++t)
                std::copy_n(in + ((b * heads + h) * T + t) * hd, hd, out + ((b * T + t) * heads + h) * hd);
}

void ensureWorkspace(const ModelConfig &c, KvState &s, int64_t B, int64_t T)
{
    Workspace &ws = s.ws;
    if (ws.batch == B && ws.steps == T)
        return;
    ws = Workspace(); // back to the pool before taking new ones
    const int64_t R = B * T, hd = c.headDim, nh = c.numHeads, nkv = c.numKvHeads;
    BufferPool &pool = *s.pool;
    ws.x = pool.empty({R, c.hiddenSize});
    ws.h = pool.empty({R, c.hiddenSize});
    ws.qkv = pool.empty({R, (nh + 2 * nkv) * hd});
    ws.q = pool.empty({B, nkv, nh / nkv, T, hd});
    ws.attn = pool.empty({R, nh * hd});
    ws.gateUp = pool.empty({R, 2 * int64_t(c.intermediateSize)});
    ws.act = pool.empty({R, c.intermediateSize});
    ws.batch = B;
    ws.steps = T;
}

//! Runs every decoder layer over tokens (appending them to the cache): afterwards ws.x (B*T, H)
//! holds the residual stream before the final norm. Returns the batch's shape.
Batch runLayers(const Weights &w, KvState &s, const std::vector<std::vector<int>> &tokens)
{
    const ModelConfig &c = w.config;
    const int64_t H = c.hiddenSize, hd = c.headDim, nh = c.numHeads, nkv = c.numKvHeads, g = nh / nkv;
    const int64_t I = c.intermediateSize;

    Batch bt;
    bt.B = int64_t(tokens.size());
    for (int64_t b = 0; b < bt.B; ++b) {
        bt.len.push_back(s.lengths[size_t(b)]);
        bt.added.push_back(int64_t(tokens[size_t(b)].size()));
        bt.T = std::max(bt.T, bt.added.back());
        bt.L = std::max(bt.L, bt.len.back() + bt.added.back());
        bt.uniform = bt.uniform && bt.len.back() == bt.len.front() && bt.added.back() == bt.added.front();
    }
    const int64_t B = bt.B, T = bt.T, R = B * T, L = bt.L;
    ensureWorkspace(c, s, B, T);
    Workspace &ws = s.ws;

    // Embeddings of the tokens, padding rows read token 0.
    std::vector<int64_t> ids(size_t(R), 0);
    for (int64_t b = 0; b < B; ++b)
        for (int64_t t = 0; t < bt.added[size_t(b)]; ++t)
            ids[size_t(b * T + t)] = tokens[size_t(b)][size_t(t)];
    embed(w, ids, ws.x); // (R, H)

    ensureFinite(s, bt);
    // One token per sequence at the same length sees every cached key: no mask needed.
    const std::vector<int64_t> last = bt.uniform && T == 1 ? std::vector<int64_t>() : lastKeys(bt);

    at::Tensor scores = s.pool->empty({B * nkv, g * T, L}); // reused by every layer
    at::Tensor context = s.pool->empty({B * nkv, g * T, hd});
    const Backend backend = T > 1 && onednn::sgemm() ? Backend::OneDnn : Backend::OpenBlas;
    const Attention attention{backend, B * nkv, g * T, L, hd, int64_t(s.maxLength) * hd};
    const float eps = float(c.rmsNormEps);

    for (int64_t layer = 0; layer < c.numLayers; ++layer) {
        const Layer &l = w.layers[size_t(layer)];
        kernels::rmsNorm(ws.x.data_ptr<float>(), l.inputNorm.data_ptr<float>(), ws.h.data_ptr<float>(), R, H, eps);
        linearInto(backend, ws.qkv, ws.h, l.wqkv, l.bqkv); // (R, (nh + 2 nkv) hd)
        ropeAndCache(c, s, bt, layer);

        attention.scores(ws.q.data_ptr<float>(), s.keys.select(0, layer).data_ptr<float>(),
                         scores.data_ptr<float>()); // q already scaled by 1/sqrt(hd)
        kernels::causalSoftmax(scores.data_ptr<float>(), B, nkv * g, T, L, last.empty() ? nullptr : last.data());
        attention.context(scores.data_ptr<float>(), s.values.select(0, layer).data_ptr<float>(),
                          context.data_ptr<float>());

        // (B, nkv, g, T, hd) → (B, T, nh*hd); for T = 1 the layouts coincide.
        at::Tensor attn = ws.attn;
        if (T == 1)
            attn = context.view({R, nh * hd});
        else
            mergeHeads(context, ws.attn, B, nh, T, hd);
        linearAccumulate(backend, ws.x, attn, l.wo, l.bo);

        kernels::rmsNorm(ws.x.data_ptr<float>(), l.postNorm.data_ptr<float>(), ws.h.data_ptr<float>(), R, H, eps);
        linearInto(backend, ws.gateUp, ws.h, l.wgateUp, l.bgateUp); // (R, 2I)
        kernels::swiglu(ws.gateUp.data_ptr<float>(), ws.act.data_ptr<float>(), R, I);
        linearAccumulate(backend, ws.x, ws.act, l.wdown, l.bdown);
    }
    for (int64_t b = 0; b < B; ++b)
        s.lengths[size_t(b)] += int(bt.added[size_t(b)]);
    return bt;
}

} // namespace

void forward(const Weights &w, KvState &s, const std::vector<std::vector<int>> &tokens, bool allPositions,
             float *out)
{
    const ModelConfig &c = w.config;
    const int64_t H = c.hiddenSize, V = c.vocabSize;
    const Batch bt = runLayers(w, s, tokens);
    const int64_t B = bt.B, T = bt.T, R = B * T;
    Workspace &ws = s.ws;
    const auto f32 = at::TensorOptions().dtype(at::kFloat);
    const float eps = float(c.rmsNormEps);
    const Backend backend = T > 1 && onednn::sgemm() ? Backend::OneDnn : Backend::OpenBlas;

    if (allPositions) { // B == 1: every row is a real token
        kernels::rmsNorm(ws.x.data_ptr<float>(), w.norm.data_ptr<float>(), ws.h.data_ptr<float>(), R, H, eps);
        at::Tensor logits = at::from_blob(out, {R, V}, f32);
        linearInto(backend, logits, ws.h, w.lmHead, at::Tensor());
        return;
    }
    // The final norm of the last appended row of each sequence (row 0 of a sequence given
    // nothing: unspecified), then the logits.
    at::Tensor normed = s.pool->empty({B, H});
    for (int64_t b = 0; b < B; ++b) {
        const int64_t row = b * T + std::max<int64_t>(bt.added[size_t(b)] - 1, 0);
        kernels::rmsNorm(ws.x.data_ptr<float>() + row * H, w.norm.data_ptr<float>(), normed.data_ptr<float>() + b * H,
                         1, H, eps);
    }
    at::Tensor logits = at::from_blob(out, {B, V}, f32);
    linearInto(backend, logits, normed, w.lmHead, at::Tensor());
}

void forwardHidden(const Weights &w, KvState &s, const std::vector<std::vector<int>> &tokens, float *out)
{
    const Batch bt = runLayers(w, s, tokens);
    // (B*T, H): the final norm of every row, padding rows included (they are finite).
    kernels::rmsNorm(s.ws.x.data_ptr<float>(), w.norm.data_ptr<float>(), out, bt.B * bt.T, w.config.hiddenSize,
                     float(w.config.rmsNormEps));
}

} // namespace wb::engine::llama
