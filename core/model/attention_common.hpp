// Pieces shared by row and column attention: softmax and the re-layouts between token-major
// activations and the per-head matrices the batched products read.
//
// Token-major activations of a block are I x J tokens (token (i, j) at row i·J + j, `ld`
// elements apart, head h's d values at h·d): row attention has i = MSA row, j = column;
// column attention a block of columns, i = MSA row, j = column in the block.
#pragma once

#include <cstdint>

#include "model/gemm.hpp"

namespace axs::kernels {

/// The masking constant of the reference (spec §5.9): masked logits become −10000, not −∞.
inline constexpr float kMaskedLogit = -10000.f;

/// In-place softmax of each of `rows` contiguous rows of length `cols` (max-subtracted).
/// Runs in parallel over rows unless `serial` (call with serial=true inside a parallel loop).
void softmaxRows(float* x, int64_t rows, int64_t cols, bool serial = false);

/// A token-major block as read by the re-layouts: I x J tokens of `type`, `ld` elements
/// between tokens, the first value of head 0 at `data`.
struct TokenBlock {
    const void* data = nullptr;
    Elem type = Elem::F32;
    int64_t I = 0, J = 0, ld = 0;
};

/// out[h][j][i][t] = in(i, j)[h·d + t] · scale: per head and j an I x d matrix (spec §5.4
/// step 4: tied row attention multiplies these over all rows at once). Tokens with
/// pad[i·J + j] set become 0 (the query scaling and pad zeroing of spec §5.4 steps 2–3).
void toHeadMajor(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType, float scale = 1.f,
                 const uint8_t* pad = nullptr);

/// out[h][i·d + t][j] = in(i, j)[h·d + t]: per head the (I·d) x J matrix Kᵀ of tied row
/// attention (the right-hand operand of Q·Kᵀ, stored the way the products read fastest).
void toKeysTransposed(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType);

/// out[h][j][t][i] = in(i, j)[h·d + t]: per head and j the d x I matrix Kᵀ of column attention.
void toKeysTransposedPerColumn(const TokenBlock& in, int64_t H, int64_t d, void* out, Elem outType);

/// Inverse of toHeadMajor without scale: out (I·J tokens x H·d, contiguous, of outType)
/// from in[h][j][i][t] of inType.
void fromHeadMajor(const void* in, Elem inType, int64_t I, int64_t J, int64_t H, int64_t d, void* out, Elem outType);

}  // namespace axs::kernels
