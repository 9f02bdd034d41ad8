// Average product correction (Dunn, Wahl & Gloor 2008), CCMpred's variant.
#pragma once

#include <Eigen/Core>

namespace axs::coevolution {

/// For a symmetric L x L score matrix S whose diagonal is treated as 0:
///   rowMean_i = sum_j S_ij / L,  mean = sum_ij S_ij / L^2   (the zero diagonal included,
///   as CCMpred's apc() does), result_ij = S_ij - rowMean_i * rowMean_j / mean, and the
///   result's diagonal is 0. Unlike CCMpred the result is not shifted to a minimum of 0
///   (the ranking is the same). If the mean is 0 (all scores 0) the input is returned
///   with a zero diagonal.
Eigen::MatrixXd averageProductCorrection(const Eigen::MatrixXd& scores);

}  // namespace axs::coevolution
