#include "model/feed_forward.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <unsupported/Eigen/SpecialFunctions>

#include "model/gemm.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"
#include "model/profile_timer.hpp"

namespace axs {

namespace kernels {

void geluInPlace(float* z, int64_t n) {
    constexpr int64_t kChunk = 4096;
    const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (worthParallel(n))
    for (int64_t ci = 0; ci < chunks; ++ci) {
        const int64_t b = ci * kChunk, len = std::min(kChunk, n - b);
        Eigen::Map<Eigen::ArrayXf> a(z + b, len);
        a = a * 0.5f * (1.0f + (a / static_cast<float>(M_SQRT2)).erf());
    }
}

}  // namespace kernels

void feedForwardBlock(float* x, int64_t nTokens, const MsaDims& dm, const LayerWeights& w, const ForwardPlan& plan,
                      RunContext& run) {
    const int64_t D = dm.D, F = dm.F;
    const int64_t block = std::max<int64_t>(1, plan.tokenBlock);
    const kernels::Elem e = kernels::computeElem(run.precision);
    const size_t eb = static_cast<size_t>(kernels::elemBytes(e));
    for (int64_t t0 = 0; t0 < nTokens; t0 += block) {
        run.progress.throwIfCancelled();
        const int64_t n = std::min(block, nTokens - t0);
        void* h = run.ws.getBytes(Slot::Normed, static_cast<size_t>(n * D), eb);
        void* hidden = run.ws.getBytes(Slot::Hidden, static_cast<size_t>(n * F), eb);
        const double flops = 2.0 * static_cast<double>(n * D * F);
        {
            const kernels::OpTimer timer(OpKind::LayerNorm);
            kernels::layerNorm(x + t0 * D, h, e, n, D, w.ffnNorm);
        }
        {
            // GELU is applied to the float32 sums inside the product, before any rounding.
            const kernels::OpTimer timer(OpKind::FeedForward, flops);
            kernels::linear(h, e, n, w.fc1, hidden, e, kernels::Epilogue::Gelu, run.precision);
        }
        const kernels::OpTimer timer(OpKind::FeedForward, flops);
        kernels::linear(hidden, e, n, w.fc2, x + t0 * D, kernels::Elem::F32, kernels::Epilogue::Accumulate,
                        run.precision);
    }
}

}  // namespace axs
