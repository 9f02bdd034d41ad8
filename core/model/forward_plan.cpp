#include "model/forward_plan.hpp"

#include <algorithm>

namespace axs {

ForwardPlan makeForwardPlan(int64_t R, int64_t C, int64_t threshold) {
    ForwardPlan p;
    // The official code chunks only when R·C > max_tokens_per_msa (spec §5.6).
    p.officialRowGroup = (R * C > threshold) ? std::max<int64_t>(1, threshold / C) : 0;
    p.rowBlock = std::clamp<int64_t>(kBlockTokens / std::max<int64_t>(1, C), 1, R);
    p.colBlock = std::clamp<int64_t>(kBlockTokens / std::max<int64_t>(1, R), 1, C);
    p.tokenBlock = std::clamp<int64_t>(kBlockTokens / 2, 1, R * C);
    return p;
}

}  // namespace axs
