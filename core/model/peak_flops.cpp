#include "model/peak_flops.hpp"

#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace axs::kernels {

namespace {

// Twelve independent accumulators cover the FMA latency (4 cycles) times the issue width
// (2 per cycle) of current x86 cores with room to spare; nothing touches memory.
constexpr int kChains = 12;
constexpr int64_t kIterations = 20'000'000;  // ~40 ms per round at 3 GHz
constexpr int kRounds = 5;                   // the best round counts: others may share the core

// One function per instruction set rather than one template: each needs its own target
// attribute for its intrinsics, and a template instantiated inside such a function does
// not inherit it.
using Kernel = double (*)(int64_t iterations);  // returns a value that depends on every chain

__attribute__((target("avx2,fma"))) double fmaLoopAvx2(int64_t iterations) {
    __m256 acc[kChains];
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_ps(1.0f + 1e-3f * static_cast<float>(c));
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12  // keeps every accumulator in a register
        for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    }
    __m256 s = acc[0];
    for (int c = 1; c < kChains; ++c) s = _mm256_add_ps(s, acc[c]);
    alignas(32) float out[8];
    _mm256_store_ps(out, s);
    return out[0];
}

__attribute__((target("avx512f"))) double fmaLoopAvx512(int64_t iterations) {
    __m512 acc[kChains];
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_ps(1.0f + 1e-3f * static_cast<float>(c));
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
        for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    }
    __m512 s = acc[0];
    for (int c = 1; c < kChains; ++c) s = _mm512_add_ps(s, acc[c]);
    alignas(64) float out[16];
    _mm512_store_ps(out, s);  // not _mm512_reduce_add_ps: GCC 12's version warns (-Wuninitialized)
    return out[0];
}

__attribute__((target("avx512f,avx512bf16"))) double dpbf16Loop(int64_t iterations) {
    __m512 acc[kChains];
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_ps(1.0f + 1e-3f * static_cast<float>(c));
    // 0x3F80 is bf16 1.0 and 0x3380 a small bf16 (~6e-8), so the accumulators stay finite.
    const __m512bh a = (__m512bh)_mm512_set1_epi16(static_cast<short>(0x3F80));
    const __m512bh b = (__m512bh)_mm512_set1_epi16(static_cast<short>(0x3380));
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
        for (int c = 0; c < kChains; ++c) acc[c] = _mm512_dpbf16_ps(acc[c], a, b);
    }
    __m512 s = acc[0];
    for (int c = 1; c < kChains; ++c) s = _mm512_add_ps(s, acc[c]);
    alignas(64) float out[16];
    _mm512_store_ps(out, s);  // not _mm512_reduce_add_ps: GCC 12's version warns (-Wuninitialized)
    return out[0];
}

/// Runs `kernel` on `threads` threads at once (after a warm-up that lets the clock settle)
/// and returns GFLOP/s for `flopsPerIteration` per thread and iteration, best of kRounds.
double timeOnThreads(Kernel kernel, int threads, double flopsPerIteration) {
    threads = std::max(1, threads);
    volatile double sink = 0.0;
    double best = 1e30;
    std::chrono::steady_clock::time_point start;  // shared: set and read by whichever thread runs `single`
#pragma omp parallel num_threads(threads)
    {
        double local = kernel(kIterations / 4);  // warm-up
        for (int round = 0; round < kRounds; ++round) {
#pragma omp barrier
#pragma omp single
            start = std::chrono::steady_clock::now();  // the implicit barrier releases all threads together
            local += kernel(kIterations);
#pragma omp barrier
#pragma omp single
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
#pragma omp critical
        sink = sink + local;
    }
    (void)sink;
    return flopsPerIteration * static_cast<double>(kIterations) * threads / best / 1e9;
}

/// The larger of the rate on all threads at once and `threads` times the one-thread rate.
/// On a shared machine (a VM whose other core the host lends elsewhere for a moment) the
/// all-thread rounds can all be slowed, which would inflate every "fraction of peak"
/// printed against them; the scaled one-thread rate guards that. On CPUs whose all-core
/// clock is below the one-core turbo, it errs towards a higher peak, i.e. towards
/// understating the fraction, never overstating it.
double peakOnThreads(Kernel kernel, int threads, double flopsPerIteration) {
    const double all = timeOnThreads(kernel, threads, flopsPerIteration);
    if (threads <= 1) return all;
    return std::max(all, threads * timeOnThreads(kernel, 1, flopsPerIteration));
}

}  // namespace

PeakFlops measureFp32Peak(int threads) {
    if (__builtin_cpu_supports("avx512f"))
        return {peakOnThreads(fmaLoopAvx512, threads, kChains * 16 * 2.0), "vfmadd231ps zmm (AVX-512)"};
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return {peakOnThreads(fmaLoopAvx2, threads, kChains * 8 * 2.0), "vfmadd231ps ymm (AVX2+FMA)"};
    return {0.0, "no FMA instructions"};
}

PeakFlops measureBf16Peak(int threads) {
    if (__builtin_cpu_supports("avx512bf16"))
        return {peakOnThreads(dpbf16Loop, threads, kChains * 16 * 4.0), "vdpbf16ps zmm (AVX512_BF16)"};
    return {0.0, "no AVX512_BF16 (bf16 products are emulated in float32)"};
}

}  // namespace axs::kernels
