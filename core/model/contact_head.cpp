#include "model/contact_head.hpp"

#include <cmath>

#include "common/error.hpp"
#include "model/parallel.hpp"

namespace axs {

void symmetrizeApc(const float* a, int64_t T, int64_t lda, float* out) {
    std::vector<double> rowsum(static_cast<size_t>(T), 0.0);
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < T; ++j) {
            const float s = a[i * lda + j] + a[j * lda + i];
            out[i * T + j] = s;
            rowsum[static_cast<size_t>(i)] += s;
        }
    // S is exactly symmetric (float addition commutes), so column sums equal row sums.
    double total = 0.0;
    for (double r : rowsum) total += r;
    if (total == 0.0) return;
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < T; ++j)
            out[i * T + j] = static_cast<float>(out[i * T + j] - rowsum[static_cast<size_t>(i)] *
                                                                     rowsum[static_cast<size_t>(j)] / total);
}

TensorF symmetrizeApc(const TensorF& map) {
    if (map.rank() != 2 || map.shape[0] != map.shape[1])
        throw Error("symmetrizeApc needs a square T x T map, got " + map.shapeString());
    TensorF out({map.shape[0], map.shape[0]});
    symmetrizeApc(map.ptr(), map.shape[0], map.shape[0], out.ptr());
    return out;
}

ContactAccumulator::ContactAccumulator(int64_t T, int64_t heads, const std::vector<float>& weights, float bias)
    : T_(T),
      heads_(heads),
      weights_(weights),
      bias_(bias),
      sum_(static_cast<size_t>(T * T), 0.0),
      scratch_(static_cast<size_t>(heads * T * T)) {}

void ContactAccumulator::addLayer(int layer, const float* probs) {
    const int64_t C = T_ + 1, T = T_;
#pragma omp parallel for schedule(dynamic) if (kernels::worthParallel(heads_ * T * T))
    for (int64_t h = 0; h < heads_; ++h) {
        if (weights_[static_cast<size_t>(layer * heads_ + h)] == 0.f) continue;  // most real weights are 0
        // Drop the <cls> query row and key column: start at [1][1], leading dimension C.
        symmetrizeApc(probs + h * C * C + C + 1, T, C, scratch_.data() + h * T * T);
    }
    for (int64_t h = 0; h < heads_; ++h) {
        const double wf = weights_[static_cast<size_t>(layer * heads_ + h)];
        if (wf == 0.0) continue;
        const float* s = scratch_.data() + h * T * T;
        for (int64_t i = 0; i < T * T; ++i) sum_[static_cast<size_t>(i)] += wf * s[i];
    }
}

void ContactAccumulator::finish(float* out) const {
    for (int64_t i = 0; i < T_ * T_; ++i)
        out[i] = static_cast<float>(1.0 / (1.0 + std::exp(-(sum_[static_cast<size_t>(i)] + bias_))));
}

}  // namespace axs
