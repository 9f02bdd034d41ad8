#include "coevolution/reweighting.hpp"

#include <omp.h>

#include <cmath>
#include <cstring>
#include <numeric>

#include "common/error.hpp"

namespace axs::coevolution {

namespace {

// Rows are copied into 64-byte-aligned, zero-padded strides so the identity count is a
// plain byte-compare loop the compiler vectorises; the padding adds the same constant to
// every count and is subtracted afterwards.
constexpr size_t kStride = 64;

size_t countEqual(const uint8_t* a, const uint8_t* b, size_t n) {
    size_t total = 0;
    // Byte counters cannot overflow within 255 steps of one lane; sum them per block.
    for (size_t block = 0; block < n; block += 64 * 255) {
        const size_t end = std::min(n, block + 64 * 255);
        alignas(64) uint8_t lanes[64] = {};
        for (size_t k = block; k < end; k += 64)
            for (size_t v = 0; v < 64; ++v) lanes[v] = static_cast<uint8_t>(lanes[v] + (a[k + v] == b[k + v]));
        for (size_t v = 0; v < 64; ++v) total += lanes[v];
    }
    return total;
}

}  // namespace

size_t identityCutoff(size_t columns, double threshold) {
    // The small epsilon keeps an exact product (0.8 * 50 = 40) from rounding up to 41.
    return static_cast<size_t>(std::ceil(threshold * static_cast<double>(columns) - 1e-9));
}

std::vector<double> sequenceWeights(const EncodedMsa& msa, double threshold, int threads) {
    if (!(threshold > 0.0 && threshold <= 1.0))
        throw Error("reweighting identity threshold must be in (0, 1], got " + std::to_string(threshold));
    const size_t n = msa.rows, L = msa.cols;
    if (threshold >= 1.0) return std::vector<double>(n, 1.0);

    const size_t stride = (L + kStride - 1) / kStride * kStride;
    const size_t padding = stride - L;
    std::vector<uint8_t> padded(n * stride + kStride, 0);
    for (size_t s = 0; s < n; ++s) std::memcpy(&padded[s * stride], &msa.byRow[s * L], L);
    const size_t cutoff = identityCutoff(L, threshold);

    const int nThreads = threads > 0 ? threads : omp_get_max_threads();
    std::vector<std::vector<uint32_t>> neighbours(static_cast<size_t>(nThreads));
#pragma omp parallel num_threads(nThreads)
    {
        std::vector<uint32_t>& mine = neighbours[static_cast<size_t>(omp_get_thread_num())];
        mine.assign(n, 0);
#pragma omp for schedule(dynamic, 16)
        for (size_t s = 0; s < n; ++s) {
            const uint8_t* a = &padded[s * stride];
            for (size_t t = s + 1; t < n; ++t) {
                const size_t ids = countEqual(a, &padded[t * stride], stride) - padding;
                if (ids > cutoff) {
                    ++mine[s];
                    ++mine[t];
                }
            }
        }
    }
    std::vector<double> weights(n);
    for (size_t s = 0; s < n; ++s) {
        // The sequence itself always counts. (CCMpred counts it only when L > ceil(0.8 L),
        // i.e. L >= 5, and divides by zero or returns negative weights below that.)
        uint64_t count = 1;
        for (const auto& part : neighbours) count += part.empty() ? 0 : part[s];
        weights[s] = 1.0 / static_cast<double>(count);
    }
    return weights;
}

double effectiveSequences(const std::vector<double>& weights) {
    return std::accumulate(weights.begin(), weights.end(), 0.0);
}

}  // namespace axs::coevolution
