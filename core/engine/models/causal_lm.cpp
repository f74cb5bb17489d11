// CausalLm::load and the CausalLm implementation around the forward pass (llama_forward.cpp):
// reading and checking a checkpoint, laying its weights out for the forward pass (transposed and
// fused, see llama_module_p.h), rotary tables, the buffer pool, KV-cache states, argument checks,
// chunking long inputs, and turning libtorch's exceptions into api errors.

#include "causal_lm.h"

#include "llama_layout.h"
#include "llama_module_p.h"
#include "safetensors.h"
#include "torch_runtime.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace wb::engine {

void initTorchThreads()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const char *env = std::getenv("OMP_NUM_THREADS");
        const int fromEnv = env ? std::atoi(env) : 0;
        const int cores = int(std::thread::hardware_concurrency());
        at::set_num_threads(fromEnv > 0 ? fromEnv : std::max(1, cores));
    });
}

int torchThreadCount()
{
    return at::get_num_threads();
}

namespace llama {

void ropeTables(const ModelConfig &c, int64_t positions, at::Tensor &cos, at::Tensor &sin)
{
    // inv_freq exactly as transformers computes it: float32 throughout.
    const auto f32 = at::TensorOptions().dtype(at::kFloat);
    const double dim = c.headDim;
    at::Tensor invFreq =
        at::reciprocal(at::pow(c.ropeTheta, at::arange(0, c.headDim, 2, at::kLong).to(at::kFloat) / dim));
    const RopeScaling &rs = c.ropeScaling;
    if (rs.type == "linear") {
        invFreq = invFreq / rs.factor;
    } else if (rs.type == "llama3") {
        // transformers' _compute_llama3_parameters: long wavelengths are divided by the factor,
        // short ones kept, the band between interpolated smoothly.
        const double oldContext = rs.originalMaxPositionEmbeddings;
        const double lowFreqWavelen = oldContext / rs.lowFreqFactor;
        const double highFreqWavelen = oldContext / rs.highFreqFactor;
        const at::Tensor wavelen = at::reciprocal(invFreq) * (2 * M_PI);
        at::Tensor scaled = at::where(wavelen > lowFreqWavelen, invFreq / rs.factor, invFreq);
        const at::Tensor smooth =
            (at::reciprocal(wavelen) * oldContext - rs.lowFreqFactor) / (rs.highFreqFactor - rs.lowFreqFactor);
        const at::Tensor smoothed = (1 - smooth) * scaled / rs.factor + smooth * scaled;
        const at::Tensor medium = at::logical_not(wavelen < highFreqWavelen)
                                      .logical_and(at::logical_not(wavelen > lowFreqWavelen));
        invFreq = at::where(medium, smoothed, scaled);
    }
    const at::Tensor freqs = at::arange(positions, f32).unsqueeze(1) * invFreq.unsqueeze(0); // (P, hd/2)
    cos = freqs.cos().contiguous();
    sin = freqs.sin().contiguous();
}

BufferPool::~BufferPool()
{
    for (const auto &[bytes, block] : m_free)
        std::free(block);
}

at::Tensor BufferPool::empty(at::IntArrayRef shape)
{
    int64_t numel = 1;
    for (int64_t d : shape)
        numel *= d;
    // Page-sized classes, so buffers of a growing sequence (scores of length L, L+1, ...) fit
    // in each other.
    constexpr size_t kPage = 4096;
    const size_t bytes = std::max<size_t>(kPage, (size_t(numel) * sizeof(float) + kPage - 1) / kPage * kPage);
    void *block = nullptr;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        // The smallest free block that fits, unless it is much larger than asked for.
        const auto it = m_free.lower_bound(bytes);
        if (it != m_free.end() && it->first <= 2 * bytes + (1 << 20)) {
            block = it->second;
            m_cached -= it->first;
            const size_t size = it->first;
            m_free.erase(it);
            return at::from_blob(block, shape, [pool = shared_from_this(), size](void *p) { pool->release(p, size); },
                                 at::TensorOptions().dtype(at::kFloat));
        }
    }
    constexpr size_t kHuge = size_t(2) << 20;
    const bool huge = bytes >= 2 * kHuge;
    if (posix_memalign(&block, huge ? kHuge : 64, bytes) != 0)
        throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (huge)
        madvise(block, bytes, MADV_HUGEPAGE); // fewer, cheaper faults for KV caches
#endif
    return at::from_blob(block, shape, [pool = shared_from_this(), bytes](void *p) { pool->release(p, bytes); },
                         at::TensorOptions().dtype(at::kFloat));
}

void BufferPool::release(void *block, size_t bytes)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_cached + bytes <= m_maxCached) {
            m_free.emplace(bytes, block);
            m_cached += bytes;
            return;
        }
    }
    std::free(block);
}

} // namespace llama

namespace {

// Unused KV caches and buffers a model keeps for its next states (see BufferPool).
constexpr size_t kPooledBytes = size_t(256) << 20;

// The model table covers this many positions; a state that needs more computes its own.
constexpr int64_t kSharedRopePositions = 4096;

std::string fileText(const QString &path) { return QDir::toNativeSeparators(path).toStdString(); }

//! One block of float32 memory for every weight: a single allocation (huge pages where the
//! kernel offers them) instead of hundreds, and tensors that are views of it.
class Arena
{
public:
    explicit Arena(int64_t floats) : m_floats(floats)
    {
        constexpr size_t kAlign = size_t(2) << 20;
        const size_t bytes = (size_t(floats) * sizeof(float) + kAlign - 1) / kAlign * kAlign;
        if (posix_memalign(&m_data, kAlign, std::max(bytes, kAlign)) != 0)
            throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        madvise(m_data, bytes, MADV_HUGEPAGE);
#endif
    }
    ~Arena() { std::free(m_data); }
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    //! The next `shape` floats as a tensor that keeps the arena alive.
    static at::Tensor take(const std::shared_ptr<Arena> &arena, at::IntArrayRef shape)
    {
        int64_t n = 1;
        for (int64_t d : shape)
            n *= d;
        if (arena->m_used + n > arena->m_floats)
            throw std::logic_error("weight arena too small");
        // 16-float (64-byte) alignment for every tensor, as the CPU allocator would give.
        float *p = static_cast<float *>(arena->m_data) + arena->m_used;
        arena->m_used += (n + 15) / 16 * 16;
        return at::from_blob(p, shape, [keep = arena](void *) {}, at::TensorOptions().dtype(at::kFloat));
    }
    static int64_t paddedSize(int64_t n) { return (n + 15) / 16 * 16; }
    int64_t bytes() const { return m_floats * int64_t(sizeof(float)); }

private:
    void *m_data = nullptr;
    int64_t m_floats = 0;
    int64_t m_used = 0;
};

at::ScalarType scalarType(TensorDtype d)
{
    switch (d) {
    case TensorDtype::BF16: return at::kBFloat16;
    case TensorDtype::F16: return at::kHalf;
    default: return at::kFloat;
    }
}

//! Checks every tensor the config implies before any conversion work, so a bad checkpoint fails
//! fast: missing tensors, shape mismatches and dtypes we cannot compute with.
api::Status checkTensors(const SafetensorsSet &set, const std::vector<LayoutTensor> &layout)
{
    for (const auto &t : layout) {
        const TensorView *v = set.find(t.name);
        TensorView expected;
        expected.shape = t.shape;
        if (!v)
            return api::Error::badRequest(fileText(set.fileNameFor(t.name)) + ": tensor '" + t.name
                                          + "' not found (config.json implies shape " + expected.shapeText() + ")");
        if (v->shape != t.shape)
            return api::Error::badRequest(fileText(set.fileNameFor(t.name)) + ": tensor '" + t.name + "' has shape "
                                          + v->shapeText() + ", config.json implies " + expected.shapeText());
        if (v->dtype != TensorDtype::F32 && v->dtype != TensorDtype::BF16 && v->dtype != TensorDtype::F16)
            return api::Error::badRequest(fileText(set.fileNameFor(t.name)) + ": tensor '" + t.name
                                          + "' has unsupported dtype " + tensorDtypeName(v->dtype)
                                          + " (F32, BF16 or F16)");
    }
    return {};
}

class Loader
{
public:
    Loader(const SafetensorsSet &set, std::shared_ptr<Arena> arena) : m_set(set), m_arena(std::move(arena)) {}

    //! The named checkpoint tensor as float32 in the arena, as it is stored.
    at::Tensor take(const std::string &name)
    {
        const TensorView *v = m_set.find(name);
        at::Tensor out = Arena::take(m_arena, v->shape);
        out.copy_(source(*v)); // converts bf16/f16 to float32 on the way
        return out;
    }

    //! Checkpoint matrices (out_i, in) transposed and side by side: (in, sum of out_i), for
    //! q/k/v and gate/up (see llama_module_p.h for why transposed).
    at::Tensor transposed(const std::vector<std::string> &names)
    {
        std::vector<const TensorView *> views;
        int64_t cols = 0;
        for (const auto &n : names) {
            views.push_back(m_set.find(n));
            cols += views.back()->shape.at(0);
        }
        at::Tensor out = Arena::take(m_arena, {views.front()->shape.at(1), cols});
        int64_t col = 0;
        for (const TensorView *v : views) {
            out.narrow(1, col, v->shape.at(0)).copy_(source(*v).t());
            col += v->shape.at(0);
        }
        return out;
    }

    //! Bias vectors side by side; undefined when the model has none.
    at::Tensor biases(bool present, const std::vector<std::string> &names)
    {
        if (!present)
            return at::Tensor();
        int64_t n = 0;
        for (const auto &name : names)
            n += m_set.find(name)->shape.at(0);
        at::Tensor out = Arena::take(m_arena, {n});
        int64_t at = 0;
        for (const auto &name : names) {
            const TensorView *v = m_set.find(name);
            out.narrow(0, at, v->shape.at(0)).copy_(source(*v));
            at += v->shape.at(0);
        }
        return out;
    }

private:
    static at::Tensor source(const TensorView &v)
    {
        return at::from_blob(const_cast<unsigned char *>(v.data), v.shape,
                             at::TensorOptions().dtype(scalarType(v.dtype)));
    }

    const SafetensorsSet &m_set;
    std::shared_ptr<Arena> m_arena;
};

api::Error tooLong(int b, int have, int add, int max)
{
    return api::Error::badRequest("tokens[" + std::to_string(b) + "]: " + std::to_string(have) + " + "
                                  + std::to_string(add) + " tokens exceed the state's maxLength "
                                  + std::to_string(max));
}

class TorchCausalLm final : public CausalLm
{
public:
    explicit TorchCausalLm(std::shared_ptr<llama::Weights> w) : m_w(std::move(w)) {}

    const ModelConfig &config() const override { return m_w->config; }
    int64_t parameterCount() const override { return m_w->config.parameterCount(); }
    int64_t weightBytes() const override { return m_w->weightBytes; }

    api::Result<std::unique_ptr<DecodeState>> newState(int batchSize, int maxLength) const override
    {
        const ModelConfig &c = m_w->config;
        if (batchSize < 1)
            return api::Error::badRequest("batchSize: must be at least 1, got " + std::to_string(batchSize));
        if (maxLength < 1 || maxLength > c.maxPositionEmbeddings)
            return api::Error::badRequest("maxLength: must be in [1, " + std::to_string(c.maxPositionEmbeddings)
                                          + "] (max_position_embeddings), got " + std::to_string(maxLength));
        try {
            c10::InferenceMode guard;
            auto s = std::make_unique<llama::KvState>();
            s->maxLength = maxLength;
            s->lengths.assign(size_t(batchSize), 0);
            s->finiteUpTo.assign(size_t(batchSize), 0);
            // Uninitialised on purpose: slots that attention reads before they are written are
            // zeroed then (see finiteUpTo).
            const std::vector<int64_t> shape{c.numLayers, batchSize, c.numKvHeads, maxLength, c.headDim};
            s->pool = m_w->pool;
            s->keys = s->pool->empty(shape);
            s->values = s->pool->empty(shape);
            if (maxLength <= m_w->ropeCos.size(0)) {
                s->ropeCos = m_w->ropeCos;
                s->ropeSin = m_w->ropeSin;
            } else {
                llama::ropeTables(c, maxLength, s->ropeCos, s->ropeSin);
            }
            return std::unique_ptr<DecodeState>(std::move(s));
        } catch (const std::exception &e) {
            return api::Error::internal(std::string("cannot allocate the KV cache: ") + e.what());
        }
    }

    api::Result<std::vector<float>> forward(DecodeState &state,
                                            const std::vector<std::vector<int>> &tokens) const override
    {
        auto *s = dynamic_cast<llama::KvState *>(&state);
        if (!s)
            return api::Error::badRequest("state: not made by this model's newState");
        if (int(tokens.size()) != s->batchSize())
            return api::Error::badRequest("tokens: " + std::to_string(tokens.size()) + " sequences for a state of "
                                          + std::to_string(s->batchSize()));
        bool any = false;
        for (size_t b = 0; b < tokens.size(); ++b) {
            if (auto e = checkIds(tokens[b], "tokens[" + std::to_string(b) + "]"); !e)
                return e.error();
            if (s->lengths[b] + int64_t(tokens[b].size()) > s->maxLength)
                return tooLong(int(b), s->lengths[b], int(tokens[b].size()), s->maxLength);
            any = any || !tokens[b].empty();
        }
        std::vector<float> logits(tokens.size() * size_t(m_w->config.vocabSize), 0.0f);
        if (!any)
            return logits;
        return run(*s, tokens, false, logits);
    }

    api::Result<std::vector<float>> logitsAll(const std::vector<int> &tokens) const override
    {
        if (tokens.empty())
            return std::vector<float>();
        if (auto e = checkIds(tokens, "tokens"); !e)
            return e.error();
        auto state = newState(1, int(tokens.size()));
        if (!state)
            return state.error();
        std::vector<float> logits(tokens.size() * size_t(m_w->config.vocabSize));
        return run(static_cast<llama::KvState &>(*state.value()), {tokens}, true, logits);
    }

    api::Result<std::vector<float>> pooledHiddenStates(const std::vector<std::vector<int>> &batch,
                                                       Pooling pooling) const override
    {
        const ModelConfig &c = m_w->config;
        const size_t B = batch.size(), H = size_t(c.hiddenSize);
        if (B == 0)
            return std::vector<float>();
        size_t longest = 0;
        for (size_t b = 0; b < B; ++b) {
            const std::string path = "batch[" + std::to_string(b) + "]";
            if (batch[b].empty())
                return api::Error::badRequest(path + ": an empty sequence has no hidden states");
            if (batch[b].size() > size_t(c.maxPositionEmbeddings))
                return api::Error::badRequest(path + ": " + std::to_string(batch[b].size())
                                              + " tokens exceed max_position_embeddings "
                                              + std::to_string(c.maxPositionEmbeddings));
            if (auto e = checkIds(batch[b], path); !e)
                return e.error();
            longest = std::max(longest, batch[b].size());
        }
        auto state = newState(int(B), int(longest));
        if (!state)
            return state.error();
        auto &s = static_cast<llama::KvState &>(*state.value());
        // Chunks as run(): the attention scores of long sequences stay small. Mean pooling sums
        // in double over the chunks.
        const size_t chunk = chunkTokens(B, longest);
        std::vector<double> sums(pooling == Pooling::Mean ? B * H : 0, 0.0);
        std::vector<float> pooled(B * H, 0.0f);
        try {
            c10::InferenceMode guard;
            std::vector<std::vector<int>> piece(B);
            std::vector<float> rows;
            for (size_t start = 0; start < longest; start += chunk) {
                size_t T = 0;
                for (size_t b = 0; b < B; ++b) {
                    const size_t from = std::min(start, batch[b].size());
                    const size_t to = std::min(start + chunk, batch[b].size());
                    piece[b].assign(batch[b].begin() + long(from), batch[b].begin() + long(to));
                    T = std::max(T, piece[b].size());
                }
                rows.resize(B * T * H); // (B, T, H), padding rows ignored below
                llama::forwardHidden(*m_w, s, piece, rows.data());
                for (size_t b = 0; b < B; ++b) {
                    for (size_t t = 0; t < piece[b].size(); ++t) {
                        const float *row = rows.data() + (b * T + t) * H;
                        if (pooling == Pooling::Mean) {
                            for (size_t h = 0; h < H; ++h)
                                sums[b * H + h] += row[h];
                        } else if (start + t + 1 == batch[b].size()) {
                            std::copy_n(row, H, pooled.data() + b * H);
                        }
                    }
                }
            }
        } catch (const std::exception &e) {
            return api::Error::internal(std::string("forward pass failed: ") + e.what());
        }
        if (pooling == Pooling::Mean)
            for (size_t b = 0; b < B; ++b)
                for (size_t h = 0; h < H; ++h)
                    pooled[b * H + h] = float(sums[b * H + h] / double(batch[b].size()));
        return pooled;
    }

private:
    api::Status checkIds(const std::vector<int> &ids, const std::string &path) const
    {
        const int vocab = m_w->config.vocabSize;
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] < 0 || ids[i] >= vocab)
                return api::Error::badRequest(path + "[" + std::to_string(i) + "]: token id " + std::to_string(ids[i])
                                              + " outside the vocabulary [0, " + std::to_string(vocab) + ")");
        return {};
    }

    //! Runs the tokens in chunks of at most chunkTokens() per sequence, so the attention scores
    //! of a long prompt (heads x T x L floats) stay small; chunked and whole give the same logits.
    api::Result<std::vector<float>> run(llama::KvState &s, const std::vector<std::vector<int>> &tokens,
                                        bool allPositions, std::vector<float> &logits) const
    {
        const size_t V = size_t(m_w->config.vocabSize), B = tokens.size();
        size_t longest = 0, finalLength = 0;
        for (size_t b = 0; b < B; ++b) {
            longest = std::max(longest, tokens[b].size());
            finalLength = std::max(finalLength, size_t(s.lengths[b]) + tokens[b].size());
        }
        const size_t chunk = chunkTokens(B, finalLength);
        try {
            c10::InferenceMode guard;
            if (longest <= chunk) {
                llama::forward(*m_w, s, tokens, allPositions, logits.data());
                return std::move(logits);
            }
            std::vector<float> part(allPositions ? 0 : B * V);
            std::vector<std::vector<int>> piece(B);
            for (size_t start = 0; start < longest; start += chunk) {
                for (size_t b = 0; b < B; ++b) {
                    const size_t from = std::min(start, tokens[b].size());
                    const size_t to = std::min(start + chunk, tokens[b].size());
                    piece[b].assign(tokens[b].begin() + long(from), tokens[b].begin() + long(to));
                }
                if (allPositions) { // B == 1
                    llama::forward(*m_w, s, piece, true, logits.data() + start * V);
                    continue;
                }
                llama::forward(*m_w, s, piece, false, part.data());
                for (size_t b = 0; b < B; ++b) // sequences whose last token was in this chunk
                    if (!piece[b].empty() && start + piece[b].size() == tokens[b].size())
                        std::copy_n(part.data() + b * V, V, logits.data() + b * V);
            }
            return std::move(logits);
        } catch (const std::exception &e) {
            return api::Error::internal(std::string("forward pass failed: ") + e.what());
        }
    }

    //! Tokens per sequence and call such that the scores (B x heads x T x L floats) take at most
    //! kScoreBytes: 512 for SmolLM2 up to ~7k positions.
    size_t chunkTokens(size_t batch, size_t length) const
    {
        constexpr size_t kScoreBytes = size_t(128) << 20;
        const size_t perToken = batch * size_t(m_w->config.numHeads) * std::max<size_t>(length, 1) * sizeof(float);
        return std::clamp<size_t>(kScoreBytes / perToken, 16, 512);
    }

    std::shared_ptr<llama::Weights> m_w;
};

} // namespace

api::Result<std::shared_ptr<const CausalLm>> CausalLm::load(const QString &folder, LoadOptions options)
{
    (void)options; // float32 is the only compute type so far: bf16/f16 files are converted
    if (!QFileInfo(folder).isDir())
        return api::Error::badRequest(fileText(folder) + ": not a folder");
    auto config = ModelConfig::fromFolder(folder);
    if (!config)
        return config.error();
    auto set = SafetensorsSet::openFolder(folder);
    if (!set)
        return set.error();
    const ModelConfig &c = config.value();
    const auto layout = llamaLayout(c);
    if (auto s = checkTensors(set.value(), layout); !s)
        return s.error();

    initTorchThreads();
    try {
        c10::InferenceMode guard;
        int64_t floats = 0;
        for (const auto &t : layout) {
            int64_t n = 1;
            for (int64_t d : t.shape)
                n *= d;
            floats += Arena::paddedSize(n);
        }
        auto arena = std::make_shared<Arena>(floats);
        Loader load(set.value(), arena);

        auto w = std::make_shared<llama::Weights>();
        w->config = c;
        w->weightBytes = arena->bytes();
        w->pool = std::make_shared<llama::BufferPool>(kPooledBytes);
        const bool qkvBias = hasQkvBias(c), oBias = hasOutputBias(c), mlpBias = hasMlpBias(c);
        for (int i = 0; i < c.numLayers; ++i) {
            const auto n = [i](const char *suffix) { return layerTensorName(i, suffix); };
            llama::Layer l;
            l.inputNorm = load.take(n("input_layernorm.weight"));
            l.wqkv = load.transposed({n("self_attn.q_proj.weight"), n("self_attn.k_proj.weight"),
                                      n("self_attn.v_proj.weight")});
            l.bqkv = load.biases(qkvBias, {n("self_attn.q_proj.bias"), n("self_attn.k_proj.bias"),
                                           n("self_attn.v_proj.bias")});
            l.wo = load.transposed({n("self_attn.o_proj.weight")});
            l.bo = load.biases(oBias, {n("self_attn.o_proj.bias")});
            l.postNorm = load.take(n("post_attention_layernorm.weight"));
            l.wgateUp = load.transposed({n("mlp.gate_proj.weight"), n("mlp.up_proj.weight")});
            l.bgateUp = load.biases(mlpBias, {n("mlp.gate_proj.bias"), n("mlp.up_proj.bias")});
            l.wdown = load.transposed({n("mlp.down_proj.weight")});
            l.bdown = load.biases(mlpBias, {n("mlp.down_proj.bias")});
            w->layers.push_back(std::move(l));
        }
        w->norm = load.take("model.norm.weight");
        if (c.tieWordEmbeddings) {
            w->lmHead = load.transposed({"model.embed_tokens.weight"});
        } else {
            w->embed = load.take("model.embed_tokens.weight");
            w->lmHead = load.transposed({"lm_head.weight"});
        }
        llama::ropeTables(c, std::min<int64_t>(c.maxPositionEmbeddings, kSharedRopePositions), w->ropeCos,
                          w->ropeSin);
        return std::shared_ptr<const CausalLm>(std::make_shared<TorchCausalLm>(std::move(w)));
    } catch (const std::exception &e) {
        return api::Error::internal(fileText(folder) + ": loading the weights failed: " + e.what());
    }
}

} // namespace wb::engine
