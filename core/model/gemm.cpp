#include "model/gemm.hpp"

#include <cblas.h>
#include <omp.h>

#include <cstring>

#include "common/error.hpp"
#include "model/gemm_bf16.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

namespace {

/// y[t][:] = b for every row: the product then accumulates onto the bias, which saves
/// OpenBLAS's zeroing pass (beta = 0) and a separate bias pass.
void fillBias(float* y, int64_t n, const LinearWeights& w) {
    const float* b = w.bias.data();
    const int64_t out = w.out;
#pragma omp parallel for schedule(static) if (worthParallel(n * out))
    for (int64_t t = 0; t < n; ++t) std::memcpy(y + t * out, b, sizeof(float) * static_cast<size_t>(out));
}

void addBias(float* y, int64_t n, const LinearWeights& w) {
    const float* b = w.bias.data();
    const int64_t out = w.out;
#pragma omp parallel for schedule(static) if (worthParallel(n * out))
    for (int64_t t = 0; t < n; ++t) {
        float* row = y + t * out;
#pragma omp simd
        for (int64_t i = 0; i < out; ++i) row[i] += b[i];
    }
}

blasint blasDim(int64_t v) { return static_cast<blasint>(v); }

/// Products below this many multiply-adds (~0.1 ms on one core) run on one thread: a
/// parallel region costs more than it saves there, above all on a busy machine.
constexpr double kSerialGemmMacs = 1 << 23;

/// OpenBLAS takes its thread count from omp_get_max_threads() at each call.
class SerialIfSmall {
public:
    SerialIfSmall(int64_t m, int64_t n, int64_t k)
        : active_(static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k) < kSerialGemmMacs &&
                  omp_get_max_threads() > 1),
          previous_(omp_get_max_threads()) {
        if (active_) omp_set_num_threads(1);
    }
    ~SerialIfSmall() {
        if (active_) omp_set_num_threads(previous_);
    }
    SerialIfSmall(const SerialIfSmall&) = delete;
    SerialIfSmall& operator=(const SerialIfSmall&) = delete;

private:
    bool active_;
    int previous_;
};

}  // namespace

// OpenBLAS (OpenMP build): it parallelises each product over omp_get_max_threads() and
// runs single-threaded when called inside a parallel region, so no nesting arises.
void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
    const SerialIfSmall serial(m, n, k);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasDim(m), blasDim(n), blasDim(k), 1.f, A, blasDim(lda), B,
                blasDim(ldb), accumulate ? 1.f : 0.f, C, blasDim(ldc));
}

void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
    const SerialIfSmall serial(m, n, k);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasDim(m), blasDim(n), blasDim(k), 1.f, A, blasDim(lda), B,
                blasDim(ldb), accumulate ? 1.f : 0.f, C, blasDim(ldc));
}

void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    if (precision == Precision::Bf16) return linearBf16(x, n, w, y, false);
    fillBias(y, n, w);
    gemmNT(n, w.out, w.in, x, w.in, w.weight.data(), w.in, y, w.out, true);
}

void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    if (precision == Precision::Bf16) return linearBf16(x, n, w, y, true);
    gemmNT(n, w.out, w.in, x, w.in, w.weight.data(), w.in, y, w.out, true);
    addBias(y, n, w);
}

}  // namespace axs::kernels
