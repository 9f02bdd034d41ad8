#include "plot/matrix_image.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace axs::ui {

ValueRange finiteRange(const TensorF& t) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (float v : t.data) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, double(v));
        hi = std::max(hi, double(v));
    }
    if (lo > hi) return {0, 1, false};
    return {lo, hi, false};
}

ValueRange displayRange(const TensorF& t, ColorMap map, bool logarithmic) {
    ValueRange r = finiteRange(t);
    if (logarithmic) {
        double minPositive = std::numeric_limits<double>::infinity();
        for (float v : t.data)
            if (std::isfinite(v) && v > 0) minPositive = std::min(minPositive, double(v));
        if (std::isfinite(minPositive)) {
            // Floor at 1e-4 of the maximum: softmax tails reach 1e-30 and would
            // otherwise squeeze everything interesting into the top of the scale.
            const double lower = std::max(minPositive, r.upper * 1e-4);
            return {lower, r.upper > lower ? r.upper : lower * 10, true};
        }
    }
    if (isDiverging(map)) {
        const double a = std::max(std::abs(r.lower), std::abs(r.upper));
        return a > 0 ? ValueRange{-a, a, false} : ValueRange{-1, 1, false};
    }
    if (!(r.upper > r.lower)) return {r.lower - 0.5, r.lower + 0.5, false};  // constant matrix
    return r;
}

double normalizedPosition(double value, const ValueRange& range) {
    if (std::isnan(value)) return value;
    double t;
    if (range.logarithmic) {
        if (value <= 0) return 0;
        t = (std::log10(value) - std::log10(range.lower)) / (std::log10(range.upper) - std::log10(range.lower));
    } else {
        t = (value - range.lower) / (range.upper - range.lower);
    }
    return std::clamp(t, 0.0, 1.0);
}

QImage renderMatrixImage(const TensorF& matrix, ColorMap map, const ValueRange& range) {
    if (matrix.rank() != 2) throw Error("renderMatrixImage: expected a matrix, got shape " + matrix.shapeString());
    const int rows = static_cast<int>(matrix.shape[0]), cols = static_cast<int>(matrix.shape[1]);
    QImage image(cols, rows, QImage::Format_RGB32);
    // Precomputed lookup: 256 levels are all the screen can show anyway.
    QRgb lut[256];
    for (int k = 0; k < 256; ++k) lut[k] = colorMapColor(map, k / 255.0).rgb();
    const QRgb nan = nanColor().rgb();
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < cols; ++c) {
            const double t = normalizedPosition(matrix.data[size_t(r) * cols + c], range);
            line[c] = std::isnan(t) ? nan : lut[static_cast<int>(std::lround(t * 255))];
        }
    }
    return image;
}

}  // namespace axs::ui
