#include "contactmap/contact_map_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace axs::ui {

double TriangleValues::shown(double v) const {
    if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
    if (!rescaled) return v;
    return upper > lower ? (v - lower) / (upper - lower) : 0.5;
}

TriangleValues triangleValues(const TensorD& scores) {
    if (scores.rank() != 2 || scores.shape[0] != scores.shape[1])
        throw Error("contact scores must be a square matrix, got " + scores.shapeString());
    TriangleValues t;
    t.values = scores;
    const int64_t T = scores.shape[0];
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = i + 1; j < T; ++j) {
            const double v = scores.data[size_t(i * T + j)];
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (lo <= hi && (lo < 0 || hi > 1)) {
        t.rescaled = true;
        t.lower = lo;
        t.upper = hi;
    }
    return t;
}

TriangleValues triangleValues(const TensorI64& truth) {
    TensorD d(truth.shape);
    for (size_t k = 0; k < truth.size(); ++k)
        d.data[k] = truth.data[k] < 0 ? std::numeric_limits<double>::quiet_NaN() : double(truth.data[k] > 0);
    TriangleValues t;
    t.values = std::move(d);
    return t;
}

TensorF combineTriangles(const TriangleValues& upper, const TriangleValues* lower) {
    const int64_t T = upper.values.shape[0];
    if (lower && lower->values.shape != upper.values.shape)
        throw Error("the two contact maps differ in size: " + upper.values.shapeString() + " and " +
                    lower->values.shapeString());
    TensorF out({T, T}, std::numeric_limits<float>::quiet_NaN());
    for (int64_t r = 0; r < T; ++r)
        for (int64_t c = 0; c < T; ++c) {
            if (r < c)
                out.data[size_t(r * T + c)] = float(upper.shown(upper.values.data[size_t(r * T + c)]));
            else if (r > c && lower)
                out.data[size_t(r * T + c)] = float(lower->shown(lower->values.data[size_t(c * T + r)]));
        }
    return out;
}

}  // namespace axs::ui
