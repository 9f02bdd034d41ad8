#include "model/row_attention.hpp"

#include <algorithm>
#include <cmath>

#include "model/attention_common.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"
#include "model/profile_timer.hpp"

namespace axs {

namespace {

/// logits[h][i][j] (+)= Σ over rows [r0, r0+rows) of q·k for every head: one block.
void accumulateLogits(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, int64_t r0, int64_t rows,
                      float scale, float* logits, bool accumulate, RunContext& run) {
    const int64_t C = dm.C, D = dm.D, H = dm.H, d = dm.d, n = rows * C;
    const size_t size = static_cast<size_t>(n * D);
    const kernels::Elem e = kernels::computeElem(run.precision);
    void* h = run.ws.getBytes(Slot::Normed, size, kernels::elemBytes(e));
    float* qk = run.ws.get(Slot::A, 3 * size);  // [0, 2 size): q | k per token; then kᵀ head-major
    void* kt = qk + 2 * size;
    void* qh = run.ws.getBytes(Slot::B, size, kernels::elemBytes(e));
    {
        const kernels::OpTimer timer(OpKind::LayerNorm);
        kernels::layerNorm(msa.x + r0 * C * D, h, e, n, D, w.norm);
    }
    {
        const kernels::OpTimer timer(OpKind::Projections, 4.0 * static_cast<double>(n * D * D));
        kernels::linear(h, e, n, w.qkv, qk, kernels::Elem::F32, kernels::Epilogue::Store, run.precision, 0, 2 * D);
    }
    const int64_t inner = rows * d;
    const uint8_t* pad = msa.hasPadding ? msa.pad + r0 * C : nullptr;
    {
        const kernels::OpTimer timer(run.precision == Precision::Bf16 ? OpKind::Conversions : OpKind::Copies);
        kernels::toHeadMajor({qk, kernels::Elem::F32, rows, C, 2 * D}, H, d, qh, e, scale, pad);
        kernels::toKeysTransposed({qk + D, kernels::Elem::F32, rows, C, 2 * D}, H, d, kt, e);
    }
    const kernels::OpTimer timer(OpKind::RowProducts, 2.0 * static_cast<double>(C * C * inner * H));
    kernels::batchedGemm(kernels::denseBatch(H, C, C, inner, qh, kt, e, logits, kernels::Elem::F32, accumulate));
}

/// x[rows r0..r0+rows) += (P · V) Woᵀ + bo: one block of the context computation.
/// probs: P (H x C x C) of the precision's compute type.
void applyAttention(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, int64_t r0, int64_t rows,
                    const void* probs, RunContext& run) {
    const int64_t C = dm.C, D = dm.D, H = dm.H, d = dm.d, n = rows * C;
    const size_t size = static_cast<size_t>(n * D);
    const kernels::Elem e = kernels::computeElem(run.precision);
    const size_t eb = static_cast<size_t>(kernels::elemBytes(e));
    void* h = run.ws.getBytes(Slot::Normed, size, eb);
    float* a = run.ws.get(Slot::A, 3 * size);  // v, then the head-major context at a + size
    void* v = a;
    void* oh = a + size;
    void* vh = run.ws.getBytes(Slot::B, size, eb);
    float* x = msa.x + r0 * C * D;
    {
        const kernels::OpTimer timer(OpKind::LayerNorm);
        kernels::layerNorm(x, h, e, n, D, w.norm);
    }
    const double projectionFlops = 2.0 * static_cast<double>(n * D * D);
    {
        const kernels::OpTimer timer(OpKind::Projections, projectionFlops);
        kernels::linear(h, e, n, w.qkv, v, e, kernels::Epilogue::Store, run.precision, 2 * D, D);
    }
    const int64_t inner = rows * d;
    {
        const kernels::OpTimer timer(OpKind::Copies);
        kernels::toHeadMajor({v, e, rows, C, D}, H, d, vh, e);
    }
    {
        const kernels::OpTimer timer(OpKind::RowProducts, 2.0 * static_cast<double>(C * C * inner * H));
        kernels::batchedGemm(kernels::denseBatch(H, C, inner, C, probs, vh, e, oh, e));
    }
    {
        const kernels::OpTimer timer(OpKind::Copies);
        kernels::fromHeadMajor(oh, e, rows, C, H, d, h, e);  // context, token-major
    }
    const kernels::OpTimer timer(OpKind::Projections, projectionFlops);
    kernels::linear(h, e, n, w.out, x, kernels::Elem::F32, kernels::Epilogue::Accumulate, run.precision);
}

/// logits[h][i][j] = −10000 for every key column j padded in `padRow` (spec §5.4 step 5).
void maskKeys(float* logits, const uint8_t* padRow, int64_t H, int64_t C) {
#pragma omp parallel for schedule(static) if (kernels::worthParallel(H * C * C))
    for (int64_t hi = 0; hi < H * C; ++hi) {
        float* row = logits + hi * C;
        for (int64_t j = 0; j < C; ++j)
            if (padRow[j]) row[j] = kernels::kMaskedLogit;
    }
}

}  // namespace

void rowAttentionBlock(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, const ForwardPlan& plan,
                       float* probs, RunContext& run) {
    const int64_t R = dm.R, C = dm.C, H = dm.H;
    // Scaling uses the padded depth R of the whole batch (spec §5.4 step 2), also per chunk.
    const float scale =
        static_cast<float>(std::pow(static_cast<double>(dm.d), -0.5) / std::sqrt(static_cast<double>(R)));
    const int64_t block = std::max<int64_t>(1, plan.rowBlock);

    if (plan.officialRowGroup > 0 && msa.hasPadding) {
        // Official chunked path with padding: each group's logits are masked with the first
        // row *of that group* and then summed (spec §5.6, the padded-batch quirk).
        float* group = run.ws.get(Slot::Scores, static_cast<size_t>(H * C * C));
        std::fill(probs, probs + H * C * C, 0.f);
        for (int64_t g0 = 0; g0 < R; g0 += plan.officialRowGroup) {
            const int64_t g1 = std::min(R, g0 + plan.officialRowGroup);
            for (int64_t r0 = g0; r0 < g1; r0 += block) {
                run.progress.throwIfCancelled();
                accumulateLogits(msa, dm, w, r0, std::min(block, g1 - r0), scale, group, r0 > g0, run);
            }
            const kernels::OpTimer timer(OpKind::Softmax);
            maskKeys(group, msa.pad + g0 * C, H, C);
            const int64_t total = H * C * C;
#pragma omp parallel for schedule(static) if (kernels::worthParallel(total))
            for (int64_t i = 0; i < total; ++i) probs[i] += group[i];
        }
    } else {
        // Unchunked semantics (and the chunked path without padding, which only differs by
        // summation order): one sum over all rows, masked with row 0.
        for (int64_t r0 = 0; r0 < R; r0 += block) {
            run.progress.throwIfCancelled();
            accumulateLogits(msa, dm, w, r0, std::min(block, R - r0), scale, probs, r0 > 0, run);
        }
        if (msa.hasPadding) {
            const kernels::OpTimer timer(OpKind::Softmax);
            maskKeys(probs, msa.pad, H, C);
        }
    }
    {
        const kernels::OpTimer timer(OpKind::Softmax);
        kernels::softmaxRows(probs, H * C, C);
    }

    const void* product = probs;  // P as the products read it
    if (run.precision == Precision::Bf16) {
        const kernels::OpTimer timer(OpKind::Conversions);
        auto* probsBf16 = run.ws.get<uint16_t>(Slot::Scores, static_cast<size_t>(H * C * C));
        kernels::toBf16Array(probs, H * C * C, probsBf16);
        product = probsBf16;
    }
    for (int64_t r0 = 0; r0 < R; r0 += block) {
        run.progress.throwIfCancelled();
        applyAttention(msa, dm, w, r0, std::min(block, R - r0), product, run);
    }
}

}  // namespace axs
