#include "model/layer_norm.hpp"

#include <cmath>
#include <type_traits>

#include "model/gemm_bf16.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

namespace {

template <class Out>
void normRow(const float* in, Out* out, int64_t dim, const float* gamma, const float* beta) {
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (int64_t i = 0; i < dim; ++i) sum += in[i];
    const double mean = sum / static_cast<double>(dim);
    double sq = 0.0;
#pragma omp simd reduction(+ : sq)
    for (int64_t i = 0; i < dim; ++i) {
        const double dv = in[i] - mean;
        sq += dv * dv;
    }
    const double var = sq / static_cast<double>(dim);
    const float inv = static_cast<float>(1.0 / std::sqrt(var + kLayerNormEps));
    const float m = static_cast<float>(mean);
    if constexpr (std::is_same_v<Out, float>) {
#pragma omp simd
        for (int64_t i = 0; i < dim; ++i) out[i] = (in[i] - m) * inv * gamma[i] + beta[i];
    } else {
#pragma omp simd
        for (int64_t i = 0; i < dim; ++i) out[i] = toBf16((in[i] - m) * inv * gamma[i] + beta[i]);
    }
}

/// y row t = LayerNorm(x + source(t)) for t < n.
template <class Source>
void normRows(const float* x, void* y, Elem yType, int64_t n, int64_t dim, const LayerNormWeights& w, Source source) {
    const float* gamma = w.weight.data();
    const float* beta = w.bias.data();
    if (yType == Elem::F32) {
        auto* out = static_cast<float*>(y);
#pragma omp parallel for schedule(static) if (worthParallel(n * dim))
        for (int64_t t = 0; t < n; ++t) normRow(x + source(t), out + t * dim, dim, gamma, beta);
    } else {
        auto* out = static_cast<uint16_t*>(y);
#pragma omp parallel for schedule(static) if (worthParallel(n * dim))
        for (int64_t t = 0; t < n; ++t) normRow(x + source(t), out + t * dim, dim, gamma, beta);
    }
}

}  // namespace

void layerNorm(const float* x, float* y, int64_t n, int64_t dim, const LayerNormWeights& w) {
    layerNorm(x, y, Elem::F32, n, dim, w);
}

void layerNorm(const float* x, void* y, Elem yType, int64_t n, int64_t dim, const LayerNormWeights& w) {
    normRows(x, y, yType, n, dim, w, [dim](int64_t t) { return t * dim; });
}

void layerNormColumns(const float* x, int64_t R, int64_t C, int64_t c0, int64_t cols, int64_t dim, void* y, Elem yType,
                      const LayerNormWeights& w) {
    normRows(x, y, yType, R * cols, dim, w, [=](int64_t t) { return ((t / cols) * C + c0 + t % cols) * dim; });
}

}  // namespace axs::kernels
