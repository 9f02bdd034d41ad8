// Matrix products of the forward pass. All matrices are row-major float32 with explicit
// leading dimensions (elements between consecutive rows). One place decides which GEMM
// implementation and precision runs.
#pragma once

#include <cstdint>

#include "model/msa_transformer.hpp"
#include "model/weights.hpp"

namespace axs::kernels {

/// C (m x n) = A (m x k) · Bᵀ, B stored n x k. accumulate: C += instead of C =.
void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate = false);

/// C (m x n) = A (m x k) · B, B stored k x n. accumulate: C += instead of C =.
void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate = false);

/// The float32 GEMM library in use ("OpenBLAS" or "oneDNN"; chosen on first use).
const char* gemmBackendName();

/// y (n x count) = x (n x in) · W[first .. first+count)ᵀ + b[first .. first+count): the
/// output rows [first, first + count) of the layer (all of them by default). x and y are
/// contiguous and must not overlap.
void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision, int64_t first = 0,
            int64_t count = -1);

/// y (n x out) += x (n x in) · Wᵀ + b (a residual connection fused into the product).
void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision);

}  // namespace axs::kernels
