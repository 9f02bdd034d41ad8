// The masked-language-model head (spec §5.8): logits = LN_lm(GELU(x·Wdᵀ + bd)) · Eᵀ + b,
// with E the tied token-embedding matrix.
#pragma once

#include <cstdint>

#include "model/block_context.hpp"
#include "model/weights.hpp"

namespace axs {

/// x: nTokens x D (after emb_layer_norm_after); logits: nTokens x 33.
void lmHead(const MsaTransformer::Weights& w, const float* x, int64_t nTokens, float* logits, const ForwardPlan& plan,
            RunContext& run);

}  // namespace axs
