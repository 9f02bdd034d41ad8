// LayerNorm over the last axis (spec §4): y = (x − mean) / sqrt(var + 1e-5) · w + b, biased
// variance. Mean and variance are accumulated in double so the result does not depend on
// the summation order.
#pragma once

#include <cstdint>

#include "model/weights.hpp"

namespace axs::kernels {

inline constexpr double kLayerNormEps = 1e-5;

/// x, y: n x dim, contiguous; y may equal x (in place).
void layerNorm(const float* x, float* y, int64_t n, int64_t dim, const LayerNormWeights& w);

}  // namespace axs::kernels
