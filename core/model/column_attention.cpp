#include "model/column_attention.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "model/attention_common.hpp"
#include "model/gemm.hpp"
#include "model/layer_norm.hpp"
#include "model/parallel.hpp"

namespace axs {

namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using StridedConst = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;
using Strided = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;

/// Copies x[r][c0..c0+cols) for every row into a contiguous (R·cols) x D block.
void gather(const float* x, int64_t R, int64_t C, int64_t D, int64_t c0, int64_t cols, float* out) {
#pragma omp parallel for schedule(static) if (kernels::worthParallel(R * cols * D))
    for (int64_t r = 0; r < R; ++r)
        std::memcpy(out + r * cols * D, x + (r * C + c0) * D, sizeof(float) * static_cast<size_t>(cols * D));
}

/// x[r][c0..c0+cols) += block.
void scatterAdd(const float* block, int64_t R, int64_t C, int64_t D, int64_t c0, int64_t cols, float* x) {
#pragma omp parallel for schedule(static) if (kernels::worthParallel(R * cols * D))
    for (int64_t r = 0; r < R; ++r) {
        const float* src = block + r * cols * D;
        float* dst = x + (r * C + c0) * D;
        for (int64_t i = 0; i < cols * D; ++i) dst[i] += src[i];
    }
}

}  // namespace

void columnAttentionBlock(const MsaSlice& msa, const MsaDims& dm, const AttentionWeights& w, const ForwardPlan& plan,
                          const ColumnCapture& capture, RunContext& run) {
    const int64_t R = dm.R, C = dm.C, D = dm.D, H = dm.H, d = dm.d;
    const float scale = static_cast<float>(std::pow(static_cast<double>(d), -0.5));
    const int64_t block = std::max<int64_t>(1, std::min(plan.colBlock, C));

    for (int64_t c0 = 0; c0 < C; c0 += block) {
        run.progress.throwIfCancelled();
        const int64_t cols = std::min(block, C - c0), n = R * cols, ld = cols * D;
        const size_t size = static_cast<size_t>(n * D);
        float* h = run.ws.get(Slot::Normed, size);
        float* qkv = run.ws.get(Slot::A, 3 * size);  // n x 3D: q | k | v per token
        const float* q = qkv;
        const float* k = qkv + D;
        const float* v = qkv + 2 * D;
        const int64_t ldqkv = cols * 3 * D;  // between rows of one column's q (k, v)
        gather(msa.x, R, C, D, c0, cols, h);
        kernels::layerNorm(h, h, n, D, w.norm);
        kernels::linear(h, n, w.qkv, qkv, run.precision);
        // The context (per column and head an R x d slice) goes into h, which is free now.
#pragma omp parallel if (kernels::worthParallel(cols * H * R * (R + d)))
        {
            std::vector<float> scores(static_cast<size_t>(R * R));
#pragma omp for collapse(2) schedule(static)
            for (int64_t cl = 0; cl < cols; ++cl)
                for (int64_t hd = 0; hd < H; ++hd) {
                    const int64_t in = cl * 3 * D + hd * d, off = cl * D + hd * d;
                    const StridedConst qm(q + in, R, d, Eigen::OuterStride<>(ldqkv));
                    const StridedConst km(k + in, R, d, Eigen::OuterStride<>(ldqkv));
                    const StridedConst vm(v + in, R, d, Eigen::OuterStride<>(ldqkv));
                    Eigen::Map<RowMat> s(scores.data(), R, R);
                    s.noalias() = (qm * scale) * km.transpose();
                    if (msa.hasPadding) {
                        const int64_t c = c0 + cl;
                        for (int64_t j = 0; j < R; ++j)
                            if (msa.pad[j * C + c]) s.col(j).setConstant(kernels::kMaskedLogit);
                    }
                    kernels::softmaxRows(scores.data(), R, R, /*serial=*/true);
                    const int slot = capture.out ? capture.slotOfColumn[static_cast<size_t>(c0 + cl)] : -1;
                    if (slot >= 0)
                        std::memcpy(capture.out + (hd * capture.slots + slot) * R * R, scores.data(),
                                    sizeof(float) * static_cast<size_t>(R * R));
                    Strided o(h + off, R, d, Eigen::OuterStride<>(ld));
                    o.noalias() = s * vm;
                }
        }
        float* out = run.ws.get(Slot::B, size);
        kernels::linear(h, n, w.out, out, run.precision);
        scatterAdd(out, R, C, D, c0, cols, msa.x);
    }
}

}  // namespace axs
