#include "model/gemm.hpp"

#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "model/feed_forward.hpp"
#include "model/gemm_bf16.hpp"
#include "model/onednn_gemm.hpp"
#include "model/parallel.hpp"
#include "model/prepared_weights.hpp"
#include "model/profile_timer.hpp"

#ifdef AXS_HAVE_DNNL
#include <oneapi/dnnl/dnnl.h>
#endif

namespace axs::kernels {

namespace {

blasint blasDim(int64_t v) { return static_cast<blasint>(v); }

/// Products below this many multiply-adds (~0.1 ms on one core) run on one thread: a
/// parallel region costs more than it saves there, above all on a busy machine.
constexpr double kSerialGemmMacs = 1 << 23;

/// OpenBLAS takes its thread count from omp_get_max_threads() at each call.
class SerialIfSmall {
public:
    SerialIfSmall(int64_t m, int64_t n, int64_t k)
        : active_(static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k) < kSerialGemmMacs &&
                  omp_get_max_threads() > 1 && !omp_in_parallel()),
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

/// The float32 GEMM library in use: C = A · op(B) (+ beta C). Both libraries parallelise
/// each call over omp_get_max_threads() and run single-threaded inside a parallel region.
void sgemm(Fp32Backend backend, bool tb, int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
           int64_t ldb, float* C, int64_t ldc, float beta) {
    if (m == 0 || n == 0) return;
    const SerialIfSmall serial(m, n, k);
#ifdef AXS_HAVE_DNNL
    if (backend == Fp32Backend::OneDnn) {
        // oneDNN's gemm interface is row-major, like ours.
        dnnl_sgemm('N', tb ? 'T' : 'N', m, n, k, 1.f, A, lda, B, ldb, beta, C, ldc);
        return;
    }
#else
    (void)backend;
#endif
    cblas_sgemm(CblasRowMajor, CblasNoTrans, tb ? CblasTrans : CblasNoTrans, blasDim(m), blasDim(n), blasDim(k), 1.f, A,
                blasDim(lda), B, blasDim(ldb), beta, C, blasDim(ldc));
}

// ---- backend choice --------------------------------------------------------------------

std::mutex backendMutex;
bool backendsChosen = false;
GemmBackends chosenBackends;

GemmBackends chooseBackends() {
    GemmBackends b;
    const char* fp32 = std::getenv("AXS_GEMM");
    const char* bf16 = std::getenv("AXS_BF16");
    const std::string fp32Choice = fp32 ? fp32 : "", bf16Choice = bf16 ? bf16 : "";
    if (fp32Choice == "openblas")
        b.fp32 = Fp32Backend::OpenBlas;
    else if (fp32Choice == "onednn")
        b.fp32 = Fp32Backend::OneDnn;
    else if (!fp32Choice.empty())
        throw Error("AXS_GEMM must be 'onednn' or 'openblas', got '" + fp32Choice + "'");
    else
        // Fixed, not timed: a choice by timing could differ between two runs on a busy
        // machine, and the two libraries round differently (~1e-6), so the same command
        // would not give byte-identical exports.
        b.fp32 = onednn::fp32Usable() ? Fp32Backend::OneDnn : Fp32Backend::OpenBlas;
    if (bf16Choice == "emulated")
        b.bf16 = Bf16Backend::Emulated;
    else if (bf16Choice == "onednn" || bf16Choice.empty())
        b.bf16 = onednn::bf16Hardware() ? Bf16Backend::OneDnn : Bf16Backend::Emulated;
    else
        throw Error("AXS_BF16 must be 'onednn' or 'emulated', got '" + bf16Choice + "'");
    if (bf16Choice == "onednn" && b.bf16 != Bf16Backend::OneDnn)
        throw Error("AXS_BF16=onednn, but oneDNN has no bf16 kernels on this CPU (it needs AVX512_BF16 or AMX)");
    if (fp32Choice == "onednn" && !onednn::compiledIn()) throw Error("AXS_GEMM=onednn, but this build has no oneDNN");
    return b;
}

// ---- products on plain float32 (OpenBLAS, and the bf16 emulation) ------------------------

/// y[t][:] = b for every row: the product then accumulates onto the bias, which saves the
/// library's zeroing pass (beta = 0) and a separate bias pass.
void fillBias(float* y, int64_t n, const float* b, int64_t out) {
#pragma omp parallel for schedule(static) if (worthParallel(n * out))
    for (int64_t t = 0; t < n; ++t) std::memcpy(y + t * out, b, sizeof(float) * static_cast<size_t>(out));
}

void addBias(float* y, int64_t n, const float* b, int64_t out) {
#pragma omp parallel for schedule(static) if (worthParallel(n * out))
    for (int64_t t = 0; t < n; ++t) {
        float* row = y + t * out;
#pragma omp simd
        for (int64_t i = 0; i < out; ++i) row[i] += b[i];
    }
}

/// y (n x count, float32) = epilogue(x · Wᵀ + b) with W count x in, plain float32.
void linearPlain(Fp32Backend backend, const float* x, int64_t n, int64_t in, const float* W, const float* b,
                 int64_t count, float* y, Epilogue epilogue) {
    if (epilogue == Epilogue::Accumulate) {
        sgemm(backend, true, n, count, in, x, in, W, in, y, count, 1.f);
        addBias(y, n, b, count);
        return;
    }
    fillBias(y, n, b, count);
    sgemm(backend, true, n, count, in, x, in, W, in, y, count, 1.f);
    if (epilogue == Epilogue::Gelu) geluInPlace(y, n * count);
}

/// Growable per-thread scratch (the emulation's widened operands, bf16 inputs).
template <class T>
T* scratch(std::vector<T>& v, int64_t n) {
    if (v.size() < static_cast<size_t>(n)) v.resize(static_cast<size_t>(n));
    return v.data();
}

/// out (n floats) = in of `type`, rounded to bf16 first when `round` (the bf16 emulation).
void widen(const void* in, Elem type, int64_t n, float* out, bool round) {
    if (type == Elem::Bf16) {
        fromBf16Array(static_cast<const uint16_t*>(in), n, out);
        return;
    }
    const auto* f = static_cast<const float*>(in);
    if (!round) {
        std::memcpy(out, f, sizeof(float) * static_cast<size_t>(n));
        return;
    }
#pragma omp parallel for simd schedule(static) if (worthParallel(n))
    for (int64_t i = 0; i < n; ++i) out[i] = fromBf16(toBf16(f[i]));
}

void linearEmulated(const void* x, Elem xType, int64_t n, const LinearWeights& w, const PreparedMatrix& p, void* y,
                    Elem yType, Epilogue epilogue, int64_t first, int64_t count) {
    thread_local std::vector<float> xBuffer, wBuffer, yBuffer;
    float* xr = scratch(xBuffer, n * w.in);
    float* wr = scratch(wBuffer, count * w.in);
    widen(x, xType, n * w.in, xr, true);
    fromBf16Array(p.high() + first * w.in, count * w.in, wr);
    const Fp32Backend backend = gemmBackends().fp32;
    if (yType == Elem::F32) {
        linearPlain(backend, xr, n, w.in, wr, w.bias.data() + first, count, static_cast<float*>(y), epilogue);
        return;
    }
    float* yf = scratch(yBuffer, n * count);
    linearPlain(backend, xr, n, w.in, wr, w.bias.data() + first, count, yf, epilogue);
    toBf16Array(yf, n * count, static_cast<uint16_t*>(y));
}

void checkForm(const LinearWeights& w, WeightForm form, Precision precision) {
    if (formFor(precision, gemmBackends()) != form)
        throw std::logic_error("linear layer " + std::to_string(w.out) + " x " + std::to_string(w.in) +
                               " is not prepared for this precision and backend (prepareWeights)");
}

}  // namespace

// ---- public ------------------------------------------------------------------------------

GemmBackends gemmBackends() {
    const std::lock_guard<std::mutex> lock(backendMutex);
    if (!backendsChosen) {
        chosenBackends = chooseBackends();
        backendsChosen = true;
    }
    return chosenBackends;
}

void setGemmBackends(GemmBackends b) {
    if (b.fp32 == Fp32Backend::OneDnn && !onednn::compiledIn())
        throw Error("the float32 backend oneDNN is not available: this build has no oneDNN");
    if (b.bf16 == Bf16Backend::OneDnn && !onednn::bf16Hardware())
        throw Error("the bf16 backend oneDNN is not available: it needs oneDNN and a CPU with AVX512_BF16 or AMX");
    const std::lock_guard<std::mutex> lock(backendMutex);
    chosenBackends = b;
    backendsChosen = true;
}

const char* gemmBackendName() { return gemmBackends().fp32 == Fp32Backend::OneDnn ? "oneDNN" : "OpenBLAS"; }

const char* bf16BackendName() {
    return gemmBackends().bf16 == Bf16Backend::OneDnn ? "oneDNN (AVX512_BF16)" : "emulated (float32 products)";
}

void linear(const void* x, Elem xType, int64_t n, const LinearWeights& w, void* y, Elem yType, Epilogue epilogue,
            Precision precision, int64_t first, int64_t count) {
    if (count < 0) count = w.out - first;
    if (n == 0 || count == 0) return;
    if (epilogue == Epilogue::Accumulate && yType != Elem::F32)
        throw std::logic_error("a residual connection accumulates in float32");
    if (precision == Precision::Fp32 && (xType != Elem::F32 || yType != Elem::F32))
        throw std::logic_error("the float32 precision reads and writes float32 activations");
    const WeightForm form = w.prepared ? w.prepared->form : WeightForm::Fp32Plain;
    checkForm(w, form, precision);
    const float* bias = w.bias.data() + first;
    switch (form) {
        case WeightForm::Fp32Plain:
            linearPlain(Fp32Backend::OpenBlas, static_cast<const float*>(x), n, w.in, w.weight.data() + first * w.in,
                        bias, count, static_cast<float*>(y), epilogue);
            return;
        case WeightForm::Fp32Packed:
            onednn::linear(x, Elem::F32, w.in, n, w.prepared->slice(first, count), bias, y, Elem::F32, count, epilogue);
            return;
        case WeightForm::Bf16Packed: {
            if (xType == Elem::Bf16) {
                onednn::linear(x, Elem::Bf16, w.in, n, w.prepared->slice(first, count), bias, y, yType, count,
                               epilogue);
                return;
            }
            thread_local std::vector<uint16_t> xBuffer;
            uint16_t* xb = scratch(xBuffer, n * w.in);
            {
                const OpTimer timer(OpKind::Conversions);
                toBf16Array(static_cast<const float*>(x), n * w.in, xb);
            }
            onednn::linear(xb, Elem::Bf16, w.in, n, w.prepared->slice(first, count), bias, y, yType, count, epilogue);
            return;
        }
        case WeightForm::Bf16Plain:
            linearEmulated(x, xType, n, w, *w.prepared, y, yType, epilogue, first, count);
            return;
    }
}

void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision, int64_t first,
            int64_t count) {
    linear(x, Elem::F32, n, w, y, Elem::F32, Epilogue::Store, precision, first, count);
}

void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    linear(x, Elem::F32, n, w, y, Elem::F32, Epilogue::Accumulate, precision);
}

void batchedGemm(const BatchedGemm& g) {
    if (g.batch == 0 || g.m == 0 || g.n == 0) return;
    if (g.a.type != g.b.type) throw std::logic_error("batchedGemm: A and B must have one type");
    if (g.accumulate && g.cType != Elem::F32) throw std::logic_error("batchedGemm: accumulate needs a float32 C");
    const GemmBackends b = gemmBackends();
    const bool bf16 = g.a.type == Elem::Bf16;
    if ((bf16 && b.bf16 == Bf16Backend::OneDnn) || (!bf16 && b.fp32 == Fp32Backend::OneDnn)) {
        try {
            onednn::batched(g);
            return;
        } catch (const onednn::OneDnnUnavailable&) {
            // A layout oneDNN has no kernel for: the loop below computes the same numbers.
        }
    }
    // One float32 product per matrix, spread over the threads (each library call then runs
    // on its thread alone); bf16 operands are widened exactly.
    const Fp32Backend library = b.fp32;
#pragma omp parallel if (g.batch > 1 && worthParallel(g.batch * g.m * g.n * g.k / 64))
    {
        thread_local std::vector<float> aBuffer, bBuffer, cBuffer;
#pragma omp for schedule(static)
        for (int64_t i = 0; i < g.batch; ++i) {
            const float* A = static_cast<const float*>(g.a.data) + i * g.a.stride;
            const float* B = static_cast<const float*>(g.b.data) + i * g.b.stride;
            int64_t lda = g.a.ld, ldb = g.b.ld;
            if (bf16) {
                float* a = scratch(aBuffer, g.m * g.k);
                float* bw = scratch(bBuffer, g.k * g.n);
                const auto* a16 = static_cast<const uint16_t*>(g.a.data) + i * g.a.stride;
                const auto* b16 = static_cast<const uint16_t*>(g.b.data) + i * g.b.stride;
                for (int64_t r = 0; r < g.m; ++r)
                    for (int64_t c = 0; c < g.k; ++c) a[r * g.k + c] = fromBf16(a16[r * g.a.ld + c]);
                for (int64_t r = 0; r < g.k; ++r)
                    for (int64_t c = 0; c < g.n; ++c) bw[r * g.n + c] = fromBf16(b16[r * g.b.ld + c]);
                A = a;
                B = bw;
                lda = g.k;
                ldb = g.n;
            }
            if (g.cType == Elem::F32) {
                sgemm(library, false, g.m, g.n, g.k, A, lda, B, ldb, static_cast<float*>(g.c) + i * g.strideC, g.ldc,
                      g.accumulate ? 1.f : 0.f);
            } else {
                float* c = scratch(cBuffer, g.m * g.n);
                sgemm(library, false, g.m, g.n, g.k, A, lda, B, ldb, c, g.n, 0.f);
                auto* c16 = static_cast<uint16_t*>(g.c) + i * g.strideC;
                for (int64_t r = 0; r < g.m; ++r)
                    for (int64_t col = 0; col < g.n; ++col) c16[r * g.ldc + col] = toBf16(c[r * g.n + col]);
            }
        }
    }
}

BatchedGemm denseBatch(int64_t batch, int64_t m, int64_t n, int64_t k, const void* a, const void* b, Elem type, void* c,
                       Elem cType, bool accumulate) {
    BatchedGemm g;
    g.batch = batch;
    g.m = m;
    g.n = n;
    g.k = k;
    g.a = {a, type, k, m * k};
    g.b = {b, type, n, k * n};
    g.c = c;
    g.cType = cType;
    g.ldc = n;
    g.strideC = m * n;
    g.accumulate = accumulate;
    return g;
}

void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    sgemm(gemmBackends().fp32, true, m, n, k, A, lda, B, ldb, C, ldc, accumulate ? 1.f : 0.f);
}

void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    sgemm(gemmBackends().fp32, false, m, n, k, A, lda, B, ldb, C, ldc, accumulate ? 1.f : 0.f);
}

}  // namespace axs::kernels
