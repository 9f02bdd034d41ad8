#include "model/gemm.hpp"

#include <Eigen/Core>

#include "common/error.hpp"

namespace axs::kernels {

namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;
using MutMap = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;

void addBias(float* y, int64_t n, const LinearWeights& w) {
    const float* b = w.bias.data();
    const int64_t out = w.out;
#pragma omp parallel for schedule(static)
    for (int64_t t = 0; t < n; ++t) {
        float* row = y + t * out;
        for (int64_t i = 0; i < out; ++i) row[i] += b[i];
    }
}

void requireFp32(Precision p) {
    if (p != Precision::Fp32) throw Error("bf16 precision is not available yet");
}

}  // namespace

void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    const ConstMap a(A, m, k, Eigen::OuterStride<>(lda));
    const ConstMap b(B, n, k, Eigen::OuterStride<>(ldb));
    MutMap c(C, m, n, Eigen::OuterStride<>(ldc));
    if (accumulate)
        c.noalias() += a * b.transpose();
    else
        c.noalias() = a * b.transpose();
}

void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate) {
    const ConstMap a(A, m, k, Eigen::OuterStride<>(lda));
    const ConstMap b(B, k, n, Eigen::OuterStride<>(ldb));
    MutMap c(C, m, n, Eigen::OuterStride<>(ldc));
    if (accumulate)
        c.noalias() += a * b;
    else
        c.noalias() = a * b;
}

void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    requireFp32(precision);
    gemmNT(n, w.out, w.in, x, w.in, w.weight.data(), w.in, y, w.out, false);
    addBias(y, n, w);
}

void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision) {
    requireFp32(precision);
    gemmNT(n, w.out, w.in, x, w.in, w.weight.data(), w.in, y, w.out, true);
    addBias(y, n, w);
}

}  // namespace axs::kernels
