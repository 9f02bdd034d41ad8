#include "model/gemm.hpp"

#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "common/error.hpp"
#include "model/gemm_bf16.hpp"
#include "model/parallel.hpp"

#ifdef AXS_HAVE_DNNL
#include <oneapi/dnnl/dnnl.h>
#endif

namespace axs::kernels {

namespace {

/// y[t][:] = b for every row: the product then accumulates onto the bias, which saves
/// OpenBLAS's zeroing pass (beta = 0) and a separate bias pass.
void fillBias(float* y, int64_t n, const float* b, int64_t out) {
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

void sgemmOpenBlas(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
                   int64_t ldb, float* C, int64_t ldc, float beta) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, blasDim(m), blasDim(n),
                blasDim(k), 1.f, A, blasDim(lda), B, blasDim(ldb), beta, C, blasDim(ldc));
}

#ifdef AXS_HAVE_DNNL
void sgemmOneDnn(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
                 int64_t ldb, float* C, int64_t ldc, float beta) {
    // oneDNN's gemm interface is row-major, like ours.
    dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.f, A, lda, B, ldb, beta, C, ldc);
}
#endif

using SgemmFn = void (*)(bool, bool, int64_t, int64_t, int64_t, const float*, int64_t, const float*, int64_t, float*,
                         int64_t, float);

/// Seconds of the best of three 1024 x 768 x 3072 products (the FFN's shape).
double timeBackend(SgemmFn fn) {
    constexpr int64_t M = 1024, K = 768, N = 3072;
    std::vector<float> a(static_cast<size_t>(M * K), 0.5f), b(static_cast<size_t>(N * K), 0.25f),
        c(static_cast<size_t>(M * N));
    double best = 1e30;
    for (int rep = 0; rep < 3; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        fn(false, true, M, N, K, a.data(), K, b.data(), K, c.data(), N, 0.f);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

struct Backend {
    SgemmFn fn;
    const char* name;
};

/// Both libraries are good; which is faster depends on the CPU (OpenBLAS 0.3.21 vs oneDNN's
/// JIT kernels). AXS_GEMM=openblas|onednn forces one; otherwise a short timing decides once.
const Backend& backend() {
    static const Backend chosen = [] {
        const Backend openblas{sgemmOpenBlas, "OpenBLAS"};
#ifdef AXS_HAVE_DNNL
        const Backend onednn{sgemmOneDnn, "oneDNN"};
        const char* env = std::getenv("AXS_GEMM");
        if (env && std::strcmp(env, "openblas") == 0) return openblas;
        if (env && std::strcmp(env, "onednn") == 0) return onednn;
        return timeBackend(onednn.fn) < timeBackend(openblas.fn) ? onednn : openblas;
#else
        return openblas;
#endif
    }();
    return chosen;
}

void sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb,
           float* C, int64_t ldc, float beta) {
    backend().fn(ta, tb, m, n, k, A, lda, B, ldb, C, ldc, beta);
}

}  // namespace

const char* gemmBackendName() { return backend().name; }

// Both backends (OpenBLAS OpenMP build, oneDNN OpenMP runtime) parallelise each product over
// omp_get_max_threads() and run single-threaded inside a parallel region: no nesting arises.
void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
    const SerialIfSmall serial(m, n, k);
    sgemm(false, true, m, n, k, A, lda, B, ldb, C, ldc, accumulate ? 1.f : 0.f);
}

void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
    const SerialIfSmall serial(m, n, k);
    sgemm(false, false, m, n, k, A, lda, B, ldb, C, ldc, accumulate ? 1.f : 0.f);
}

void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision, int64_t first,
            int64_t count) {
    if (count < 0) count = w.out - first;
    if (precision == Precision::Bf16) return linearBf16(x, n, w, y, false, first, count);
    fillBias(y, n, w.bias.data() + first, count);
    gemmNT(n, count, w.in, x, w.in, w.weight.data() + first * w.in, w.in, y, count, true);
}

void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    if (precision == Precision::Bf16) return linearBf16(x, n, w, y, true, 0, w.out);
    gemmNT(n, w.out, w.in, x, w.in, w.weight.data(), w.in, y, w.out, true);
    addBias(y, n, w);
}

}  // namespace axs::kernels
