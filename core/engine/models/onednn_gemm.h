#pragma once

// oneDNN's sgemm, for the matrix products of more than one row. Debian's libtorch does its own
// matmuls with OpenBLAS, but it also loads oneDNN (libdnnl.so.2), whose JIT sgemm ran the
// SmolLM2-shaped prefill products in half the CPU time of OpenBLAS (156 vs 304 ms for 30 layers
// of 128 rows, 1 thread) and stays nearly flat from 2 to 16 rows, where OpenBLAS's gemm is slow.
// We call its documented C API (dnnl_sgemm, row-major) through the already loaded library, so
// there is nothing to link; where it is absent, callers fall back to ATen. Torch-free.

#include <cstdint>

namespace wb::engine::onednn {

//! C (M, N) = alpha * A (M, K) * B (K, N) + beta * C, all row-major with leading dimensions
//! lda/ldb/ldc; transa/transb 'N' or 'T'. Returns 0 on success (dnnl_success).
using SgemmFn = int (*)(char transa, char transb, int64_t M, int64_t N, int64_t K, float alpha, const float *A,
                        int64_t lda, const float *B, int64_t ldb, float beta, float *C, int64_t ldc);

//! dnnl_sgemm when libdnnl.so.2 is loaded in this process, else nullptr. Looked up once.
SgemmFn sgemm();

} // namespace wb::engine::onednn
