#include "coevolution/coupling_scores.hpp"

namespace axs::coevolution {

CouplingBlock zeroSumGauge(const CouplingBlock& block) {
    const Eigen::Matrix<double, kStates, 1> rowMean = block.rowwise().mean();
    const Eigen::Matrix<double, 1, kStates> colMean = block.colwise().mean();
    const double mean = block.mean();
    CouplingBlock out = block;
    out.colwise() -= rowMean;
    out.rowwise() -= colMean;
    out.array() += mean;
    return out;
}

double frobeniusScore(const CouplingBlock& block) {
    return zeroSumGauge(block).topLeftCorner<kAminoAcids, kAminoAcids>().norm();
}

template <class Real>
Eigen::MatrixXd couplingScores(const PottsLayout& layout, const Real* parameters) {
    const auto L = static_cast<Eigen::Index>(layout.columns);
    Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(L, L);
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < L; ++i) {
        for (int64_t j = i + 1; j < L; ++j) {
            const Real* p = parameters + layout.block(static_cast<size_t>(i), static_cast<size_t>(j));
            CouplingBlock block;
            for (int a = 0; a < kStates; ++a)
                for (int b = 0; b < kStates; ++b) block(a, b) = static_cast<double>(p[a * kStates + b]);
            const double s = frobeniusScore(block);
            scores(i, j) = s;
            scores(j, i) = s;
        }
    }
    return scores;
}

template Eigen::MatrixXd couplingScores<float>(const PottsLayout&, const float*);
template Eigen::MatrixXd couplingScores<double>(const PottsLayout&, const double*);

}  // namespace axs::coevolution
