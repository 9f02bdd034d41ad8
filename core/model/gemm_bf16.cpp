#include "model/gemm_bf16.hpp"

#include <cblas.h>

#include <mutex>
#include <vector>

#include "model/gemm.hpp"
#include "model/parallel.hpp"

#ifdef AXS_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace axs::kernels {

namespace {

void fillBf16(const LinearWeights& w) {
    w.weightBf16.resize(w.weight.size());
    toBf16Array(w.weight.data(), static_cast<int64_t>(w.weight.size()), w.weightBf16.data());
}

#ifdef AXS_HAVE_DNNL
dnnl::engine& engine() {
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

dnnl::matmul::primitive_desc describe(int64_t m, int64_t k, int64_t n, bool accumulate) {
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    const dnnl::memory::desc a({m, k}, dt::bf16, tag::ab);
    const dnnl::memory::desc b({k, n}, dt::bf16, tag::ba);  // W stored out x in = (in x out) transposed
    const dnnl::memory::desc bias({1, n}, dt::f32, tag::ab);
    const dnnl::memory::desc c({m, n}, dt::f32, tag::ab);
    dnnl::primitive_attr attr;
    if (accumulate) {
        dnnl::post_ops ops;
        ops.append_sum(1.f);
        attr.set_post_ops(ops);
    }
    return dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b, bias, c), attr, engine());
}

bool dnnlBf16Works() {
    static const bool ok = [] {
        try {
            // oneDNN offers bf16 matmul only on CPUs with native bf16 support (or AVX-512
            // emulation); anything else throws here and the float32 emulation is used.
            describe(16, 64, 64, false);
            // The ISA values are bit sets (avx2_vnni is numerically larger but has no bf16).
            const auto isa = static_cast<unsigned>(dnnl::get_effective_cpu_isa());
            const auto bf16 = static_cast<unsigned>(dnnl::cpu_isa::avx512_core_bf16);
            return (isa & bf16) == bf16;
        } catch (const dnnl::error&) {
            return false;
        }
    }();
    return ok;
}

void matmulDnnl(const uint16_t* a, int64_t m, const LinearWeights& w, float* y, bool accumulate, int64_t first,
                int64_t count) {
    const auto pd = describe(m, w.in, count, accumulate);
    dnnl::stream s(engine());
    dnnl::memory am(pd.src_desc(), engine(), const_cast<uint16_t*>(a));
    dnnl::memory wm(pd.weights_desc(), engine(), const_cast<uint16_t*>(w.weightBf16.data() + first * w.in));
    dnnl::memory bm(pd.bias_desc(), engine(), const_cast<float*>(w.bias.data() + first));
    dnnl::memory cm(pd.dst_desc(), engine(), y);
    dnnl::matmul(pd).execute(s, {{DNNL_ARG_SRC, am}, {DNNL_ARG_WEIGHTS, wm}, {DNNL_ARG_BIAS, bm}, {DNNL_ARG_DST, cm}});
    s.wait();
}
#endif

/// Same numbers without bf16 hardware: float32 GEMM on bf16-rounded values.
void matmulEmulated(const float* x, int64_t n, const LinearWeights& w, float* y, bool accumulate, int64_t first,
                    int64_t count) {
    // thread_local: each calling thread keeps its own buffers; the parallel loops below must
    // use the raw pointers (inside them the name would mean the worker thread's instance).
    thread_local std::vector<float> xrBuffer, wrBuffer;
    xrBuffer.resize(static_cast<size_t>(n * w.in));
    wrBuffer.resize(static_cast<size_t>(count * w.in));
    float* xr = xrBuffer.data();
    float* wr = wrBuffer.data();
    const uint16_t* wb = w.weightBf16.data() + first * w.in;
    const int64_t nx = n * w.in, nw = static_cast<int64_t>(wrBuffer.size());
#pragma omp parallel for simd schedule(static) if (worthParallel(nx))
    for (int64_t i = 0; i < nx; ++i) xr[i] = fromBf16(toBf16(x[i]));
#pragma omp parallel for simd schedule(static) if (worthParallel(nw))
    for (int64_t i = 0; i < nw; ++i) wr[i] = fromBf16(wb[i]);
    gemmNT(n, count, w.in, xr, w.in, wr, w.in, y, count, accumulate);
    const float* b = w.bias.data() + first;
#pragma omp parallel for schedule(static) if (worthParallel(n * count))
    for (int64_t t = 0; t < n; ++t)
        for (int64_t i = 0; i < count; ++i) y[t * count + i] += b[i];
}

}  // namespace

void toBf16Array(const float* in, int64_t n, uint16_t* out) {
#pragma omp parallel for simd schedule(static) if (worthParallel(n))
    for (int64_t i = 0; i < n; ++i) out[i] = toBf16(in[i]);
}

void gemmBf16(bool transB, int64_t m, int64_t n, int64_t k, const uint16_t* A, int64_t lda, const uint16_t* B,
              int64_t ldb, float* C, int64_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
#ifdef AXS_HAVE_DNNL
    if (dnnlBf16Works()) try {
            using dt = dnnl::memory::data_type;
            const dnnl::memory::desc a({m, k}, dt::bf16, dnnl::memory::dims{lda, 1});
            const dnnl::memory::desc b({k, n}, dt::bf16,
                                       transB ? dnnl::memory::dims{1, ldb} : dnnl::memory::dims{ldb, 1});
            const dnnl::memory::desc c({m, n}, dt::f32, dnnl::memory::dims{ldc, 1});
            dnnl::primitive_attr attr;
            if (accumulate) {
                dnnl::post_ops ops;
                ops.append_sum(1.f);
                attr.set_post_ops(ops);
            }
            const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(a, b, c), attr, engine());
            dnnl::stream s(engine());
            dnnl::memory am(a, engine(), const_cast<uint16_t*>(A)), bm(b, engine(), const_cast<uint16_t*>(B)),
                cm(c, engine(), C);
            dnnl::matmul(pd).execute(s, {{DNNL_ARG_SRC, am}, {DNNL_ARG_WEIGHTS, bm}, {DNNL_ARG_DST, cm}});
            s.wait();
            return;
        } catch (const dnnl::error&) {
            // A layout oneDNN has no kernel for: compute the same numbers below.
        }
#endif
    // Emulation: widen to float32 (exact) and multiply there.
    thread_local std::vector<float> aBuffer, bBuffer;
    aBuffer.resize(static_cast<size_t>(m * k));
    const int64_t bRows = transB ? n : k, bCols = transB ? k : n;
    bBuffer.resize(static_cast<size_t>(bRows * bCols));
    float* af = aBuffer.data();
    float* bf = bBuffer.data();
#pragma omp parallel for schedule(static) if (worthParallel(m * k))
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < k; ++j) af[i * k + j] = fromBf16(A[i * lda + j]);
#pragma omp parallel for schedule(static) if (worthParallel(bRows * bCols))
    for (int64_t i = 0; i < bRows; ++i)
        for (int64_t j = 0; j < bCols; ++j) bf[i * bCols + j] = fromBf16(B[i * ldb + j]);
    if (transB)
        gemmNT(m, n, k, af, k, bf, k, C, ldc, accumulate);
    else
        gemmNN(m, n, k, af, k, bf, n, C, ldc, accumulate);
}

bool bf16Accelerated() {
#ifdef AXS_HAVE_DNNL
    return dnnlBf16Works();
#else
    return false;
#endif
}

void prepareBf16Weights(const MsaTransformer::Weights& w) {
    std::lock_guard<std::mutex> lock(w.bf16Mutex);
    if (w.bf16Ready) return;
    for (const LayerWeights& l : w.layers) {
        for (const AttentionWeights* a : {&l.row, &l.column})
            for (const LinearWeights* p : {&a->qkv, &a->out}) fillBf16(*p);
        fillBf16(l.fc1);
        fillBf16(l.fc2);
    }
    fillBf16(w.lmDense);
    w.bf16Ready = true;
}

void linearBf16(const float* x, int64_t n, const LinearWeights& w, float* y, bool accumulate, int64_t first,
                int64_t count) {
    if (n == 0) return;
#ifdef AXS_HAVE_DNNL
    if (dnnlBf16Works()) try {
            thread_local std::vector<uint16_t> xb;
            xb.resize(static_cast<size_t>(n * w.in));
            toBf16Array(x, static_cast<int64_t>(xb.size()), xb.data());
            matmulDnnl(xb.data(), n, w, y, accumulate, first, count);
            return;
        } catch (const dnnl::error&) {
            // Fall through to the emulation (same numbers, float32 speed).
        }
#endif
    matmulEmulated(x, n, w, y, accumulate, first, count);
}

}  // namespace axs::kernels
