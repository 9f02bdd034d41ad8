// Rendering a matrix straight to a QImage, one pixel per cell, without QCustomPlot:
// used for the layer x head thumbnail overview, where 144 plots would be too heavy.
#pragma once

#include <QImage>

#include "common/tensor.hpp"
#include "plot/color_maps.hpp"

namespace axs::ui {

/// Value range of a colour mapping; values are clamped into [lower, upper].
struct ValueRange {
    double lower = 0;
    double upper = 1;
    bool logarithmic = false;  ///< map log10(value); needs 0 < lower < upper
};

/// Finite minimum / maximum of all entries (NaN ignored); {0, 1} for an empty or all-NaN tensor.
ValueRange finiteRange(const TensorF& t);
/// A range fit for `map` and `logarithmic`: for a diverging map symmetric around 0
/// ([-a, a], a = max |value|); for log, [max(min positive, upper * 1e-4), upper]
/// (falls back to linear when no entry is positive). Never returns an empty range.
ValueRange displayRange(const TensorF& t, ColorMap map, bool logarithmic);

/// Position in [0, 1] of `value` within `range` (clamped; NaN stays NaN).
double normalizedPosition(double value, const ValueRange& range);

/// rows x cols matrix (rank 2) as a rows x cols RGB32 image: pixel (x = col, y = row).
QImage renderMatrixImage(const TensorF& matrix, ColorMap map, const ValueRange& range);

}  // namespace axs::ui
