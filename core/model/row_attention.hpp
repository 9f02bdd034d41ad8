// Tied row attention (spec §5.4) and its chunked variant (spec §5.6), as a residual block:
// x += RowAttention(LayerNorm_row(x)).
#pragma once

#include "model/block_context.hpp"
#include "model/weights.hpp"

namespace axs {

/// Updates msa.x in place and writes the attention probabilities P (H x C x C,
/// [head][query column][key column], rows sum to 1) to `probs`, which must hold H·C·C floats.
void rowAttentionBlock(const MsaSlice& msa, const MsaDims& dims, const AttentionWeights& w, const ForwardPlan& plan,
                       float* probs, RunContext& run);

}  // namespace axs
