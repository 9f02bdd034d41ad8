#include "model/attention_common.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "model/gemm_bf16.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

namespace {

void softmaxRow(float* p, int64_t cols) {
    Eigen::Map<Eigen::ArrayXf> row(p, cols);
    const float mx = row.maxCoeff();
    row = (row - mx).exp();
    const float sum = row.sum();
    row /= sum;
}

}  // namespace

void softmaxRows(float* x, int64_t rows, int64_t cols, bool serial) {
    if (cols <= 0) return;
    if (serial) {
        for (int64_t r = 0; r < rows; ++r) softmaxRow(x + r * cols, cols);
        return;
    }
#pragma omp parallel for schedule(static) if (worthParallel(rows * cols))
    for (int64_t r = 0; r < rows; ++r) softmaxRow(x + r * cols, cols);
}

namespace {

/// The re-layout of toHeadMajor for float or bfloat16 output: one loop nest for both, so
/// the exact and the fast precision read q, k and v the same way.
template <class Out>
void toHeadMajorAs(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, Out* out, float scale,
                   const uint8_t* pad, int64_t ld) {
    const int64_t D = H * d;
    if (ld == 0) ld = D;
    const bool plainCopy = scale == 1.f && pad == nullptr;
#pragma omp parallel for collapse(2) schedule(static) if (worthParallel(rows * C * D))
    for (int64_t h = 0; h < H; ++h)
        for (int64_t c = 0; c < C; ++c) {
            Out* dst = out + (h * C + c) * rows * d;
            for (int64_t r = 0; r < rows; ++r) {
                const float* src = in + (r * C + c) * ld + h * d;
                const float f = (pad && pad[r * C + c]) ? 0.f : scale;
                if constexpr (std::is_same_v<Out, float>) {
                    if (plainCopy) {
                        std::memcpy(dst + r * d, src, sizeof(float) * static_cast<size_t>(d));
                        continue;
                    }
#pragma omp simd
                    for (int64_t t = 0; t < d; ++t) dst[r * d + t] = src[t] * f;
                } else {
#pragma omp simd
                    for (int64_t t = 0; t < d; ++t) dst[r * d + t] = toBf16(src[t] * f);
                }
            }
        }
}

}  // namespace

void toHeadMajor(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, float* out, float scale,
                 const uint8_t* pad, int64_t ld) {
    toHeadMajorAs(in, rows, C, H, d, out, scale, pad, ld);
}

void toHeadMajorBf16(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, uint16_t* out, float scale,
                     const uint8_t* pad, int64_t ld) {
    toHeadMajorAs(in, rows, C, H, d, out, scale, pad, ld);
}

void fromHeadMajor(const float* in, int64_t rows, int64_t C, int64_t H, int64_t d, float* out) {
    const int64_t D = H * d;
#pragma omp parallel for collapse(2) schedule(static) if (worthParallel(rows * C * D))
    for (int64_t h = 0; h < H; ++h)
        for (int64_t c = 0; c < C; ++c) {
            const float* src = in + (h * C + c) * rows * d;
            for (int64_t r = 0; r < rows; ++r)
                std::memcpy(out + (r * C + c) * D + h * d, src + r * d, sizeof(float) * static_cast<size_t>(d));
        }
}

}  // namespace axs::kernels
