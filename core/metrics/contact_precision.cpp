#include "metrics/contact_precision.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "common/error.hpp"
#include "metrics/contact_ranking.hpp"

namespace axs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkShapes(const std::vector<int64_t>& scoreShape, const std::string& scoreShapeText, const TensorI64& truth) {
    if (truth.rank() != 2 || truth.shape[0] != truth.shape[1])
        throw Error("contact truth must be a square T x T matrix, got " + truth.shapeString());
    if (scoreShape != truth.shape)
        throw Error("contact scores " + scoreShapeText + " and truth " + truth.shapeString() +
                    " differ in shape (is the prediction for another query?)");
}

/// Hit flags (1 = true contact) of the ranked candidates of one range (metrics/contact_ranking.hpp).
template <class S>
std::vector<char> rankedHits(const Tensor<S>& scores, const TensorI64& truth, ContactRange range) {
    const std::vector<RankedContact> ranked = rankContacts(scores, &truth, separationWindow(range));
    std::vector<char> hits(ranked.size());
    for (size_t k = 0; k < ranked.size(); ++k) hits[k] = static_cast<char>(ranked[k].truth == 1);
    return hits;
}

double precisionAtK(const std::vector<size_t>& cumulative, size_t k) {
    if (k == 0) return kNaN;
    const size_t available = std::min(k, cumulative.size() - 1);
    return static_cast<double>(cumulative[available]) / static_cast<double>(k);
}

template <class S>
ContactEvaluation evaluate(const Tensor<S>& scores, const TensorI64& truth) {
    checkShapes(scores.shape, scores.shapeString(), truth);
    ContactEvaluation ev;
    ev.length = static_cast<size_t>(truth.shape[0]);
    ev.lengthWithCoordinates = positionsWithCoordinates(truth);
    const size_t lc = ev.lengthWithCoordinates;
    for (ContactRange range : kAllRanges) {
        const std::vector<char> hits = rankedHits(scores, truth, range);
        std::vector<size_t> cumulative(hits.size() + 1, 0);  // cumulative[k] = hits among the first k
        for (size_t k = 0; k < hits.size(); ++k) cumulative[k + 1] = cumulative[k] + static_cast<size_t>(hits[k]);
        RangePrecision& r = ev.ranges[static_cast<size_t>(range)];
        // k = floor(n * Lc / 10) in integers: exactly floor(f * Lc) for f = n / 10.
        r.pAtL = precisionAtK(cumulative, lc);
        r.pAtL2 = precisionAtK(cumulative, lc * 5 / 10);
        r.pAtL5 = precisionAtK(cumulative, lc * 2 / 10);
        double sum = 0;
        int terms = 0;
        for (size_t n = 1; n <= 10; ++n) {
            const double p = precisionAtK(cumulative, lc * n / 10);
            if (std::isnan(p)) continue;
            sum += p;
            ++terms;
        }
        r.auc = terms ? sum / terms : kNaN;
        r.scoredPairs = hits.size();
        // True contacts of the range among known pairs, scored or not.
        const RangeBounds b = rangeBounds(range);
        const auto t = static_cast<int64_t>(ev.length);
        for (int64_t i = 0; i < t; ++i)
            for (int64_t j = i + b.minSeparation; j < t && (b.maxSeparation == 0 || j - i < b.maxSeparation); ++j)
                r.trueContacts += truth.at(i, j) > 0;
    }
    return ev;
}

template <class S>
double precisionOf(const Tensor<S>& scores, const TensorI64& truth, ContactRange range, double fraction) {
    checkShapes(scores.shape, scores.shapeString(), truth);
    if (!(fraction > 0 && fraction <= 1))
        throw Error("precision fraction must be in (0, 1], got " + std::to_string(fraction));
    const std::vector<char> hits = rankedHits(scores, truth, range);
    // The small epsilon makes f = 0.2 with Lc = 10 give k = 2, as score_baselines.py does.
    const auto k =
        static_cast<size_t>(std::floor(fraction * static_cast<double>(positionsWithCoordinates(truth)) + 1e-9));
    if (k == 0) return kNaN;
    size_t good = 0;
    for (size_t n = 0; n < std::min(k, hits.size()); ++n) good += static_cast<size_t>(hits[n]);
    return static_cast<double>(good) / static_cast<double>(k);
}

}  // namespace

RangeBounds rangeBounds(ContactRange range) {
    switch (range) {
        case ContactRange::Local:
            return {"local", 3, 6};
        case ContactRange::Short:
            return {"short", 6, 12};
        case ContactRange::Medium:
            return {"medium", 12, 24};
        case ContactRange::Long:
            return {"long", 24, 0};
    }
    return {"long", 24, 0};
}

size_t positionsWithCoordinates(const TensorI64& truth) {
    size_t n = 0;
    for (int64_t p = 0; p < (truth.rank() == 2 ? truth.shape[0] : 0); ++p) n += truth.at(p, p) >= 0;
    return n;
}

ContactEvaluation evaluateContacts(const TensorD& scores, const TensorI64& truth) { return evaluate(scores, truth); }
ContactEvaluation evaluateContacts(const TensorF& scores, const TensorI64& truth) { return evaluate(scores, truth); }

double contactPrecision(const TensorD& scores, const TensorI64& truth, ContactRange range, double fraction) {
    return precisionOf(scores, truth, range, fraction);
}
double contactPrecision(const TensorF& scores, const TensorI64& truth, ContactRange range, double fraction) {
    return precisionOf(scores, truth, range, fraction);
}

}  // namespace axs
