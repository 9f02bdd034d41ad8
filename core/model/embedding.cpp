#include "model/embedding.hpp"

#include <algorithm>

#include "model/layer_norm.hpp"
#include "model/parallel.hpp"

namespace axs {

void embedMsa(const MsaTransformer::Weights& w, const int64_t* tokens, int64_t R, int64_t C, float* x, uint8_t* pad) {
    const int64_t D = w.config.embedDim;
    const int64_t E = w.config.rowEmbeddingWidth;
#pragma omp parallel for schedule(static) if (kernels::worthParallel(R * C * D))
    for (int64_t r = 0; r < R; ++r) {
        // Learned positions (spec §5.2 step 2): cumulative count of non-pad tokens along the
        // row, times the non-pad indicator, plus the padding index 1.
        int64_t count = 0;
        for (int64_t c = 0; c < C; ++c) {
            const int64_t tok = tokens[r * C + c];
            const bool isPad = tok == kPaddingIdx;
            pad[r * C + c] = isPad ? 1 : 0;
            if (!isPad) ++count;
            const int64_t pos = isPad ? kPaddingIdx : count + kPaddingIdx;
            const float* te = w.embedTokens.data() + tok * D;
            const float* pe = w.embedPositions.data() + pos * D;
            float* out = x + (r * C + c) * D;
            for (int64_t i = 0; i < D; ++i) out[i] = te[i] + pe[i];
            if (E == 1) {
                const float m = w.msaPositions[static_cast<size_t>(r)];
                for (int64_t i = 0; i < D; ++i) out[i] += m;
            } else if (E == D) {
                const float* me = w.msaPositions.data() + r * D;
                for (int64_t i = 0; i < D; ++i) out[i] += me[i];
            }
        }
    }
    kernels::layerNorm(x, x, R * C, D, w.embNormBefore);
#pragma omp parallel for schedule(static) if (kernels::worthParallel(R * C * D))
    for (int64_t t = 0; t < R * C; ++t)
        if (pad[t]) std::fill(x + t * D, x + (t + 1) * D, 0.f);
}

}  // namespace axs
