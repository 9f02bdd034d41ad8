// From fitted couplings to a contact score per column pair.
//
// Each 21 x 21 block J_ij is first brought into the zero-sum gauge, which removes what the
// fields could equally express (J'(a,b) = J(a,b) - mean_a' J(a',b) - mean_b' J(a,b') +
// mean J, means over all 21 states), then scored by the Frobenius norm of its 20 x 20
// amino-acid part: the gap row and column are left out, as CCMpred does (gap-gap
// couplings mostly reflect alignment gaps, not contacts). CCMpred itself only subtracts the
// block's overall mean before the norm; the zero-sum gauge makes the score independent of
// how the fitted model happens to split energy between fields and couplings.
#pragma once

#include <Eigen/Core>

#include "coevolution/potts_layout.hpp"

namespace axs::coevolution {

using CouplingBlock = Eigen::Matrix<double, kStates, kStates, Eigen::RowMajor>;  ///< [a][b], a at i, b at j

/// The block in the zero-sum gauge: every row and every column sums to 0.
CouplingBlock zeroSumGauge(const CouplingBlock& block);

/// Frobenius norm of the 20 x 20 amino-acid part of zeroSumGauge(block).
double frobeniusScore(const CouplingBlock& block);

/// Symmetric L x L matrix of frobeniusScore over all pairs (zero diagonal), from a
/// parameter vector in `layout` (see potts_layout.hpp). Real is float or double.
template <class Real>
Eigen::MatrixXd couplingScores(const PottsLayout& layout, const Real* parameters);

}  // namespace axs::coevolution
