// Mutual information between alignment columns, the fast coevolution baseline.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "coevolution/encoding.hpp"

namespace axs::coevolution {

struct MiOptions {
    /// Pseudocount weight lambda in [0, 1): frequencies are mixed with the uniform
    /// distribution, f_i(a) = (1 - lambda) n_i(a) / Beff + lambda / 21 and
    /// f_ij(a,b) = (1 - lambda) n_ij(a,b) / Beff + lambda / 21^2, so that the pair
    /// frequencies stay consistent with the single ones and log(0) never occurs.
    double pseudocount = 0.05;
    int threads = 0;  ///< OpenMP threads, <= 0: the OpenMP default
};

/// L x L mutual information in nats, MI_ij = sum_ab f_ij(a,b) log(f_ij(a,b) / (f_i(a) f_j(b))),
/// over all 21 states (gap included), from weighted counts n (weights: one per row, e.g.
/// from sequenceWeights; Beff = their sum). Symmetric, zero diagonal, no APC.
/// Throws axs::Error if the weights do not match the rows or sum to 0.
Eigen::MatrixXd mutualInformation(const EncodedMsa& msa, const std::vector<double>& weights,
                                  const MiOptions& options = {});

}  // namespace axs::coevolution
