#include "coevolution/apc.hpp"

#include "common/error.hpp"

namespace axs::coevolution {

Eigen::MatrixXd averageProductCorrection(const Eigen::MatrixXd& scores) {
    if (scores.rows() != scores.cols()) throw Error("average product correction needs a square matrix");
    Eigen::MatrixXd s = scores;
    s.diagonal().setZero();
    const auto L = static_cast<double>(s.rows());
    if (s.rows() == 0) return s;
    const Eigen::VectorXd rowMean = s.rowwise().sum() / L;
    const double mean = s.sum() / (L * L);
    if (mean == 0.0) return s;
    Eigen::MatrixXd out = s - rowMean * rowMean.transpose() / mean;
    out.diagonal().setZero();
    return out;
}

}  // namespace axs::coevolution
