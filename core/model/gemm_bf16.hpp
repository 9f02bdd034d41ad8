// The Bf16 precision of the large products: activations and weights rounded to bfloat16
// (round to nearest even), products accumulated in float32. On CPUs with AVX512_BF16 the
// product runs in oneDNN's bf16 kernels; elsewhere (or without oneDNN) the same numbers are
// computed with float32 GEMMs on the rounded values (products of two bf16 values are
// exact in float32), which gives bf16 results without bf16 speed.
#pragma once

#include <cstdint>

#include "model/weights.hpp"

namespace axs::kernels {

/// bfloat16 bits of f, rounded to nearest even (inputs are finite).
inline uint16_t toBf16(float f) {
    uint32_t u;
    __builtin_memcpy(&u, &f, 4);
    u += 0x7FFFu + ((u >> 16) & 1u);
    return static_cast<uint16_t>(u >> 16);
}
inline float fromBf16(uint16_t b) {
    const uint32_t u = static_cast<uint32_t>(b) << 16;
    float f;
    __builtin_memcpy(&f, &u, 4);
    return f;
}

/// Fills weightBf16 of every large matrix of the model once (thread-safe).
void prepareBf16Weights(const MsaTransformer::Weights& w);

/// y (n x count) (+)= bf16(x) · bf16(W[first .. first+count))ᵀ + b[first ..]: output rows
/// [first, first + count) of the layer. Needs prepareBf16Weights() first.
void linearBf16(const float* x, int64_t n, const LinearWeights& w, float* y, bool accumulate, int64_t first,
                int64_t count);

/// C (m x n) (+)= A (m x k) · op(B) on bf16 inputs with float32 accumulation; op(B) = Bᵀ
/// with B stored n x k when transB, else B stored k x n. Leading dimensions in elements.
void gemmBf16(bool transB, int64_t m, int64_t n, int64_t k, const uint16_t* A, int64_t lda, const uint16_t* B,
              int64_t ldb, float* C, int64_t ldc, bool accumulate);

/// out[i] = bf16(in[i]) for n elements (parallel for large n).
void toBf16Array(const float* in, int64_t n, uint16_t* out);

/// True when bf16 products run in hardware (oneDNN with AVX512_BF16 or AMX).
bool bf16Accelerated();

}  // namespace axs::kernels
