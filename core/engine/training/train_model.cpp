// The trainable Llama-family model (train_model_p.h): loading, LoRA/DoRA adapters, weight-only
// int8 base quantization, QAT fake quantization, the autograd forward pass (with optional
// per-layer activation checkpointing), the DPO losses, and the merged/adapter tensors to save.

#include "train_model_p.h"

#include "engine/models/llama_layout.h"
#include "engine/models/llama_module_p.h"
#include "engine/models/onednn_gemm.h"
#include "engine/models/safetensors.h"
#include "engine/models/torch_runtime.h"
#include "engine/training/training_data.h"
#include "gemm_probe.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>

namespace wb::engine::train {

namespace {

std::string fileText(const QString &path) { return QDir::toNativeSeparators(path).toStdString(); }

uint64_t fnv1a(const std::string &s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ull;
    return h;
}

at::ScalarType scalarType(TensorDtype d)
{
    switch (d) {
    case TensorDtype::BF16: return at::kBFloat16;
    case TensorDtype::F16: return at::kHalf;
    default: return at::kFloat;
    }
}

// Rows per parallel chunk such that a chunk has enough work to pay for waking a thread.
int64_t grainRows(int64_t perRow) { return std::max<int64_t>(1, (int64_t(1) << 16) / std::max<int64_t>(1, perRow)); }

// --- fused element-wise ops with their own backward (fewer ATen ops per layer: each costs a
// dispatch and, on large tensors, an OpenMP region) ------------------------------------------------

//! RMSNorm as one loop forward and one loop backward. x (N, H) float32 contiguous.
struct RmsNormFn : public torch::autograd::Function<RmsNormFn>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &x, const at::Tensor &w,
                              double eps)
    {
        const at::Tensor xc = x.contiguous();
        const int64_t N = xc.size(0), H = xc.size(1);
        at::Tensor y = at::empty_like(xc);
        at::Tensor inv = at::empty({N}, xc.options()); // 1/rms per row, kept for backward
        const float *xp = xc.data_ptr<float>();
        const float *wp = w.data_ptr<float>();
        float *yp = y.data_ptr<float>(), *ip = inv.data_ptr<float>();
        at::parallel_for(0, N, grainRows(H), [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const float *xr = xp + r * H;
                float sum = 0.f;
                for (int64_t i = 0; i < H; ++i)
                    sum += xr[i] * xr[i];
                const float s = 1.0f / std::sqrt(sum / float(H) + float(eps));
                ip[r] = s;
                for (int64_t i = 0; i < H; ++i)
                    yp[r * H + i] = wp[i] * (xr[i] * s);
            }
        });
        ctx->save_for_backward({xc, w, inv});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const at::Tensor &x = saved[0], &w = saved[1], &inv = saved[2];
        const at::Tensor gy = grads[0].to(at::kFloat).contiguous();
        const int64_t N = x.size(0), H = x.size(1);
        at::Tensor gx = at::empty_like(x);
        const float *xp = x.data_ptr<float>(), *wp = w.data_ptr<float>(), *ip = inv.data_ptr<float>();
        const float *gp = gy.data_ptr<float>();
        float *gxp = gx.data_ptr<float>();
        // dx = s * (gy*w - x * s^2 * mean(gy*w*x)); dw = sum_rows(gy * x * s)
        at::parallel_for(0, N, grainRows(H), [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const float *xr = xp + r * H, *gr = gp + r * H;
                const float s = ip[r];
                float dot = 0.f;
                for (int64_t i = 0; i < H; ++i)
                    dot += gr[i] * wp[i] * xr[i];
                const float c = s * s * dot / float(H);
                for (int64_t i = 0; i < H; ++i)
                    gxp[r * H + i] = s * (gr[i] * wp[i] - xr[i] * c);
            }
        });
        at::Tensor gw;
        if (w.requires_grad()) {
            gw = at::zeros_like(w);
            float *gwp = gw.data_ptr<float>();
            for (int64_t r = 0; r < N; ++r) {
                const float *xr = xp + r * H, *gr = gp + r * H;
                const float s = ip[r];
                for (int64_t i = 0; i < H; ++i)
                    gwp[i] += gr[i] * xr[i] * s;
            }
        }
        return {gx, gw, at::Tensor()};
    }
};

//! SwiGLU: gu (N, 2I) = [gate | up] → silu(gate) * up (N, I), one loop each way.
struct SwigluFn : public torch::autograd::Function<SwigluFn>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &gu)
    {
        const at::Tensor g = gu.to(at::kFloat).contiguous();
        const int64_t N = g.size(0), I = g.size(1) / 2;
        at::Tensor y = at::empty({N, I}, g.options());
        const float *gp = g.data_ptr<float>();
        float *yp = y.data_ptr<float>();
        at::parallel_for(0, N, grainRows(I), [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const float *gate = gp + r * 2 * I, *up = gate + I;
                for (int64_t i = 0; i < I; ++i)
                    yp[r * I + i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
            }
        });
        ctx->save_for_backward({g});
        ctx->saved_data["dtype"] = int64_t(gu.scalar_type());
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const at::Tensor g = ctx->get_saved_variables()[0];
        const at::Tensor gy = grads[0].to(at::kFloat).contiguous();
        const int64_t N = g.size(0), I = g.size(1) / 2;
        at::Tensor gg = at::empty_like(g);
        const float *gp = g.data_ptr<float>(), *dyp = gy.data_ptr<float>();
        float *out = gg.data_ptr<float>();
        at::parallel_for(0, N, grainRows(I), [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const float *gate = gp + r * 2 * I, *up = gate + I, *dy = dyp + r * I;
                float *dgate = out + r * 2 * I, *dup = dgate + I;
                for (int64_t i = 0; i < I; ++i) {
                    const float sig = 1.0f / (1.0f + std::exp(-gate[i]));
                    const float silu = gate[i] * sig;
                    dgate[i] = dy[i] * up[i] * sig * (1.0f + gate[i] * (1.0f - sig));
                    dup[i] = dy[i] * silu;
                }
            }
        });
        const auto dtype = at::ScalarType(ctx->saved_data["dtype"].toInt());
        return {dtype == at::kFloat ? gg : gg.to(dtype)};
    }
};

//! Activation checkpointing of one decoder layer, the way torch.utils.checkpoint's reentrant
//! variant does it (libtorch 1.13 has no C++ checkpoint): the forward runs without building a
//! graph and keeps only the layer's input; the backward recomputes the layer with autograd on and
//! back-propagates through it, which accumulates the parameters' gradients directly into their
//! .grad, and returns the input's gradient.
struct CheckpointLayerFn : public torch::autograd::Function<CheckpointLayerFn>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &x, const TrainModel *model,
                              const Layer *layer, const TrainModel::Context *c)
    {
        ctx->save_for_backward({x});
        ctx->saved_data["model"] = reinterpret_cast<int64_t>(model);
        ctx->saved_data["layer"] = reinterpret_cast<int64_t>(layer);
        // The context dies with the forward call; its tensors are kept here.
        ctx->saved_data["B"] = c->B;
        ctx->saved_data["T"] = c->T;
        ctx->saved_data["cos"] = c->cos;
        ctx->saved_data["sin"] = c->sin;
        ctx->saved_data["mask"] = c->mask;
        return model->layerForward(*layer, x, *c);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const at::Tensor x = ctx->get_saved_variables()[0];
        const auto *model = reinterpret_cast<const TrainModel *>(ctx->saved_data["model"].toInt());
        const auto *layer = reinterpret_cast<const Layer *>(ctx->saved_data["layer"].toInt());
        TrainModel::Context c;
        c.B = ctx->saved_data["B"].toInt();
        c.T = ctx->saved_data["T"].toInt();
        c.cos = ctx->saved_data["cos"].toTensor();
        c.sin = ctx->saved_data["sin"].toTensor();
        c.mask = ctx->saved_data["mask"].toTensor();
        at::Tensor input = x.detach().requires_grad_(true);
        at::Tensor out;
        {
            torch::AutoGradMode on(true);
            out = model->layerForward(*layer, input, c);
        }
        torch::autograd::backward({out}, {grads[0]});
        return {input.grad(), at::Tensor(), at::Tensor(), at::Tensor()};
    }
};

// --- matrix products through oneDNN ---------------------------------------------------------------
//
// ATen multiplies float32 with OpenBLAS (its own pthread pool), while every element-wise op runs
// on OpenMP threads; alternating between the two pools makes each wait for cores the other's
// spinning threads hold, and OpenBLAS's gemm is about half as fast as oneDNN's JIT sgemm on
// these shapes (see engine/models/onednn_gemm.h). So the products of a training step, forward
// and backward, go through dnnl_sgemm (OpenMP, like the rest) when it is loaded and the inputs
// are float32; with bf16 autocast or without oneDNN they are ATen's.

bool oneDnnApplies(const at::Tensor &x, const at::Tensor &w)
{
    return onednn::sgemm() && !at::autocast::is_cpu_enabled() && x.scalar_type() == at::kFloat
           && w.scalar_type() == at::kFloat;
}

//! C = op(A) op(B) (+ C when accumulate), row-major.
void sgemm(char ta, char tb, int64_t M, int64_t N, int64_t K, const float *A, int64_t lda, const float *B,
           int64_t ldb, bool accumulate, float *C, int64_t ldc)
{
    if (M == 0 || N == 0)
        return;
    if (onednn::sgemm()(ta, tb, M, N, K, 1.0f, A, lda, B, ldb, accumulate ? 1.0f : 0.0f, C, ldc) != 0)
        throw std::runtime_error("dnnl_sgemm failed");
}

//! y (N, out) = x (N, in) W^T (+ b), W (out, in).
struct LinearFn : public torch::autograd::Function<LinearFn>
{
    // The bias is optional so that an absent one is no autograd input at all.
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &x, const at::Tensor &w,
                              const c10::optional<at::Tensor> &bias)
    {
        const at::Tensor b = bias.value_or(at::Tensor());
        ctx->saved_data["bias"] = b.defined();
        const at::Tensor xc = x.contiguous(), wc = w.contiguous();
        const int64_t N = xc.size(0), in = xc.size(1), out = wc.size(0);
        at::Tensor y = at::empty({N, out}, xc.options());
        float *yp = y.data_ptr<float>();
        if (b.defined()) { // the bias rides on the product's beta = 1
            const float *bp = b.data_ptr<float>();
            for (int64_t r = 0; r < N; ++r)
                std::copy_n(bp, out, yp + r * out);
        }
        sgemm('N', 'T', N, out, in, xc.data_ptr<float>(), in, wc.data_ptr<float>(), in, b.defined(), yp, out);
        ctx->save_for_backward({xc, wc});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const at::Tensor &x = saved[0], &w = saved[1];
        const at::Tensor gy = grads[0].to(at::kFloat).contiguous();
        const int64_t N = x.size(0), in = x.size(1), out = w.size(0);
        at::Tensor gx, gw, gb;
        if (ctx->needs_input_grad(0)) {
            gx = at::empty({N, in}, x.options()); // gy (N, out) @ W (out, in)
            sgemm('N', 'N', N, in, out, gy.data_ptr<float>(), out, w.data_ptr<float>(), in, false,
                  gx.data_ptr<float>(), in);
        }
        if (ctx->needs_input_grad(1)) {
            gw = at::zeros({out, in}, w.options()); // gy^T (out, N) @ x (N, in)
            sgemm('T', 'N', out, in, N, gy.data_ptr<float>(), out, x.data_ptr<float>(), in, false,
                  gw.data_ptr<float>(), in);
        }
        if (ctx->saved_data["bias"].toBool() && ctx->needs_input_grad(2))
            gb = gy.sum(0);
        return {gx, gw, gb};
    }
};

//! Batched c (Bt, M, N) = a (Bt, M, K) @ b, b (Bt, K, N), or (Bt, N, K) transposed when transB.
struct BmmFn : public torch::autograd::Function<BmmFn>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &a, const at::Tensor &b,
                              bool transB)
    {
        const at::Tensor ac = a.contiguous(), bc = b.contiguous();
        const int64_t Bt = ac.size(0), M = ac.size(1), K = ac.size(2), N = transB ? bc.size(1) : bc.size(2);
        at::Tensor c = at::empty({Bt, M, N}, ac.options());
        for (int64_t i = 0; i < Bt; ++i)
            sgemm('N', transB ? 'T' : 'N', M, N, K, ac.data_ptr<float>() + i * M * K, K,
                  bc.data_ptr<float>() + i * K * N, transB ? K : N, false, c.data_ptr<float>() + i * M * N, N);
        ctx->save_for_backward({ac, bc});
        ctx->saved_data["transB"] = transB;
        return c;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const at::Tensor &a = saved[0], &b = saved[1];
        const bool transB = ctx->saved_data["transB"].toBool();
        const at::Tensor gc = grads[0].to(at::kFloat).contiguous();
        const int64_t Bt = a.size(0), M = a.size(1), K = a.size(2), N = gc.size(2);
        const float *ap = a.data_ptr<float>(), *bp = b.data_ptr<float>(), *gp = gc.data_ptr<float>();
        at::Tensor ga, gb;
        if (ctx->needs_input_grad(0)) {
            ga = at::empty_like(a); // gc (M, N) @ op(b)^T
            for (int64_t i = 0; i < Bt; ++i)
                sgemm('N', transB ? 'N' : 'T', M, K, N, gp + i * M * N, N, bp + i * K * N, transB ? K : N, false,
                      ga.data_ptr<float>() + i * M * K, K);
        }
        if (ctx->needs_input_grad(1)) {
            gb = at::empty_like(b);
            for (int64_t i = 0; i < Bt; ++i) {
                if (transB) // (N, K) = gc^T (N, M) @ a (M, K)
                    sgemm('T', 'N', N, K, M, gp + i * M * N, N, ap + i * M * K, K, false,
                          gb.data_ptr<float>() + i * N * K, K);
                else // (K, N) = a^T (K, M) @ gc (M, N)
                    sgemm('T', 'N', K, N, M, ap + i * M * K, K, gp + i * M * N, N, false,
                          gb.data_ptr<float>() + i * K * N, N);
            }
        }
        return {ga, gb, at::Tensor()};
    }
};

at::Tensor project(const at::Tensor &x, const at::Tensor &w, const at::Tensor &b = at::Tensor())
{
    if (oneDnnApplies(x, w) && (!b.defined() || b.scalar_type() == at::kFloat))
        return LinearFn::apply(x, w, b.defined() ? c10::optional<at::Tensor>(b) : c10::nullopt);
    return at::linear(x, w, b);
}

//! a (Bt, M, K) @ b (Bt, K, N), or @ b^T for b (Bt, N, K) when transB.
at::Tensor batchMatmul(const at::Tensor &a, const at::Tensor &b, bool transB)
{
    if (oneDnnApplies(a, b))
        return BmmFn::apply(a, b, transB);
    return at::matmul(a, transB ? b.transpose(-1, -2) : b);
}

//! HF's rotate_half convention on x (B, T, heads, hd): x*cos + cat(x2, x1)*sin', where sin'
//! = [-sin, sin] and cos = [cos, cos] (full width, prepared once per batch).
at::Tensor rope(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin)
{
    const int64_t half = x.size(-1) / 2;
    const at::Tensor swapped = at::cat({x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
    return at::addcmul(x * cos, swapped, sin);
}

} // namespace

// --- configs -------------------------------------------------------------------------------------

std::vector<std::string> AdapterSpec::targetModules() const
{
    std::vector<std::string> out;
    if (q)
        out.push_back("q_proj");
    if (k)
        out.push_back("k_proj");
    if (v)
        out.push_back("v_proj");
    if (o)
        out.push_back("o_proj");
    if (mlp) {
        out.push_back("gate_proj");
        out.push_back("up_proj");
        out.push_back("down_proj");
    }
    if (output)
        out.push_back("lm_head");
    return out;
}

api::Result<AdapterSpec> adapterSpec(const api::LoraFinetuningConfig &config)
{
    AdapterSpec s;
    s.enabled = true;
    for (size_t i = 0; i < config.lora_attn_modules.size(); ++i) {
        const std::string &m = config.lora_attn_modules[i];
        if (m == "q_proj")
            s.q = true;
        else if (m == "k_proj")
            s.k = true;
        else if (m == "v_proj")
            s.v = true;
        else if (m == "o_proj" || m == "output_proj")
            s.o = true;
        else
            return api::Error::badRequest("algorithm_config.lora_attn_modules[" + std::to_string(i) + "]: '" + m
                                          + "' is not a projection we adapt; valid names: q_proj, k_proj, v_proj, "
                                            "o_proj, output_proj");
    }
    s.mlp = config.apply_lora_to_mlp;
    s.output = config.apply_lora_to_output;
    if (!s.q && !s.k && !s.v && !s.o && !s.mlp && !s.output)
        return api::Error::badRequest("algorithm_config.lora_attn_modules: no projection to adapt (name some of "
                                      "q_proj, k_proj, v_proj, o_proj, output_proj, or set apply_lora_to_mlp)");
    if (config.rank < 1)
        return api::Error::badRequest("algorithm_config.rank: must be at least 1, got " + std::to_string(config.rank));
    if (config.alpha <= 0)
        return api::Error::badRequest("algorithm_config.alpha: must be positive, got " + std::to_string(config.alpha));
    s.rank = config.rank;
    s.alpha = config.alpha;
    s.dora = config.use_dora;
    s.quantizeBase = config.quantize_base;
    return s;
}

api::Result<QatSpec> qatSpec(const api::QATFinetuningConfig &config, const ModelConfig &model)
{
    QatSpec s;
    s.enabled = true;
    s.name = config.quantizer_name;
    const std::string &n = config.quantizer_name;
    if (n == "Int8DynActInt4WeightQATQuantizer" || n == "int8da_int4w") {
        s.weightBits = 4;
        s.activations = true;
    } else if (n == "Int4WeightOnlyQATQuantizer" || n == "int4w") {
        s.weightBits = 4;
        s.activations = false;
    } else if (n == "int8da_int8w") {
        s.weightBits = 8;
        s.activations = true;
    } else {
        return api::Error::badRequest("algorithm_config.quantizer_name: '" + n
                                      + "' is not supported; accepted: Int8DynActInt4WeightQATQuantizer (alias "
                                        "int8da_int4w), Int4WeightOnlyQATQuantizer (alias int4w), int8da_int8w");
    }
    if (config.group_size < 1)
        return api::Error::badRequest("algorithm_config.group_size: must be positive, got "
                                      + std::to_string(config.group_size));
    const int64_t ins[] = {model.hiddenSize, int64_t(model.numHeads) * model.headDim, model.intermediateSize};
    for (int64_t in : ins)
        if (in % config.group_size != 0)
            return api::Error::badRequest("algorithm_config.group_size: " + std::to_string(config.group_size)
                                          + " does not divide the in-features " + std::to_string(in)
                                          + " of the model's projections (hidden " + std::to_string(model.hiddenSize)
                                          + ", attention " + std::to_string(int64_t(model.numHeads) * model.headDim)
                                          + ", MLP " + std::to_string(model.intermediateSize) + ")");
    s.groupSize = config.group_size;
    return s;
}

// --- quantization --------------------------------------------------------------------------------

at::Tensor fakeQuantizeWeight(const at::Tensor &w, int bits, int groupSize)
{
    // torchao's get_group_qparams_symmetric: scale = max|w| / ((qmax - qmin) / 2), zero point 0.
    const double qmax = double((1 << (bits - 1)) - 1), qmin = -double(1 << (bits - 1));
    at::Tensor offset;
    {
        at::NoGradGuard noGrad;
        const at::Tensor wd = w.detach().to(at::kFloat);
        const int64_t out = wd.size(0), in = wd.size(1);
        const at::Tensor g = wd.reshape({out, in / groupSize, groupSize}); // (out, groups, group)
        const at::Tensor scale =
            (g.abs().amax(-1, true) / ((qmax - qmin) / 2)).clamp_min(std::numeric_limits<float>::epsilon());
        const at::Tensor fq = (g / scale).round_().clamp_(qmin, qmax).mul_(scale).reshape({out, in});
        offset = (fq - wd).to(w.scalar_type());
    }
    return w + offset; // straight-through: forward sees fq, the gradient passes unchanged
}

at::Tensor fakeQuantizeActivations(const at::Tensor &x)
{
    // torchao's per-token asymmetric int8: the range [min(x, 0), max(x, 0)] in 256 steps.
    at::Tensor offset;
    {
        at::NoGradGuard noGrad;
        const at::Tensor xd = x.detach().to(at::kFloat);
        const at::Tensor lo = xd.amin(-1, true).clamp_max(0), hi = xd.amax(-1, true).clamp_min(0);
        const at::Tensor scale = ((hi - lo) / 255.0).clamp_min(std::numeric_limits<float>::epsilon());
        const at::Tensor zero = (-128.0 - lo / scale).round_().clamp_(-128, 127);
        const at::Tensor fq = (xd / scale).round_().add_(zero).clamp_(-128, 127).sub_(zero).mul_(scale);
        offset = (fq - xd).to(x.scalar_type());
    }
    return x + offset;
}

// --- Linear --------------------------------------------------------------------------------------

at::Tensor Linear::baseWeight() const
{
    at::Tensor w = qweight.defined() ? qweight.to(at::kFloat).mul_(qscale) : weight;
    if (qat && qat->enabled)
        w = fakeQuantizeWeight(w, qat->weightBits, qat->groupSize);
    return w;
}

at::Tensor Linear::forward(const at::Tensor &x) const
{
    const bool actQuant = qat && qat->enabled && qat->activations;
    const at::Tensor input = actQuant ? fakeQuantizeActivations(x) : x;
    const at::Tensor w = baseWeight();
    bool dora = false;
    for (const Adapter &a : adapters)
        dora = dora || a.magnitude.defined();
    if (adapters.empty())
        return project(input, w, bias);

    at::Tensor y = project(input, w, dora ? at::Tensor() : bias); // (N, out)
    for (const Adapter &a : adapters) {
        const at::Tensor delta = project(project(x, a.a) * scale, a.b); // (N, size)
        if (a.offset == 0 && a.size == out)
            y = y + delta;
        else
            y.narrow(1, a.offset, a.size).add_(delta); // autograd tracks the slice (CopySlices)
    }
    if (!dora)
        return y;
    // DoRA (Liu et al. 2024, as PEFT): each adapted slice becomes m * (W + sBA) x / ||W + sBA||,
    // the row norm detached (the paper's section 4.3, PEFT does the same).
    std::vector<at::Tensor> factors;
    int64_t at = 0;
    for (const Adapter &a : adapters) {
        if (a.offset > at)
            factors.push_back(at::ones({a.offset - at}, y.options()));
        at::Tensor norm;
        {
            at::NoGradGuard noGrad;
            const at::Tensor merged = w.narrow(0, a.offset, a.size) + at::mm(a.b, a.a) * scale; // (size, in)
            norm = merged.norm(2, {1});                                                      // (size)
        }
        factors.push_back(a.magnitude / norm);
        at = a.offset + a.size;
    }
    if (at < out)
        factors.push_back(at::ones({out - at}, y.options()));
    y = y * at::cat(factors);
    return bias.defined() ? y + bias : y;
}

at::Tensor Linear::merged() const
{
    at::NoGradGuard noGrad;
    at::Tensor w = baseWeight().detach().clone();
    for (const Adapter &a : adapters) {
        at::Tensor slice = w.narrow(0, a.offset, a.size);
        slice.add_(at::mm(a.b, a.a), scale);
        if (a.magnitude.defined())
            slice.mul_((a.magnitude / slice.norm(2, {1})).unsqueeze(1));
    }
    return w;
}

void Linear::quantizeBase()
{
    at::NoGradGuard noGrad;
    const at::Tensor w = weight.detach();
    qscale = (w.abs().amax(1, true) / 127.0).clamp_min(1e-12); // (out, 1)
    qweight = (w / qscale).round().clamp(-127, 127).to(at::kChar);
    weight = at::Tensor();
}

// --- batches -------------------------------------------------------------------------------------

BatchTensors toTensors(int B, int T, const std::vector<int> &tokens, const std::vector<int> &labels,
                       const std::vector<int> &segments, const std::vector<int> &positions)
{
    BatchTensors b;
    b.B = B;
    b.T = T;
    const auto longs = [&](const std::vector<int> &v) {
        return at::from_blob(const_cast<int *>(v.data()), {B, T}, at::TensorOptions().dtype(at::kInt)).to(at::kLong);
    };
    b.tokens = longs(tokens);
    b.positions = longs(positions);
    b.segments = longs(segments);
    b.labels = labels;
    b.segmentIds = segments;
    return b;
}

TargetRows targetRows(const BatchTensors &batch)
{
    std::vector<int64_t> rows, targets;
    TargetRows out;
    const int64_t B = batch.B, T = batch.T;
    for (int64_t b = 0; b < B; ++b)
        for (int64_t t = 1; t < T; ++t) {
            const size_t i = size_t(b * T + t);
            // Row t-1 predicts token t, unless t starts a new document (packing) or is padding.
            if (batch.labels[i] == kIgnore || batch.segmentIds[i] < 0 || batch.segmentIds[i] != batch.segmentIds[i - 1])
                continue;
            rows.push_back(b * T + t - 1);
            targets.push_back(batch.labels[i]);
            out.sequence.push_back(b);
        }
    const auto longs = at::TensorOptions().dtype(at::kLong);
    out.rows = at::from_blob(rows.data(), {int64_t(rows.size())}, longs).clone();
    out.targets = at::from_blob(targets.data(), {int64_t(targets.size())}, longs).clone();
    return out;
}

// --- the model -----------------------------------------------------------------------------------

at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    if (x.scalar_type() == at::kFloat && weight.scalar_type() == at::kFloat && x.dim() == 2)
        return RmsNormFn::apply(x, weight, eps);
    const at::Tensor xf = x.to(at::kFloat);
    return xf * at::rsqrt(xf.pow(2).mean(-1, true) + eps) * weight;
}

TrainModel::Context TrainModel::context(const BatchTensors &batch) const
{
    Context c;
    c.B = batch.B;
    c.T = batch.T;
    const int64_t B = batch.B, T = batch.T;
    at::NoGradGuard noGrad;
    const at::Tensor pos = batch.positions.reshape({-1}).clamp(0, ropeCos.size(0) - 1);
    const at::Tensor cos = ropeCos.index_select(0, pos).view({B, T, 1, -1}); // (B, T, 1, hd/2)
    const at::Tensor sin = ropeSin.index_select(0, pos).view({B, T, 1, -1});
    c.cos = at::cat({cos, cos}, -1);
    c.sin = at::cat({-sin, sin}, -1);
    // Key k is visible to query q when both are in the same document and k <= q; a padding query
    // sees itself only (its row is never used, but must not be all -inf).
    std::vector<float> mask(size_t(B * T * T), -std::numeric_limits<float>::infinity());
    const int *seg = batch.segmentIds.data();
    for (int64_t b = 0; b < B; ++b)
        for (int64_t q = 0; q < T; ++q) {
            float *row = mask.data() + (b * T + q) * T;
            const int s = seg[b * T + q];
            for (int64_t k = 0; k <= q; ++k)
                if ((s >= 0 && seg[b * T + k] == s) || k == q)
                    row[k] = 0.f;
        }
    c.mask = at::from_blob(mask.data(), {B, 1, 1, T, T}, at::TensorOptions().dtype(at::kFloat)).clone();
    return c;
}

at::Tensor TrainModel::layerForward(const Layer &l, const at::Tensor &x, const Context &c) const
{
    const ModelConfig &cfg = m_config;
    const int64_t B = c.B, T = c.T, N = B * T;
    const int64_t nh = cfg.numHeads, nkv = cfg.numKvHeads, hd = cfg.headDim, g = nh / nkv;
    const double eps = cfg.rmsNormEps;

    const at::Tensor h = rmsNorm(x, l.inputNorm, eps);          // (N, H)
    const at::Tensor qkv = l.qkv.forward(h).view({B, T, nh + 2 * nkv, hd});
    const at::Tensor qk = rope(qkv.narrow(2, 0, nh + nkv), c.cos, c.sin); // (B, T, nh + nkv, hd)
    // Queries grouped by their kv head, so keys and values are never repeated.
    const at::Tensor q =
        qk.narrow(2, 0, nh).view({B, T, nkv, g, hd}).permute({0, 2, 3, 1, 4}).reshape({B * nkv, g * T, hd});
    const at::Tensor k = qk.narrow(2, nh, nkv).permute({0, 2, 1, 3}).reshape({B * nkv, T, hd});
    const at::Tensor v = qkv.narrow(2, nh + nkv, nkv).permute({0, 2, 1, 3}).reshape({B * nkv, T, hd});
    const at::Tensor scores = batchMatmul(q, k, true).view({B, nkv, g, T, T});
    // mask + scores / sqrt(hd) in one op, the mask broadcast over heads.
    const at::Tensor probs = at::softmax(at::add(c.mask, scores, 1.0 / std::sqrt(double(hd))), -1);
    const at::Tensor ctx = batchMatmul(probs.view({B * nkv, g * T, T}).to(v.scalar_type()), v, false) // (B*nkv, g*T, hd)
                               .view({B, nkv, g, T, hd})
                               .permute({0, 3, 1, 2, 4})
                               .reshape({N, nh * hd});
    at::Tensor out = x + l.o.forward(ctx);
    const at::Tensor h2 = rmsNorm(out, l.postNorm, eps);
    const at::Tensor act = SwigluFn::apply(l.gateUp.forward(h2)); // (N, I)
    return out + l.down.forward(act);
}

at::Tensor TrainModel::hidden(const BatchTensors &batch) const
{
    const Context c = context(batch);
    at::Tensor x = at::embedding(embed, batch.tokens.reshape({-1})); // (N, H)
    const bool checkpoint = m_options.checkpointActivations && at::GradMode::is_enabled();
    if (checkpoint && !x.requires_grad())
        x = x.detach().requires_grad_(true); // so the checkpointed layers' backward runs (frozen embeddings)
    for (const Layer &l : layers)
        x = checkpoint ? CheckpointLayerFn::apply(x, this, &l, &c) : layerForward(l, x, c);
    return x;
}

at::Tensor TrainModel::headLogits(const at::Tensor &rows) const
{
    return lmHead.forward(rmsNorm(rows, norm, m_config.rmsNormEps));
}

at::Tensor TrainModel::lossSum(const BatchTensors &batch, int64_t *tokens) const
{
    const TargetRows t = targetRows(batch);
    if (tokens)
        *tokens = t.count();
    if (t.count() == 0)
        return at::zeros({}, at::kFloat);
    const at::Tensor rows = hidden(batch).index_select(0, t.rows); // (M, H)
    const at::Tensor logits = headLogits(rows).to(at::kFloat);      // (M, V)
    return at::cross_entropy_loss(logits, t.targets, {}, at::Reduction::Sum);
}

at::Tensor TrainModel::targetLogProbs(const BatchTensors &batch, const TargetRows &t) const
{
    if (t.count() == 0)
        return at::zeros({0}, at::kFloat);
    const at::Tensor logits = headLogits(hidden(batch).index_select(0, t.rows)).to(at::kFloat);
    return -at::cross_entropy_loss(logits, t.targets, {}, at::Reduction::None); // (M)
}

at::Tensor TrainModel::logits(const BatchTensors &batch) const
{
    return headLogits(hidden(batch)).to(at::kFloat);
}

std::vector<std::pair<std::string, at::Tensor>> TrainModel::trainable() const
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    const auto add = [&out](const std::string &name, const at::Tensor &t) {
        if (t.defined() && t.requires_grad())
            out.emplace_back(name, t);
    };
    const auto linear = [&](const std::string &prefix, const Linear &l) {
        add(prefix + ".weight", l.weight);
        add(prefix + ".bias", l.bias);
        for (const Adapter &a : l.adapters) {
            const std::string p = prefix + "." + a.module;
            add(p + ".lora_A", a.a);
            add(p + ".lora_B", a.b);
            add(p + ".magnitude", a.magnitude);
        }
    };
    add("embed", embed);
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer &l = layers[i];
        const std::string p = "layers." + std::to_string(i);
        add(p + ".input_norm", l.inputNorm);
        linear(p + ".qkv", l.qkv);
        linear(p + ".o", l.o);
        add(p + ".post_norm", l.postNorm);
        linear(p + ".gate_up", l.gateUp);
        linear(p + ".down", l.down);
    }
    add("norm", norm);
    if (!m_config.tieWordEmbeddings)
        add("lm_head.weight", lmHead.weight);
    for (const Adapter &a : lmHead.adapters) {
        add("lm_head.lora_A", a.a);
        add("lm_head.lora_B", a.b);
        add("lm_head.magnitude", a.magnitude);
    }
    return out;
}

std::vector<std::pair<std::string, at::Tensor>> TrainModel::mergedTensors(ModelConfig *config) const
{
    at::NoGradGuard noGrad;
    ModelConfig c = m_config;
    c.torchDtype = "float32";
    // A tied head with its own adapter is no longer the embedding matrix.
    if (c.tieWordEmbeddings && !lmHead.adapters.empty())
        c.tieWordEmbeddings = false;
    std::map<std::string, at::Tensor> byName;
    const auto put = [&byName](const std::string &name, const at::Tensor &t) {
        byName[name] = t.detach().to(at::kFloat).contiguous();
    };
    const int64_t q = int64_t(c.numHeads) * c.headDim, kv = int64_t(c.numKvHeads) * c.headDim;
    const int64_t I = c.intermediateSize;
    byName["model.embed_tokens.weight"] = embed.detach().contiguous();
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer &l = layers[i];
        const auto n = [i](const char *suffix) { return layerTensorName(int(i), suffix); };
        put(n("input_layernorm.weight"), l.inputNorm);
        put(n("post_attention_layernorm.weight"), l.postNorm);
        const at::Tensor qkv = l.qkv.merged();
        put(n("self_attn.q_proj.weight"), qkv.narrow(0, 0, q));
        put(n("self_attn.k_proj.weight"), qkv.narrow(0, q, kv));
        put(n("self_attn.v_proj.weight"), qkv.narrow(0, q + kv, kv));
        if (l.qkv.bias.defined()) {
            put(n("self_attn.q_proj.bias"), l.qkv.bias.narrow(0, 0, q));
            put(n("self_attn.k_proj.bias"), l.qkv.bias.narrow(0, q, kv));
            put(n("self_attn.v_proj.bias"), l.qkv.bias.narrow(0, q + kv, kv));
        }
        put(n("self_attn.o_proj.weight"), l.o.merged());
        if (l.o.bias.defined())
            put(n("self_attn.o_proj.bias"), l.o.bias);
        const at::Tensor gu = l.gateUp.merged();
        put(n("mlp.gate_proj.weight"), gu.narrow(0, 0, I));
        put(n("mlp.up_proj.weight"), gu.narrow(0, I, I));
        put(n("mlp.down_proj.weight"), l.down.merged());
        if (l.gateUp.bias.defined()) {
            put(n("mlp.gate_proj.bias"), l.gateUp.bias.narrow(0, 0, I));
            put(n("mlp.up_proj.bias"), l.gateUp.bias.narrow(0, I, I));
        }
        if (l.down.bias.defined())
            put(n("mlp.down_proj.bias"), l.down.bias);
    }
    put("model.norm.weight", norm);
    if (!c.tieWordEmbeddings)
        put("lm_head.weight", lmHead.merged());
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto &t : llamaLayout(c))
        out.emplace_back(t.name, byName.at(t.name));
    if (config)
        *config = c;
    return out;
}

std::vector<std::pair<std::string, at::Tensor>> TrainModel::adapterTensors() const
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    const auto add = [&out](const std::string &module, const Adapter &a) {
        const std::string p = "base_model.model." + module + ".";
        out.emplace_back(p + "lora_A.weight", a.a.detach().contiguous());
        out.emplace_back(p + "lora_B.weight", a.b.detach().contiguous());
        if (a.magnitude.defined())
            out.emplace_back(p + "lora_magnitude_vector.weight", a.magnitude.detach().contiguous());
    };
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer &l = layers[i];
        for (const Linear *lin : {&l.qkv, &l.o})
            for (const Adapter &a : lin->adapters)
                add(layerTensorName(int(i), ("self_attn." + a.module).c_str()), a);
        for (const Linear *lin : {&l.gateUp, &l.down})
            for (const Adapter &a : lin->adapters)
                add(layerTensorName(int(i), ("mlp." + a.module).c_str()), a);
    }
    for (const Adapter &a : lmHead.adapters)
        add("lm_head", a);
    return out;
}

// --- loading -------------------------------------------------------------------------------------

namespace {

class Reader
{
public:
    explicit Reader(const SafetensorsSet &set) : m_set(set) {}

    //! Float32 copies of the named tensors, concatenated along dim 0.
    at::Tensor rows(const std::vector<std::string> &names) const
    {
        std::vector<at::Tensor> parts;
        for (const auto &n : names) {
            const TensorView *v = m_set.find(n);
            parts.push_back(at::from_blob(const_cast<unsigned char *>(v->data), v->shape,
                                          at::TensorOptions().dtype(scalarType(v->dtype)))
                                .to(at::kFloat));
        }
        return parts.size() == 1 ? parts.front().clone() : at::cat(parts, 0);
    }

private:
    const SafetensorsSet &m_set;
};

void addAdapter(Linear &l, const std::string &module, int64_t offset, int64_t size, const AdapterSpec &spec,
                uint64_t seed)
{
    Adapter a;
    a.module = module;
    a.offset = offset;
    a.size = size;
    // PEFT: kaiming_uniform_(A, a=sqrt(5)), i.e. U(-1/sqrt(in), 1/sqrt(in)); B = 0, so the
    // adapted model starts as the base.
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed ^ fnv1a(module) ^ (uint64_t(offset) << 32));
    const double bound = 1.0 / std::sqrt(double(l.in));
    a.a = at::empty({spec.rank, l.in}, at::kFloat).uniform_(-bound, bound, gen);
    a.b = at::zeros({size, spec.rank}, at::kFloat);
    if (spec.dora) {
        at::NoGradGuard noGrad;
        a.magnitude = l.baseWeight().narrow(0, offset, size).norm(2, {1}).contiguous(); // ||W|| per row
    }
    l.adapters.push_back(std::move(a));
    l.scale = spec.alpha / spec.rank;
}

} // namespace

api::Result<std::unique_ptr<TrainModel>> TrainModel::load(const QString &folder, const ModelOptions &options)
{
    if (!QFileInfo(folder).isDir())
        return api::Error::badRequest(fileText(folder) + ": not a folder");
    auto config = ModelConfig::fromFolder(folder);
    if (!config)
        return config.error();
    auto set = SafetensorsSet::openFolder(folder);
    if (!set)
        return set.error();
    const ModelConfig &c = config.value();
    for (const auto &t : llamaLayout(c)) {
        const TensorView *v = set->find(t.name);
        if (!v)
            return api::Error::badRequest(fileText(set->fileNameFor(t.name)) + ": tensor '" + t.name + "' not found");
        if (v->shape != t.shape)
            return api::Error::badRequest(fileText(set->fileNameFor(t.name)) + ": tensor '" + t.name + "' has shape "
                                          + v->shapeText() + ", config.json implies another");
        if (v->dtype != TensorDtype::F32 && v->dtype != TensorDtype::BF16 && v->dtype != TensorDtype::F16)
            return api::Error::badRequest(fileText(set->fileNameFor(t.name)) + ": tensor '" + t.name
                                          + "' has unsupported dtype " + tensorDtypeName(v->dtype));
    }
    if (c.numHeads % c.numKvHeads != 0 || c.headDim % 2 != 0)
        return api::Error::badRequest(fileText(folder) + "/config.json: heads do not group into key/value heads");

    initTorchThreads();
    try {
        at::NoGradGuard noGrad;
        std::unique_ptr<TrainModel> m(new TrainModel);
        m->m_config = c;
        m->m_options = options;
        Reader read(set.value());
        const bool qkvBias = hasQkvBias(c), oBias = hasOutputBias(c), mlpBias = hasMlpBias(c);
        const int64_t H = c.hiddenSize, q = int64_t(c.numHeads) * c.headDim, kv = int64_t(c.numKvHeads) * c.headDim;
        const int64_t I = c.intermediateSize;
        const AdapterSpec &spec = options.lora;
        const QatSpec *qat = options.qat.enabled ? &m->m_options.qat : nullptr;
        const auto linear = [&](std::vector<std::string> names, bool bias, int64_t in) {
            Linear l;
            l.weight = read.rows(names);
            l.in = in;
            l.out = l.weight.size(0);
            if (bias) {
                for (auto &n : names)
                    n.replace(n.size() - 6, 6, "bias"); // ".weight" → ".bias"
                l.bias = read.rows(names);
            }
            l.qat = qat;
            return l;
        };
        m->embed = read.rows({"model.embed_tokens.weight"});
        for (int i = 0; i < c.numLayers; ++i) {
            const auto n = [i](const char *suffix) { return layerTensorName(i, suffix); };
            Layer l;
            l.inputNorm = read.rows({n("input_layernorm.weight")});
            l.postNorm = read.rows({n("post_attention_layernorm.weight")});
            l.qkv = linear({n("self_attn.q_proj.weight"), n("self_attn.k_proj.weight"), n("self_attn.v_proj.weight")},
                           qkvBias, H);
            l.o = linear({n("self_attn.o_proj.weight")}, oBias, q);
            l.gateUp = linear({n("mlp.gate_proj.weight"), n("mlp.up_proj.weight")}, mlpBias, H);
            l.down = linear({n("mlp.down_proj.weight")}, mlpBias, I);
            m->layers.push_back(std::move(l));
        }
        m->norm = read.rows({"model.norm.weight"});
        m->lmHead.in = H;
        m->lmHead.out = c.vocabSize;
        m->lmHead.weight = c.tieWordEmbeddings ? m->embed : read.rows({"lm_head.weight"});
        // Positions beyond the table are clamped; no CPU training run packs 32k-token rows.
        llama::ropeTables(c, std::min<int64_t>(c.maxPositionEmbeddings, 32768), m->ropeCos, m->ropeSin);

        if (spec.enabled) {
            const uint64_t seed = options.seed;
            for (size_t i = 0; i < m->layers.size(); ++i) {
                Layer &l = m->layers[i];
                const uint64_t s = seed ^ (uint64_t(i + 1) * 0x9e3779b97f4a7c15ull);
                if (spec.quantizeBase)
                    for (Linear *lin : {&l.qkv, &l.o, &l.gateUp, &l.down})
                        lin->quantizeBase();
                if (spec.q)
                    addAdapter(l.qkv, "q_proj", 0, q, spec, s);
                if (spec.k)
                    addAdapter(l.qkv, "k_proj", q, kv, spec, s);
                if (spec.v)
                    addAdapter(l.qkv, "v_proj", q + kv, kv, spec, s);
                if (spec.o)
                    addAdapter(l.o, "o_proj", 0, H, spec, s);
                if (spec.mlp) {
                    addAdapter(l.gateUp, "gate_proj", 0, I, spec, s);
                    addAdapter(l.gateUp, "up_proj", I, I, spec, s);
                    addAdapter(l.down, "down_proj", 0, H, spec, s);
                }
            }
            if (spec.output)
                addAdapter(m->lmHead, "lm_head", 0, c.vocabSize, spec, seed ^ 0x5bd1e995ull);
        }

        // What autograd tracks: the base unless LoRA, the adapters with LoRA.
        const auto train = [](at::Tensor &t, bool on) {
            if (t.defined())
                t.requires_grad_(on);
        };
        const bool base = options.trainBase;
        train(m->embed, base);
        train(m->norm, base);
        if (!c.tieWordEmbeddings)
            train(m->lmHead.weight, base);
        else
            m->lmHead.weight = m->embed; // the same (maybe trainable) tensor
        const auto trainLinear = [&](Linear &l) {
            train(l.weight, base);
            train(l.bias, base);
            for (Adapter &a : l.adapters) {
                train(a.a, true);
                train(a.b, true);
                train(a.magnitude, true);
            }
        };
        for (Layer &l : m->layers) {
            train(l.inputNorm, base);
            train(l.postNorm, base);
            for (Linear *lin : {&l.qkv, &l.o, &l.gateUp, &l.down})
                trainLinear(*lin);
        }
        trainLinear(m->lmHead);
        if (c.tieWordEmbeddings)
            m->lmHead.weight = m->embed;
        return m;
    } catch (const std::exception &e) {
        return api::Error::internal(fileText(folder) + ": loading the weights for training failed: " + e.what());
    }
}

// --- DPO -----------------------------------------------------------------------------------------

at::Tensor dpoLoss(api::DPOLossType type, double beta, const at::Tensor &pc, const at::Tensor &pr,
                   const at::Tensor &rc, const at::Tensor &rr)
{
    const at::Tensor h = (pc - pr) - (rc - rr); // (P)
    switch (type) {
    case api::DPOLossType::Sigmoid: return (-at::log_sigmoid(h * beta)).mean();
    case api::DPOLossType::Hinge: return at::relu(1.0 - h * beta).mean();
    case api::DPOLossType::Ipo: return (h - 1.0 / (2.0 * beta)).pow(2).mean();
    case api::DPOLossType::KtoPair: {
        // TRL's kto_pair (HALOs paper eq. 7): KL estimates from the batch, clamped at 0.
        const at::Tensor chosenKl = (pc - rc).mean().clamp_min(0);
        const at::Tensor rejectedKl = (pr - rr).mean().clamp_min(0);
        const at::Tensor chosen = pc - rc, rejected = pr - rr;
        return at::cat({1.0 - at::sigmoid((chosen - rejectedKl) * beta), 1.0 - at::sigmoid((chosenKl - rejected) * beta)})
            .mean();
    }
    }
    return h.sum() * 0;
}

} // namespace wb::engine::train

namespace wb::engine {

double sgemmGflops(int m, int n, int k, double seconds)
{
    initTorchThreads();
    at::NoGradGuard noGrad;
    const at::Tensor a = at::randn({m, k}), b = at::randn({k, n});
    at::Tensor c = at::empty({m, n});
    at::mm_out(c, a, b); // warm-up
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    int64_t runs = 0;
    double elapsed = 0;
    do {
        at::mm_out(c, a, b);
        ++runs;
        elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (elapsed < seconds);
    return 2.0 * m * n * k * double(runs) / elapsed / 1e9;
}

} // namespace wb::engine
