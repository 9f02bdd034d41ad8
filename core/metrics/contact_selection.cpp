#include "metrics/contact_selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace axs {

SeparationBounds separationBounds(SeparationRange range) {
    switch (range) {
        case SeparationRange::Local:
            return {3, 6};
        case SeparationRange::Short:
            return {6, 12};
        case SeparationRange::Medium:
            return {12, 24};
        case SeparationRange::Long:
            return {24, 0};
        case SeparationRange::All:
            return {6, 0};
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

Selection selectContacts(const TensorD& scores, const TensorI64* truth, SeparationRange range,
                         const SelectionRule& rule) {
    if (scores.rank() != 2 || scores.shape[0] != scores.shape[1])
        throw Error("contact scores must be a square matrix, got " + scores.shapeString());
    if (truth && truth->shape != scores.shape)
        throw Error("the true contact map " + truth->shapeString() + " does not match the prediction " +
                    scores.shapeString());
    const int64_t T = scores.shape[0];
    auto known = [&](int64_t p) { return !truth || truth->data[size_t(p * T + p)] >= 0; };
    size_t Lc = 0;
    for (int64_t p = 0; p < T; ++p) Lc += known(p) ? 1 : 0;

    const SeparationBounds b = separationBounds(range);
    std::vector<MarkedContact> candidates;
    for (int64_t i = 0; i < T; ++i) {
        if (!known(i)) continue;
        for (int64_t j = i + b.min; j < T && (b.max == 0 || j - i < b.max); ++j) {
            const double s = scores.data[size_t(i * T + j)];
            if (!known(j) || !std::isfinite(s)) continue;
            Verdict v = Verdict::Unknown;
            if (truth) {
                const int64_t t = truth->data[size_t(i * T + j)];
                v = t > 0 ? Verdict::True : (t == 0 ? Verdict::False : Verdict::Unknown);
            }
            candidates.push_back({int(i), int(j), s, v});
        }
    }
    // Row-major generation + stable sort = the notebook's tie order.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const MarkedContact& a, const MarkedContact& c) { return a.score > c.score; });

    Selection sel;
    if (rule.kind == SelectionRule::Kind::TopFraction) {
        sel.k = static_cast<size_t>(std::floor(rule.fraction * double(Lc) + 1e-9));
        candidates.resize(std::min(candidates.size(), sel.k));
    } else {
        auto end = std::find_if(candidates.begin(), candidates.end(),
                                [&](const MarkedContact& c) { return c.score < rule.threshold; });
        candidates.erase(end, candidates.end());
        sel.k = candidates.size();
    }
    sel.contacts = std::move(candidates);
    for (const MarkedContact& c : sel.contacts) sel.truePositives += c.verdict == Verdict::True ? 1 : 0;
    sel.precision =
        (truth && sel.k > 0) ? double(sel.truePositives) / double(sel.k) : std::numeric_limits<double>::quiet_NaN();
    return sel;
}

}  // namespace axs
