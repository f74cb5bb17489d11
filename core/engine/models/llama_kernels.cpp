#include "llama_kernels.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace wb::engine::kernels {

namespace {

// Elements a thread should get before a loop goes parallel: a few hundred microseconds of work,
// well above what waking an OpenMP team costs even on busy cores.
constexpr int64_t kParallelElements = 1 << 20;

int64_t grainRows(int64_t elementsPerRow)
{
    return std::max<int64_t>(1, kParallelElements / std::max<int64_t>(1, elementsPerRow));
}

} // namespace

void rmsNorm(const float *x, const float *weight, float *out, int64_t rows, int64_t n, float eps)
{
    at::parallel_for(0, rows, grainRows(n), [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const float *xr = x + r * n;
            float *o = out + r * n;
            float sum = 0.0f;
            for (int64_t i = 0; i < n; ++i)
                sum += xr[i] * xr[i];
            const float scale = 1.0f / std::sqrt(sum / float(n) + eps);
            for (int64_t i = 0; i < n; ++i)
                o[i] = weight[i] * (xr[i] * scale);
        }
    });
}

void swiglu(const float *gateUp, float *out, int64_t rows, int64_t n)
{
    at::parallel_for(0, rows, grainRows(n), [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const float *gate = gateUp + r * 2 * n;
            const float *up = gate + n;
            float *o = out + r * n;
            for (int64_t i = 0; i < n; ++i)
                o[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
        }
    });
}

void causalSoftmax(float *scores, int64_t B, int64_t heads, int64_t T, int64_t L, const int64_t *lastKey)
{
    at::parallel_for(0, B * heads * T, grainRows(L), [&](int64_t begin, int64_t end) {
        for (int64_t row = begin; row < end; ++row) {
            const int64_t b = row / (heads * T), t = row % T;
            const int64_t visible = lastKey ? std::min(L, lastKey[b * T + t] + 1) : L;
            float *s = scores + row * L;
            float max = s[0];
            for (int64_t p = 1; p < visible; ++p)
                max = std::max(max, s[p]);
            float sum = 0.0f;
            for (int64_t p = 0; p < visible; ++p) {
                s[p] = std::exp(s[p] - max);
                sum += s[p];
            }
            const float inv = 1.0f / sum;
            for (int64_t p = 0; p < visible; ++p)
                s[p] *= inv;
            std::fill(s + visible, s + L, 0.0f);
        }
    });
}

} // namespace wb::engine::kernels
