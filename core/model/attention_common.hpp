// Pieces shared by row and column attention: softmax and the head-major re-layout.
#pragma once

#include <cstdint>

namespace axs::kernels {

/// The masking constant of the reference (spec §5.9): masked logits become −10000, not −∞.
inline constexpr float kMaskedLogit = -10000.f;

/// In-place softmax of each of `rows` contiguous rows of length `cols` (max-subtracted).
/// Runs in parallel over rows unless `serial` (call with serial=true inside a parallel loop).
void softmaxRows(float* x, int64_t rows, int64_t cols, bool serial = false);

/// [rows][C][H][d]  →  [H][C][rows][d]: per head a C x (rows·d) matrix whose row c holds
/// column c of every row, so tied row attention is one GEMM per head (spec §5.4 step 4).
/// With `scale`, every element is multiplied by it, and tokens with pad[r·C + c] set become 0
/// (the query scaling and pad zeroing of spec §5.4 steps 2–3, fused into the copy).
/// `ld`: floats between consecutive tokens of `in` (H·d when 0), so q, k or v can be read out
/// of a stacked q|k|v projection.
void toHeadMajor(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, float* out, float scale = 1.f,
                 const uint8_t* pad = nullptr, int64_t ld = 0);

/// toHeadMajor writing bfloat16 (for the Bf16 precision's attention products).
void toHeadMajorBf16(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, uint16_t* out, float scale = 1.f,
                     const uint8_t* pad = nullptr, int64_t ld = 0);

/// Inverse of toHeadMajor.
void fromHeadMajor(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, float* out);

}  // namespace axs::kernels
