// The arithmetic ceiling of the machine we run on, measured rather than assumed, so that
// benchmarks report "fraction of peak" against this CPU (a laptop, a Zen 3 VM without
// AVX-512, or the Zen 4 of docs/perf-baseline.md all differ).
#pragma once

#include <string>

namespace axs::kernels {

struct PeakFlops {
    double gflops = 0.0;      ///< GFLOP/s over all threads, 2 FLOP per multiply-add; 0 if unsupported
    std::string instruction;  ///< what was measured, e.g. "vfmadd231ps zmm", "vdpbf16ps zmm"
};

/// Float32 peak: each of `threads` OpenMP threads runs a register-only loop of independent
/// fused multiply-adds in the widest vectors the CPU has (AVX-512, else AVX2+FMA); the
/// larger of that and `threads` x the one-thread rate (robust to a briefly shared core;
/// errs towards a higher peak, never a lower one). ~0.4 s.
PeakFlops measureFp32Peak(int threads);

/// bfloat16 dot-product peak (vdpbf16ps: 2 products per float32 lane), or gflops = 0 when
/// the CPU lacks AVX512_BF16. Measured the same way. ~0.4 s.
PeakFlops measureBf16Peak(int threads);

}  // namespace axs::kernels
