// Coevolution scores leave the Eigen world here: an L x L score matrix as the row-major
// tensor the contact code, writers and views take (TensorD keeps double precision for the
// views; TensorF for files and metrics).
#pragma once

#include <Eigen/Core>

#include "common/tensor.hpp"

namespace axs::coevolution {

template <class T>
Tensor<T> scoreTensor(const Eigen::MatrixXd& scores) {
    Tensor<T> t({static_cast<int64_t>(scores.rows()), static_cast<int64_t>(scores.cols())});
    for (Eigen::Index i = 0; i < scores.rows(); ++i)
        for (Eigen::Index j = 0; j < scores.cols(); ++j) t.at(i, j) = static_cast<T>(scores(i, j));
    return t;
}

}  // namespace axs::coevolution
