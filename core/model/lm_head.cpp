#include "model/lm_head.hpp"

#include <algorithm>

#include "model/feed_forward.hpp"
#include "model/gemm.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"

namespace axs {

void lmHead(const MsaTransformer::Weights& w, const float* x, int64_t nTokens, float* logits, const ForwardPlan& plan,
            RunContext& run) {
    const int64_t D = w.config.embedDim;
    const int64_t block = std::max<int64_t>(1, plan.tokenBlock);
    for (int64_t t0 = 0; t0 < nTokens; t0 += block) {
        run.progress.throwIfCancelled();
        const int64_t n = std::min(block, nTokens - t0);
        float* z = run.ws.get(Slot::Normed, static_cast<size_t>(n * D));
        kernels::linear(x + t0 * D, kernels::Elem::F32, n, w.lmDense, z, kernels::Elem::F32, kernels::Epilogue::Gelu,
                        run.precision);
        kernels::layerNorm(z, z, n, D, w.lmNorm);
        // The output projection is small (V = 33) and stays float32 in every precision.
        float* out = logits + t0 * kVocabSize;
        kernels::gemmNT(n, kVocabSize, D, z, D, w.embedTokens.data(), D, out, kVocabSize);
#pragma omp parallel for schedule(static) if (kernels::worthParallel(n * kVocabSize))
        for (int64_t t = 0; t < n; ++t)
            for (int64_t i = 0; i < kVocabSize; ++i) out[t * kVocabSize + i] += w.lmBias[static_cast<size_t>(i)];
    }
}

}  // namespace axs
