#include "coevolution/mutual_information.hpp"

#include <omp.h>

#include <array>
#include <cmath>

#include "coevolution/reweighting.hpp"
#include "common/error.hpp"

namespace axs::coevolution {

Eigen::MatrixXd mutualInformation(const EncodedMsa& msa, const std::vector<double>& weights, const MiOptions& options) {
    if (weights.size() != msa.rows) throw Error("mutual information: one weight per alignment row is needed");
    if (!(options.pseudocount >= 0.0 && options.pseudocount < 1.0))
        throw Error("mutual information: pseudocount weight must be in [0, 1)");
    const double beff = effectiveSequences(weights);
    if (!(beff > 0.0)) throw Error("mutual information: the sequence weights sum to 0");
    const size_t n = msa.rows, L = msa.cols;
    constexpr int q = kStates;
    const double lambda = options.pseudocount;
    const double keep = (1.0 - lambda) / beff;

    // Single-column frequencies.
    Eigen::MatrixXd single = Eigen::MatrixXd::Zero(q, static_cast<Eigen::Index>(L));
    for (size_t i = 0; i < L; ++i) {
        const uint8_t* col = &msa.byColumn[i * n];
        for (size_t s = 0; s < n; ++s) single(col[s], static_cast<Eigen::Index>(i)) += weights[s];
    }
    single = (single * keep).array() + lambda / q;

    Eigen::MatrixXd mi = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(L), static_cast<Eigen::Index>(L));
    const auto pairs = static_cast<int64_t>(L * L);
    const int nThreads = options.threads > 0 ? options.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 32) num_threads(nThreads)
    for (int64_t ij = 0; ij < pairs; ++ij) {
        const size_t i = static_cast<size_t>(ij) / L, j = static_cast<size_t>(ij) % L;
        if (j <= i) continue;
        std::array<double, q * q> counts{};
        const uint8_t* ci = &msa.byColumn[i * n];
        const uint8_t* cj = &msa.byColumn[j * n];
        for (size_t s = 0; s < n; ++s) counts[ci[s] * q + cj[s]] += weights[s];
        double sum = 0.0;
        for (int a = 0; a < q; ++a) {
            for (int b = 0; b < q; ++b) {
                const double fij = counts[a * q + b] * keep + lambda / (q * q);
                if (fij <= 0.0) continue;  // only possible without pseudocounts: 0 log 0 = 0
                sum +=
                    fij *
                    std::log(fij / (single(a, static_cast<Eigen::Index>(i)) * single(b, static_cast<Eigen::Index>(j))));
            }
        }
        mi(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = sum;
        mi(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = sum;
    }
    return mi;
}

}  // namespace axs::coevolution
