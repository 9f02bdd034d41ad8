#include "metrics/contact_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace axs {

namespace {

template <class S>
std::vector<RankedContact> rank(const Tensor<S>& scores, const TensorI64* truth, SeparationWindow window) {
    if (scores.rank() != 2 || scores.shape[0] != scores.shape[1])
        throw Error("contact scores must be a square T x T matrix, got " + scores.shapeString());
    if (truth && truth->shape != scores.shape)
        throw Error("contact scores " + scores.shapeString() + " and truth " + truth->shapeString() +
                    " differ in shape (is the prediction for another query?)");
    const int64_t t = scores.shape[0];
    const int64_t minSep = std::max(1, window.minSeparation);
    std::vector<RankedContact> out;
    for (int64_t i = 0; i < t; ++i) {
        if (truth && truth->at(i, i) < 0) continue;
        const int64_t jEnd = window.maxSeparation > 0 ? std::min(t, i + window.maxSeparation) : t;
        for (int64_t j = i + minSep; j < jEnd; ++j) {
            const double s = static_cast<double>(scores.at(i, j));
            if (!std::isfinite(s)) continue;
            int verdict = -1;
            if (truth) {
                verdict = static_cast<int>(truth->at(i, j));
                if (verdict < 0) continue;
                verdict = verdict > 0 ? 1 : 0;
            }
            out.push_back({static_cast<int>(i), static_cast<int>(j), s, verdict});
        }
    }
    // Candidates were collected in row-major order; a stable sort keeps it for ties.
    std::stable_sort(out.begin(), out.end(),
                     [](const RankedContact& a, const RankedContact& b) { return a.score > b.score; });
    return out;
}

}  // namespace

SeparationWindow separationWindow(ContactRange range) {
    const RangeBounds b = rangeBounds(range);
    return {b.minSeparation, b.maxSeparation};
}

SeparationWindow separationWindow(SeparationRange range) {
    switch (range) {
        case SeparationRange::Local:
            return separationWindow(ContactRange::Local);
        case SeparationRange::Short:
            return separationWindow(ContactRange::Short);
        case SeparationRange::Medium:
            return separationWindow(ContactRange::Medium);
        case SeparationRange::Long:
            return separationWindow(ContactRange::Long);
        case SeparationRange::All:
            break;
    }
    return {6, 0};
}

const char* separationRangeId(SeparationRange range) {
    switch (range) {
        case SeparationRange::Local:
            return "local";
        case SeparationRange::Short:
            return "short";
        case SeparationRange::Medium:
            return "medium";
        case SeparationRange::Long:
            return "long";
        case SeparationRange::All:
            return "all";
    }
    return "all";
}

std::optional<SeparationRange> separationRangeFromId(const std::string& id) {
    for (SeparationRange r : {SeparationRange::Local, SeparationRange::Short, SeparationRange::Medium,
                              SeparationRange::Long, SeparationRange::All})
        if (id == separationRangeId(r)) return r;
    return std::nullopt;
}

std::vector<RankedContact> rankContacts(const TensorD& scores, const TensorI64* truth, SeparationWindow window) {
    return rank(scores, truth, window);
}
std::vector<RankedContact> rankContacts(const TensorF& scores, const TensorI64* truth, SeparationWindow window) {
    return rank(scores, truth, window);
}

ContactSelection selectContacts(const TensorD& scores, const TensorI64* truth, SeparationWindow window,
                                const ContactSelectionRule& rule) {
    std::vector<RankedContact> ranked = rank(scores, truth, window);
    ContactSelection sel;
    if (rule.kind == ContactSelectionRule::Kind::TopFraction) {
        const size_t lc = truth ? positionsWithCoordinates(*truth) : static_cast<size_t>(scores.shape[0]);
        // The small epsilon makes f = 0.2 with Lc = 10 give k = 2, as contactPrecision does.
        sel.k = static_cast<size_t>(std::floor(rule.fraction * static_cast<double>(lc) + 1e-9));
        ranked.resize(std::min(ranked.size(), sel.k));
    } else {
        const auto end = std::find_if(ranked.begin(), ranked.end(),
                                      [&](const RankedContact& c) { return c.score < rule.threshold; });
        ranked.erase(end, ranked.end());
        sel.k = ranked.size();
    }
    sel.contacts = std::move(ranked);
    for (const RankedContact& c : sel.contacts) sel.truePositives += c.truth == 1 ? 1 : 0;
    sel.precision = (truth && sel.k > 0) ? static_cast<double>(sel.truePositives) / static_cast<double>(sel.k)
                                         : std::numeric_limits<double>::quiet_NaN();
    return sel;
}

}  // namespace axs
