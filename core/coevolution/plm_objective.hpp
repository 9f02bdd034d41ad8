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
// Evaluation is organised by column (OpenMP over columns, each owned by one thread): a
// thread builds the coupling slices that act on its column once, runs through all rows in
// small blocks (computing the conditional probabilities and, while the block's residuals are
// still in L1 cache, the coupling-gradient sums of its column), and finally adds those sums
// into the gradient. Each coupling block receives one half of its gradient from each of its
// two columns, added under a per-block lock. Identical rows are merged first (their weights
// add), which leaves F unchanged. Real (float or double) is the precision of parameters,
// gradient and the hot loops; the objective value and the field gradient are accumulated in
// double.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "coevolution/encoding.hpp"
#include "coevolution/potts_layout.hpp"
#include "common/progress.hpp"

namespace axs::coevolution {

struct PlmObjectiveSettings {
    double lambdaSingle = 0.01;  ///< L2 weight on fields
    double lambdaPair = 0.0;     ///< L2 weight on couplings (CCMpred: 0.2 * (L - 1))
    int threads = 0;             ///< OpenMP threads; <= 0: the OpenMP default
    /// Rows processed per block (1..65535); small enough that a block's residuals of one
    /// column (rows x 24 values) stay in L1 cache.
    size_t blockRows = 256;
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
    /// Everything for column c over all rows; returns its part of the objective.
    double processColumn(size_t c, const Real* x, Real* grad, double* fieldGrad, Real* slices, Real* sums,
                         Real* residual);

    PottsLayout layout_;
    PlmObjectiveSettings settings_;
    size_t rows_ = 0;
    std::vector<uint8_t> byRow_;  // merged rows, rows_ x L
    // Most rows hold their column's most frequent state ("mode"), so the energies are
    // computed as a per-column base (every column at its mode) plus corrections for the
    // positions where a row differs: entries_[rowStart_[s] .. rowStart_[s+1]) = j * 21 + x_sj
    // for the columns j where x_sj != mode_[j]. The coupling gradient likewise skips the
    // mode's rows and gets their sum as (all rows) - (the other states).
    std::vector<uint8_t> mode_;
    std::vector<uint32_t> entries_;
    std::vector<size_t> rowStart_;
    std::vector<Real> weights_;
    std::vector<double> weightsDouble_;
    size_t blockRows_ = 0;
    // Per row block and column, the block's rows (0-based within the block) grouped by their
    // state at that column: rows of state b are order_[start[b] .. start[b+1]). Lets the
    // coupling gradient sum residual rows per state in registers instead of scattering.
    std::vector<uint16_t> order_;               // rows_ x L: block-major, then column, then grouped rows
    std::vector<uint32_t> bucketStart_;         // blocks x L x 22
    std::unique_ptr<std::mutex[]> blockLocks_;  // one per coupling block
    std::vector<uint8_t> blockWritten_;         // per block: first half written this evaluation
    size_t evaluations_ = 0;
    const Progress* progress_ = nullptr;
};

extern template class PlmObjective<float>;
extern template class PlmObjective<double>;

}  // namespace axs::coevolution
