// The picture behind the contact map: one T x T matrix whose upper triangle (i < j) shows
// one source and whose lower triangle (i > j) shows another (the true contacts or a
// second prediction), so both can be compared in one glance.
#pragma once

#include "common/tensor.hpp"

namespace axs::ui {

using TensorD = Tensor<double>;

/// A source brought to the colour scale [0, 1]: probabilities as they are; other scores
/// (raw coupling strengths) min-max scaled over their finite upper-triangle entries.
struct TriangleValues {
    TensorD values;               ///< T x T, original scores (upper triangle read)
    bool rescaled = false;        ///< true when the scores were not all within [0, 1]
    double lower = 0, upper = 1;  ///< the scaling: shown = (v - lower) / (upper - lower)

    double shown(double v) const;  ///< v on the [0, 1] scale; NaN stays NaN
};

TriangleValues triangleValues(const TensorD& scores);
/// Truth (1 / 0 / -1) as values: 1, 0, NaN for unknown.
TriangleValues triangleValues(const TensorI64& truth);

/// display[r][c] = upper.shown(upper(r, c)) for r < c, lower.shown(lower(c, r)) for r > c
/// (each source read from its own upper triangle), NaN on the diagonal and wherever a
/// source is missing (lower == nullptr). Float for the heatmap.
TensorF combineTriangles(const TriangleValues& upper, const TriangleValues* lower);

}  // namespace axs::ui
