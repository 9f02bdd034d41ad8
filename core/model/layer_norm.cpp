#include "model/layer_norm.hpp"

#include <cmath>

#include "model/parallel.hpp"

namespace axs::kernels {

void layerNorm(const float* x, float* y, int64_t n, int64_t dim, const LayerNormWeights& w) {
    const float* gamma = w.weight.data();
    const float* beta = w.bias.data();
#pragma omp parallel for schedule(static) if (worthParallel(n * dim))
    for (int64_t t = 0; t < n; ++t) {
        const float* in = x + t * dim;
        float* out = y + t * dim;
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
#pragma omp simd
        for (int64_t i = 0; i < dim; ++i) out[i] = (in[i] - m) * inv * gamma[i] + beta[i];
    }
}

}  // namespace axs::kernels
