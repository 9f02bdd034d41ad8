#include "model/attention_common.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "model/gemm_bf16.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

namespace {

namespace ei = Eigen::internal;
using Packet = ei::packet_traits<float>::type;  // 16 floats with AVX-512, 8 with AVX, 4 with SSE
constexpr int64_t kLanes = ei::packet_traits<float>::size;

/// Softmax of one row in place, in three passes over vector registers (the rows of attention
/// are 64 to 1024 values, so they stay in L1). Every value goes through the same vector
/// exp() whatever its position or the row's address (the last partial vector through a
/// padded copy), and the sum is taken in index order, so the result does not depend on
/// where the row lies in memory: repeated runs give the same bits.
void softmaxRow(float* p, int64_t cols) {
    const int64_t full = cols / kLanes * kLanes, rest = cols - full;
    float mx = -std::numeric_limits<float>::infinity();
    if (full > 0) {
        Packet m = ei::ploadu<Packet>(p);
        for (int64_t i = kLanes; i < full; i += kLanes) m = ei::pmax(m, ei::ploadu<Packet>(p + i));
        mx = ei::predux_max(m);
    }
    for (int64_t i = full; i < cols; ++i) mx = std::max(mx, p[i]);
    const Packet shift = ei::pset1<Packet>(mx);
    Packet sums = ei::pset1<Packet>(0.f);
    for (int64_t i = 0; i < full; i += kLanes) {
        const Packet e = ei::pexp(ei::psub(ei::ploadu<Packet>(p + i), shift));
        ei::pstoreu(p + i, e);
        sums = ei::padd(sums, e);
    }
    float sum = ei::predux(sums);
    if (rest > 0) {
        alignas(64) float tail[kLanes];
        for (int64_t k = 0; k < kLanes; ++k) tail[k] = k < rest ? p[full + k] : mx;
        ei::pstore(tail, ei::pexp(ei::psub(ei::pload<Packet>(tail), shift)));
        for (int64_t k = 0; k < rest; ++k) {
            p[full + k] = tail[k];
            sum += tail[k];
        }
    }
    const Packet total = ei::pset1<Packet>(sum);
    for (int64_t i = 0; i < full; i += kLanes) ei::pstoreu(p + i, ei::pdiv(ei::ploadu<Packet>(p + i), total));
    for (int64_t i = full; i < cols; ++i) p[i] /= sum;
}

template <class T>
inline float load(const T* p) {
    if constexpr (std::is_same_v<T, float>)
        return *p;
    else
        return fromBf16(*p);
}
template <class T>
inline T convert(float v) {
    if constexpr (std::is_same_v<T, float>)
        return v;
    else
        return toBf16(v);
}

/// Calls f.template operator()<In, Out>() for the element types: one loop nest serves
/// every combination, so the exact and the fast precision read q, k and v the same way.
template <class F>
void dispatch(Elem in, Elem out, F&& f) {
    if (in == Elem::F32 && out == Elem::F32) return f.template operator()<float, float>();
    if (in == Elem::F32 && out == Elem::Bf16) return f.template operator()<float, uint16_t>();
    if (in == Elem::Bf16 && out == Elem::Bf16) return f.template operator()<uint16_t, uint16_t>();
    if (in == Elem::Bf16 && out == Elem::F32) return f.template operator()<uint16_t, float>();
    throw std::logic_error("attention re-layout: unknown element types");
}

/// Below this many elements a re-layout runs on the calling thread.
bool parallelCopy(int64_t elements) { return worthParallel(elements); }

// A 16 x 16 transpose in vector registers (GCC vector extensions: AVX-512 shuffles with
// -march=native, SSE on baseline x86-64), ~4x faster than element-wise transposition.
// Four stages swap the off-diagonal blocks of 8, 4, 2 and 1 between row pairs. Vectors are
// passed by reference only (by value their ABI depends on the instruction set).
using Vec16 = float __attribute__((vector_size(64)));
constexpr int64_t kTile = 16;

template <int B, size_t... J>
inline void swapBlocks(Vec16& x, Vec16& y, std::index_sequence<J...>) {
    const Vec16 lo = __builtin_shufflevector(x, y, ((J & B) ? 16 + J - B : J)...);
    const Vec16 hi = __builtin_shufflevector(x, y, ((J & B) ? 16 + J : J + B)...);
    x = lo;
    y = hi;
}

template <int B>
inline void transposeStage(Vec16 (&r)[kTile]) {
    for (int k = 0; k < kTile; ++k)
        if (!(k & B)) swapBlocks<B>(r[k], r[k + B], std::make_index_sequence<kTile>{});
}

/// dst[t·ldd + k] = src[k·lds + t] for k, t < 16.
template <class In, class Out>
inline void transposeTile(const In* src, int64_t lds, Out* dst, int64_t ldd) {
    Vec16 r[kTile];
    for (int k = 0; k < kTile; ++k)
        for (int t = 0; t < kTile; ++t) r[k][t] = load(src + k * lds + t);
    transposeStage<8>(r);
    transposeStage<4>(r);
    transposeStage<2>(r);
    transposeStage<1>(r);
    for (int t = 0; t < kTile; ++t)
        for (int k = 0; k < kTile; ++k) dst[t * ldd + k] = convert<Out>(r[t][k]);
}

/// dst[t·ldd + k] = src[k·lds + t] for k < rows, t < cols: full tiles in registers, the
/// edges element by element.
template <class In, class Out>
void transposeBlock(const In* src, int64_t lds, int64_t rows, int64_t cols, Out* dst, int64_t ldd) {
    const int64_t fullRows = rows / kTile * kTile, fullCols = cols / kTile * kTile;
    for (int64_t k0 = 0; k0 < fullRows; k0 += kTile)
        for (int64_t t0 = 0; t0 < fullCols; t0 += kTile)
            transposeTile(src + k0 * lds + t0, lds, dst + t0 * ldd + k0, ldd);
    for (int64_t k = 0; k < rows; ++k)
        for (int64_t t = (k < fullRows ? fullCols : 0); t < cols; ++t)
            dst[t * ldd + k] = convert<Out>(load(src + k * lds + t));
}

}  // namespace

void softmaxRows(float* x, int64_t rows, int64_t cols, bool serial) {
    if (cols <= 0) return;
    if (serial) {
        for (int64_t r = 0; r < rows; ++r) softmaxRow(x + r * cols, cols);
        return;
    }
#pragma omp parallel for schedule(static) if (worthParallel(rows * cols))
    for (int64_t r = 0; r < rows; ++r) softmaxRow(x + r * cols, cols);
}

void toHeadMajor(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType, float scale, const uint8_t* pad) {
    const int64_t I = in.I, J = in.J, ld = in.ld;
    dispatch(in.type, outType, [&]<class In, class Out>() {
        const In* src0 = static_cast<const In*>(in.data);
        Out* out0 = static_cast<Out*>(out);
        const bool plain = scale == 1.f && pad == nullptr && std::is_same_v<In, Out>;
#pragma omp parallel for collapse(2) schedule(static) if (parallelCopy(I * J * H * d))
        for (int64_t h = 0; h < H; ++h)
            for (int64_t j = 0; j < J; ++j) {
                Out* dst = out0 + (h * J + j) * I * d;
                for (int64_t i = 0; i < I; ++i) {
                    const In* src = src0 + (i * J + j) * ld + h * d;
                    if (plain) {
                        std::memcpy(dst + i * d, src, sizeof(Out) * static_cast<size_t>(d));
                        continue;
                    }
                    const float f = (pad && pad[i * J + j]) ? 0.f : scale;
#pragma omp simd
                    for (int64_t t = 0; t < d; ++t) dst[i * d + t] = convert<Out>(load(src + t) * f);
                }
            }
    });
}

namespace {

/// Kᵀ per head (perColumn false: out[h][i·d + t][j]) or per head and column j (perColumn
/// true: out[h][j][t][i]), from in(i, j)[h·d + t]: each a transposed block of tokens x d.
void keysTransposed(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType, bool perColumn) {
    const int64_t I = in.I, J = in.J, ld = in.ld;
    dispatch(in.type, outType, [&]<class In, class Out>() {
        const In* src0 = static_cast<const In*>(in.data);
        Out* out0 = static_cast<Out*>(out);
        const int64_t outer = perColumn ? J : I;
#pragma omp parallel for collapse(2) schedule(static) if (parallelCopy(I * J * H * d))
        for (int64_t h = 0; h < H; ++h)
            for (int64_t o = 0; o < outer; ++o) {
                if (perColumn)  // the d x I matrix of head h, column o
                    transposeBlock(src0 + o * ld + h * d, J * ld, I, d, out0 + (h * J + o) * d * I, I);
                else  // rows o·d .. o·d + d of head h: the J x d block of row o transposed
                    transposeBlock(src0 + o * J * ld + h * d, ld, J, d, out0 + (h * I + o) * d * J, J);
            }
    });
}

}  // namespace

void toKeysTransposed(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType) {
    keysTransposed(in, H, d, out, outType, false);
}

void toKeysTransposedPerColumn(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType) {
    keysTransposed(in, H, d, out, outType, true);
}

void fromHeadMajor(const void* in, Elem inType, int64_t I, int64_t J, int64_t H, int64_t d, void* out, Elem outType) {
    const int64_t D = H * d;
    dispatch(inType, outType, [&]<class In, class Out>() {
        const In* in0 = static_cast<const In*>(in);
        Out* out0 = static_cast<Out*>(out);
#pragma omp parallel for collapse(2) schedule(static) if (parallelCopy(I * J * D))
        for (int64_t h = 0; h < H; ++h)
            for (int64_t j = 0; j < J; ++j) {
                const In* src = in0 + (h * J + j) * I * d;
                for (int64_t i = 0; i < I; ++i) {
                    Out* dst = out0 + (i * J + j) * D + h * d;
                    if constexpr (std::is_same_v<In, Out>) {
                        std::memcpy(dst, src + i * d, sizeof(Out) * static_cast<size_t>(d));
                    } else {
#pragma omp simd
                        for (int64_t t = 0; t < d; ++t) dst[t] = convert<Out>(load(src + i * d + t));
                    }
                }
            }
    });
}

}  // namespace axs::kernels
