// How one forward pass is cut into blocks: the official chunked semantics (spec §5.6) when
// R·C exceeds the threshold, and memory blocks that bound the working set (exact either way).
#pragma once

#include <cstdint>

#include "model/block_context.hpp"

namespace axs {

/// Tokens per memory block: every working buffer holds at most kBlockTokens x D floats
/// (the FFN hidden layer kBlockTokens / 2 x F). Large enough for full GEMM speed.
inline constexpr int64_t kBlockTokens = 4096;

/// threshold: max_tokens_per_msa in effect (checkpoint args or ForwardOptions override).
ForwardPlan makeForwardPlan(int64_t R, int64_t C, int64_t threshold);

}  // namespace axs
