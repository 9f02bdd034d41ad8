// Column attention (spec §5.5) as a residual block: x += ColumnAttention(LayerNorm_col(x)).
// Columns are independent, so processing them in blocks (the official chunked path
// included) does not change the result.
#pragma once

#include <vector>

#include "model/block_context.hpp"
#include "model/weights.hpp"

namespace axs {

/// Where to store column-attention probabilities, or nothing.
struct ColumnCapture {
    float* out = nullptr;           ///< H x C' x R x R ([head][slot][query row][key row]) or nullptr
    std::vector<int> slotOfColumn;  ///< per column c (size C): its slot in `out`, or -1
    int64_t slots = 0;              ///< C'
};

void columnAttentionBlock(const MsaSlice& msa, const MsaDims& dims, const AttentionWeights& w, const ForwardPlan& plan,
                          const ColumnCapture& capture, RunContext& run);

}  // namespace axs
