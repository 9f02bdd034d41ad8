#include "model/column_attention.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/attention_common.hpp"
#include "model/forward_plan.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"
#include "model/profile_timer.hpp"

namespace axs {

namespace {

/// x[r][c0..c0+cols) += block (R·cols x D, token (r, j) at row r·cols + j).
void scatterAdd(const float* block, int64_t R, int64_t C, int64_t D, int64_t c0, int64_t cols, float* x) {
#pragma omp parallel for schedule(static) if (kernels::worthParallel(R * cols * D))
    for (int64_t r = 0; r < R; ++r) {
        const float* src = block + r * cols * D;
        float* dst = x + (r * C + c0) * D;
#pragma omp simd
        for (int64_t i = 0; i < cols * D; ++i) dst[i] += src[i];
    }
}

/// Softmax over key rows of the scores of (head, column) pairs [b0, b0 + nb) (b = head·cols
/// + column in block), with padded key rows masked (spec §5.5); the probabilities are
/// copied to the capture and, in Bf16 precision, rounded into probsBf16.
void softmaxScores(float* scores, int64_t b0, int64_t nb, int64_t R, int64_t cols, int64_t c0, const MsaSlice& msa,
                   int64_t C, const ColumnCapture& capture, uint16_t* probsBf16) {
#pragma omp parallel for schedule(static) if (kernels::worthParallel(nb * R * R))
    for (int64_t bi = 0; bi < nb; ++bi) {
        const int64_t b = b0 + bi, hd = b / cols, c = c0 + b % cols;
        float* s = scores + bi * R * R;
        if (msa.hasPadding)
            for (int64_t j = 0; j < R; ++j)
                if (msa.pad[j * C + c])
                    for (int64_t i = 0; i < R; ++i) s[i * R + j] = kernels::kMaskedLogit;
        kernels::softmaxRows(s, R, R, /*serial=*/true);
        const int slot = capture.out ? capture.slotOfColumn[static_cast<size_t>(c)] : -1;
        if (slot >= 0)
            std::memcpy(capture.out + (hd * capture.slots + slot) * R * R, s,
                        sizeof(float) * static_cast<size_t>(R * R));
        if (probsBf16) {
            uint16_t* p = probsBf16 + bi * R * R;
#pragma omp simd
            for (int64_t i = 0; i < R * R; ++i) p[i] = kernels::toBf16(s[i]);
        }
    }
}

}  // namespace

void columnAttentionBlock(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, const ForwardPlan& plan,
                          const ColumnCapture& capture, RunContext& run) {
    const int64_t R = dm.R, C = dm.C, D = dm.D, H = dm.H, d = dm.d;
    const float scale = static_cast<float>(std::pow(static_cast<double>(d), -0.5));
    const int64_t block = std::max<int64_t>(1, std::min(plan.colBlock, C));
    const kernels::Elem e = kernels::computeElem(run.precision);
    const bool bf16 = e == kernels::Elem::Bf16;
    const size_t eb = static_cast<size_t>(kernels::elemBytes(e));
    // (head, column) pairs whose R x R scores are computed at once: about one block of
    // activations' worth of float32 scores, at least one pair.
    const int64_t pairsAtOnce = std::max<int64_t>(1, kBlockTokens * D / std::max<int64_t>(1, R * R));

    for (int64_t c0 = 0; c0 < C; c0 += block) {
        run.progress.throwIfCancelled();
        const int64_t cols = std::min(block, C - c0), n = R * cols;
        const size_t size = static_cast<size_t>(n * D);
        // Buffers: h (LayerNorm out, then q and the context head-major), qkv (then the context
        // token-major), kᵀ (then the output projection), v.
        void* h = run.ws.getBytes(Slot::Normed, size, eb);
        void* qkv = run.ws.getBytes(Slot::A, 3 * size, eb);
        void* kt = run.ws.getBytes(Slot::B, size, eb);
        void* vh = run.ws.getBytes(Slot::Hidden, size, eb);
        const double projectionFlops = 2.0 * static_cast<double>(n * D * D);
        {
            const kernels::OpTimer timer(OpKind::LayerNorm);
            kernels::layerNormColumns(msa.x, R, C, c0, cols, D, h, e, w.norm);
        }
        {
            const kernels::OpTimer timer(OpKind::Projections, 3 * projectionFlops);
            kernels::linear(h, e, n, w.qkv, qkv, e, kernels::Epilogue::Store, run.precision);
        }
        void* qh = h;  // h is free after the projection
        {
            const kernels::OpTimer timer(OpKind::Copies);
            const kernels::TokenBlock tokens{qkv, e, R, cols, 3 * D};
            kernels::toHeadMajor(tokens, H, d, qh, e, scale);
            kernels::toKeysTransposedPerColumn({static_cast<const char*>(qkv) + D * eb, e, R, cols, 3 * D}, H, d, kt,
                                               e);
            kernels::toHeadMajor({static_cast<const char*>(qkv) + 2 * D * eb, e, R, cols, 3 * D}, H, d, vh, e);
        }
        // Per (head, column) pair b = head·cols + column: S = Q Kᵀ (R x R), softmax, O = P V
        // (written over Q, which is not read again).
        const int64_t pairs = H * cols;
        const int64_t nbMax = std::min(pairs, pairsAtOnce);
        float* scores = run.ws.get(Slot::Scores, static_cast<size_t>(nbMax * R * R));
        uint16_t* probsBf16 = bf16 ? run.ws.get<uint16_t>(Slot::Probs, static_cast<size_t>(nbMax * R * R)) : nullptr;
        for (int64_t b0 = 0; b0 < pairs; b0 += nbMax) {
            const int64_t nb = std::min(nbMax, pairs - b0);
            const double productFlops = 2.0 * static_cast<double>(nb * R * R * d);
            char* q0 = static_cast<char*>(qh) + b0 * R * d * eb;
            {
                const kernels::OpTimer timer(OpKind::ColumnProducts, productFlops);
                kernels::batchedGemm(
                    kernels::denseBatch(nb, R, R, d, q0, static_cast<char*>(kt) + b0 * d * R * eb, e, scores));
            }
            {
                const kernels::OpTimer timer(OpKind::ColumnSoftmax);
                softmaxScores(scores, b0, nb, R, cols, c0, msa, C, capture, probsBf16);
            }
            const void* probs = bf16 ? static_cast<const void*>(probsBf16) : scores;
            const kernels::OpTimer timer(OpKind::ColumnProducts, productFlops);
            kernels::batchedGemm(
                kernels::denseBatch(nb, R, d, R, probs, static_cast<char*>(vh) + b0 * R * d * eb, e, q0, e));
        }
        void* context = qkv;  // token-major, free since the head-major copies
        {
            const kernels::OpTimer timer(OpKind::Copies);
            kernels::fromHeadMajor(qh, e, R, cols, H, d, context, e);
        }
        float* out = run.ws.get(Slot::B, size);  // kᵀ is not needed any more
        {
            const kernels::OpTimer timer(OpKind::Projections, projectionFlops);
            kernels::linear(context, e, n, w.out, out, kernels::Elem::F32, kernels::Epilogue::Store, run.precision);
        }
        const kernels::OpTimer timer(OpKind::Copies);
        scatterAdd(out, R, C, D, c0, cols, msa.x);
    }
}

}  // namespace axs
