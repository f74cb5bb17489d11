#pragma once

// A single-precision matrix-product probe (torch-free to include), for the training benchmark's
// model FLOPs utilisation: the GEMM rate libtorch reaches on this machine with its intra-op
// threads is the peak a training step is measured against.

namespace wb::engine {

//! GFLOP/s of (m x k) @ (k x n) float32 products through at::mm, repeated for about `seconds`.
double sgemmGflops(int m, int n, int k, double seconds);

} // namespace wb::engine
