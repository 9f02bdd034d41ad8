#include "model/row_attention.hpp"

#include <algorithm>
#include <cmath>

#include "model/attention_common.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"

namespace axs {

namespace {

/// logits[h][i][j] (+)= Σ over rows [r0, r0+rows) of q·k for every head: one block.
void accumulateLogits(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, int64_t r0, int64_t rows,
                      float scale, float* logits, bool accumulate, RunContext& run) {
    const int64_t C = dm.C, D = dm.D, H = dm.H, d = dm.d, n = rows * C;
    const size_t size = static_cast<size_t>(n * D);
    float* h = run.ws.get(Slot::Normed, size);
    float* qk = run.ws.get(Slot::A, 3 * size);  // [0, 2 size): q | k per token; then k head-major
    float* kh = qk + 2 * size;
    float* qh = run.ws.get(Slot::B, size);
    kernels::layerNorm(msa.x + r0 * C * D, h, n, D, w.norm);
    kernels::linear(h, n, w.qkv, qk, run.precision, 0, 2 * D);
    const int64_t inner = rows * d;
    const uint8_t* pad = msa.hasPadding ? msa.pad + r0 * C : nullptr;
    if (run.precision == Precision::Bf16) {
        // bf16 copies fit into the float buffers they replace.
        auto* qb = reinterpret_cast<uint16_t*>(qh);
        auto* kb = reinterpret_cast<uint16_t*>(kh);
        kernels::toHeadMajorBf16(qk, rows, C, H, d, qb, scale, pad, 2 * D);
        kernels::toHeadMajorBf16(qk + D, rows, C, H, d, kb, 1.f, nullptr, 2 * D);
        for (int64_t hd = 0; hd < H; ++hd)
            kernels::gemmBf16(true, C, C, inner, qb + hd * C * inner, inner, kb + hd * C * inner, inner,
                              logits + hd * C * C, C, accumulate);
        return;
    }
    kernels::toHeadMajor(qk, rows, C, H, d, qh, scale, pad, 2 * D);
    kernels::toHeadMajor(qk + D, rows, C, H, d, kh, 1.f, nullptr, 2 * D);
    for (int64_t hd = 0; hd < H; ++hd)
        kernels::gemmNT(C, C, inner, qh + hd * C * inner, inner, kh + hd * C * inner, inner, logits + hd * C * C, C,
                        accumulate);
}

/// x[rows r0..r0+rows) += (P · V) Woᵀ + bo: one block of the context computation.
/// probsBf16: P rounded to bfloat16 (Bf16 precision only, else nullptr).
void applyAttention(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, int64_t r0, int64_t rows,
                    const float* probs, const uint16_t* probsBf16, RunContext& run) {
    const int64_t C = dm.C, D = dm.D, H = dm.H, d = dm.d, n = rows * C;
    const size_t size = static_cast<size_t>(n * D);
    float* h = run.ws.get(Slot::Normed, size);
    float* a = run.ws.get(Slot::A, 3 * size);  // v, then the head-major context at a + size
    float* b = run.ws.get(Slot::B, size);
    float* x = msa.x + r0 * C * D;
    kernels::layerNorm(x, h, n, D, w.norm);
    kernels::linear(h, n, w.qkv, a, run.precision, 2 * D, D);
    const int64_t inner = rows * d;
    float* oh = a + size;
    if (probsBf16) {
        auto* vb = reinterpret_cast<uint16_t*>(b);  // bf16 fits into the float buffer
        kernels::toHeadMajorBf16(a, rows, C, H, d, vb);
        for (int64_t hd = 0; hd < H; ++hd)
            kernels::gemmBf16(false, C, inner, C, probsBf16 + hd * C * C, C, vb + hd * C * inner, inner,
                              oh + hd * C * inner, inner, false);
    } else {
        kernels::toHeadMajor(a, rows, C, H, d, b);  // v, head-major
        for (int64_t hd = 0; hd < H; ++hd)
            kernels::gemmNN(C, inner, C, probs + hd * C * C, C, b + hd * C * inner, inner, oh + hd * C * inner, inner);
    }
    kernels::fromHeadMajor(oh, rows, C, H, d, h);  // context, token-major
    kernels::linearAccumulate(h, n, w.out, x, run.precision);
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
        if (msa.hasPadding) maskKeys(probs, msa.pad, H, C);
    }
    kernels::softmaxRows(probs, H * C, C);

    uint16_t* probsBf16 = nullptr;
    if (run.precision == Precision::Bf16) {
        probsBf16 = reinterpret_cast<uint16_t*>(run.ws.get(Slot::Scores, static_cast<size_t>(H * C * C)));
        kernels::toBf16Array(probs, H * C * C, probsBf16);
    }
    for (int64_t r0 = 0; r0 < R; r0 += block) {
        run.progress.throwIfCancelled();
        applyAttention(msa, dm, w, r0, std::min(block, R - r0), probs, probsBf16, run);
    }
}

}  // namespace axs
