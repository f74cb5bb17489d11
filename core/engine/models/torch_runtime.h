#pragma once

// Process-wide libtorch settings, torch-free to include (benchmarks print the thread count).

namespace wb::engine {

//! Sets libtorch's intra-op thread count once per process: OMP_NUM_THREADS when it is set, else
//! the number of cores (libtorch's own default may be 1). CausalLm::load calls it.
void initTorchThreads();

//! libtorch's intra-op thread count (after initTorchThreads).
int torchThreadCount();

} // namespace wb::engine
