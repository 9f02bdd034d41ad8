#include "coevolution/memory_estimate.hpp"

#include <omp.h>

#include <algorithm>
#include <mutex>

#include "coevolution/encoding.hpp"
#include "coevolution/plm_objective.hpp"
#include "coevolution/potts_layout.hpp"

namespace axs::coevolution {

namespace {

int64_t i64(size_t v) { return static_cast<int64_t>(v); }

int threadCount(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

/// The encoded alignment (both layouts) and sequenceWeights()'s padded copy, per-thread
/// neighbour counts and the weights themselves (kept by the caller and by the result).
int64_t alignmentBytes(size_t rows, size_t cols, int threads) {
    const int64_t n = i64(rows), L = i64(cols);
    const int64_t stride = (L + 63) / 64 * 64;
    return 2 * n * L + n * stride + 64 + int64_t{threads} * n * 4 + 2 * n * 8;
}

/// Score matrices in double: the raw scores, their APC-corrected copy, the result's and the
/// caller's copies; plus the float tensor written to the files and the writers' pair list.
int64_t scoreBytes(size_t cols) {
    const int64_t L = i64(cols);
    return 4 * L * L * 8 + L * L * 4 + L * (L - 1) / 2 * 16;
}

}  // namespace

CoevolutionMemory plmMemory(size_t rows, size_t cols, const PlmOptions& options) {
    CoevolutionMemory m;
    const int threads = threadCount(options.threads);
    const int64_t real = options.precision == PlmPrecision::Float ? 4 : 8;
    PottsLayout layout;
    layout.columns = std::max<size_t>(cols, 2);
    const int64_t n = i64(rows), L = i64(layout.columns), P = i64(layout.size()), pairs = i64(layout.pairCount());

    // L-BFGS (LBFGS++): x, and in the solver the previous x, gradient, previous gradient and
    // direction, `history` pairs of s and y vectors, and the two temporaries of
    // add_correction(x - xp, grad - gradp).
    const int64_t optimiser = (2 * int64_t{std::max(options.history, 1)} + 7) * P * real;
    // PlmObjective: merged rows (at most all of them), their weights, mode corrections (at
    // most one entry per residue), per-block row order and state buckets, a lock and a flag
    // per coupling block; per thread the coupling slices and sums of one column and a block
    // of residuals; the field gradient.
    const PlmObjectiveSettings defaults;
    const int64_t blockRows = std::min<int64_t>(i64(defaults.blockRows), std::max<int64_t>(n, 1));
    const int64_t blocks = (n + blockRows - 1) / blockRows;
    constexpr int64_t lanes = 24;  // 21 states padded to whole SIMD registers
    int64_t objective = n * L + n * (8 + real) + n * L * 4 + (n + 1) * 8 + n * L * 2 + blocks * L * (kStates + 1) * 4;
    objective += pairs * (i64(sizeof(std::mutex)) + 1);
    objective += int64_t{threads} * (2 * L * kStates * lanes + blockRows * lanes) * real;
    objective += L * i64(PottsLayout::kFieldStates) * 8;

    m.alignmentBytes = alignmentBytes(rows, cols, threads);
    m.methodBytes = optimiser + objective;
    m.scoreBytes = scoreBytes(cols);
    m.bytes = m.alignmentBytes + m.methodBytes + m.scoreBytes;
    return m;
}

CoevolutionMemory mutualInformationMemory(size_t rows, size_t cols, int threads) {
    CoevolutionMemory m;
    m.alignmentBytes = alignmentBytes(rows, cols, threadCount(threads));
    m.methodBytes = i64(cols) * kStates * 8;  // single-column frequencies; the pair table is per pair, on the stack
    m.scoreBytes = scoreBytes(cols);
    m.bytes = m.alignmentBytes + m.methodBytes + m.scoreBytes;
    return m;
}

}  // namespace axs::coevolution
