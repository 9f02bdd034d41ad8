// LayerNorm over the last axis (spec §4): y = (x − mean) / sqrt(var + 1e-5) · w + b, biased
// variance. Mean and variance are accumulated in double so the result does not depend on
// the summation order; the output is rounded once, to float32 or (Bf16 precision, where it
// feeds a product) to bfloat16.
#pragma once

#include <cstdint>

#include "model/gemm.hpp"
#include "model/weights.hpp"

namespace axs::kernels {

inline constexpr double kLayerNormEps = 1e-5;

/// x, y: n x dim, contiguous; y may equal x (in place).
void layerNorm(const float* x, float* y, int64_t n, int64_t dim, const LayerNormWeights& w);

/// y (n x dim, contiguous, of yType) = LayerNorm of the n rows of x (n x dim, contiguous).
void layerNorm(const float* x, void* y, Elem yType, int64_t n, int64_t dim, const LayerNormWeights& w);

/// The columns [c0, c0 + cols) of x (R x C tokens of dim values): y row r·cols + j (of yType,
/// contiguous) = LayerNorm of token (r, c0 + j). Column attention's gather, fused.
void layerNormColumns(const float* x, int64_t R, int64_t C, int64_t c0, int64_t cols, int64_t dim, void* y, Elem yType,
                      const LayerNormWeights& w);

}  // namespace axs::kernels
