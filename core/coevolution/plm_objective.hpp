// The objective of pseudo-likelihood maximisation (plmDCA / CCMpred / GREMLIN family) for a
// symmetric 21-state Potts model, with its analytic gradient.
//
//   F(h, J) = sum_s w_s sum_i [ log Z_si - E_si(x_si) ]                (negative weighted PLL)
//           + lambdaSingle * sum_{i, a<20} h_i(a)^2
//           + lambdaPair   * sum_{i<j} sum_{a,b} J_ij(a,b)^2
//   E_si(a) = h_i(a) + sum_{j != i} J_ij(a, x_sj),   Z_si = sum_{a=0..20} exp E_si(a)
//
// This is the function CCMpred minimises: its evaluate_cpu() stores both J_ij and J_ji and
// adds 0.5 * lambdaPair * x^2 per stored value, i.e. lambdaPair * J^2 once per unordered
// pair, with gradient 2 * lambdaPair * J; fields get lambdaSingle * h^2 (gradient 2 lambda h).
// CCMpred's defaults are lambdaSingle = 0.01 and lambdaPair = 0.2 * (L - 1).
//
// Evaluation: sequences are processed in chunks; for each chunk the conditional
// probabilities are computed per column (OpenMP over columns) and the pair gradient per
// pair (OpenMP over pairs, each pair owned by one thread, so there are no per-thread
// gradient copies). Identical rows are merged first (their weights add), which leaves F
// unchanged. Real (float or double) is the precision of parameters, gradient and the hot
// loops; the objective value and the field gradient are accumulated in double.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "coevolution/encoding.hpp"
#include "coevolution/potts_layout.hpp"
#include "common/progress.hpp"

namespace axs::coevolution {

struct PlmObjectiveSettings {
    double lambdaSingle = 0.01;  ///< L2 weight on fields
    double lambdaPair = 0.0;     ///< L2 weight on couplings (CCMpred: 0.2 * (L - 1))
    int threads = 0;             ///< OpenMP threads; <= 0: the OpenMP default
    /// Memory for the per-chunk work buffer (L x rows x 24 values); sets the chunk size.
    size_t chunkBytes = size_t{16} << 20;
};

template <class Real>
class PlmObjective {
public:
    using Vector = Eigen::Matrix<Real, Eigen::Dynamic, 1>;

    /// `weights`: one per row of `msa` (e.g. sequenceWeights()). Throws axs::Error on a
    /// size mismatch, negative weights or fewer than 2 columns.
    PlmObjective(const EncodedMsa& msa, const std::vector<double>& weights, const PlmObjectiveSettings& settings);

    const PottsLayout& layout() const { return layout_; }
    size_t uniqueRows() const { return rows_; }
    size_t evaluations() const { return evaluations_; }

    /// Checked for cancellation between chunks (not owned; may be null).
    void setProgress(const Progress* progress) { progress_ = progress; }

    /// F at x (layout().size() values); writes dF/dx into grad (same size).
    double evaluate(const Real* x, Real* grad);

    /// LBFGS++ interface.
    Real operator()(const Vector& x, Vector& grad) {
        grad.resize(x.size());
        return static_cast<Real>(evaluate(x.data(), grad.data()));
    }

    /// CCMpred's starting point: couplings 0, h_i(a) = log((n_i(a) + 1) / (n_i(gap) + 1))
    /// from unweighted counts n.
    Vector initialPoint() const;

private:
    void forwardColumn(size_t i, size_t rowBegin, size_t rowEnd, const Real* x, Real* work, double& fx,
                       double* fieldGrad);
    void pairGradient(size_t i, size_t j, size_t rowBegin, size_t rowEnd, Real* grad) const;

    PottsLayout layout_;
    PlmObjectiveSettings settings_;
    size_t rows_ = 0;
    std::vector<uint8_t> byRow_;     // merged rows, rows_ x L
    std::vector<uint8_t> byColumn_;  // L x rows_
    std::vector<Real> weights_;
    std::vector<double> weightsDouble_;
    std::vector<uint32_t> pairI_, pairJ_;
    size_t chunkRows_ = 0;
    std::vector<Real> residual_;     // L x chunkRows_ x kPad: w_s (P_si(a) - [a == x_si])
    size_t evaluations_ = 0;
    const Progress* progress_ = nullptr;
};

extern template class PlmObjective<float>;
extern template class PlmObjective<double>;

}  // namespace axs::coevolution
