// The feed-forward residual block (spec §5.7) and the exact (erf) GELU.
#pragma once

#include <cstdint>

#include "model/block_context.hpp"
#include "model/weights.hpp"

namespace axs {

namespace kernels {
/// In place: z · ½ · (1 + erf(z / √2)), vectorised erf accurate to a few ulp.
void geluInPlace(float* z, int64_t n);
}  // namespace kernels

/// x (nTokens x D) += fc2(GELU(fc1(LayerNorm_ffn(x)))), in blocks of plan.tokenBlock tokens.
void feedForwardBlock(float* x, int64_t nTokens, const MsaDims& dims, const LayerWeights& w, const ForwardPlan& plan,
                      RunContext& run);

}  // namespace axs
