#include "msa/column_stats.hpp"

#include <cmath>
#include <string_view>

namespace axs::ui {
namespace {

uint32_t sumOf(const ColumnStats& s, std::string_view letters) {
    uint32_t n = 0;
    for (char c : letters) n += s.counts[residueSlot(c)];
    return n;
}

// Thresholds follow the published Clustal X colouring rules, simplified to one test per
// class (the original also mixes classes for a few residues; see colour_schemes.cpp).
uint16_t clustalClassesOf(const ColumnStats& s, uint32_t rows) {
    const auto share = [&](std::string_view letters) { return rows ? double(sumOf(s, letters)) / rows : 0.0; };
    uint16_t flags = 0;
    if (share("ACFHILMVWYP") >= 0.6) flags |= kHydrophobic;
    if (share("KR") >= 0.6) flags |= kPositive;
    if (share("DE") >= 0.5) flags |= kNegative;
    if (share("NQ") >= 0.5) flags |= kAmide;
    if (share("ST") >= 0.5) flags |= kHydroxyl;
    if (share("C") >= 0.85) flags |= kCysteine;
    if (share("HYFW") >= 0.6) flags |= kAromatic;
    return flags;
}

}  // namespace

std::vector<ColumnStats> computeColumnStats(const Msa& msa) {
    const size_t width = msa.width(), depth = msa.depth();
    std::vector<ColumnStats> stats(width);
    for (const std::string& row : msa.rows)
        for (size_t c = 0; c < width && c < row.size(); ++c) ++stats[c].counts[residueSlot(row[c])];

    static const double log20 = std::log2(20.0);
    for (size_t c = 0; c < width; ++c) {
        ColumnStats& s = stats[c];
        uint32_t best = 0, residues = 0;
        for (int k = 0; k < kGapSlot; ++k) {
            residues += s.counts[k];
            if (s.counts[k] > best) best = s.counts[k], s.consensus = static_cast<char>('A' + k);
        }
        const double rows = depth ? double(depth) : 1.0;
        s.consensusFraction = float(best / rows);
        s.gapFraction = float(s.counts[kGapSlot] / rows);
        double entropy = 0;
        for (int k = 0; k < kGapSlot && residues; ++k)
            if (s.counts[k]) {
                const double p = double(s.counts[k]) / residues;
                entropy -= p * std::log2(p);
            }
        s.conservation = residues ? float(std::max(0.0, 1.0 - entropy / log20) * (1.0 - s.gapFraction)) : 0.f;
        s.queryResidue = depth ? msa.rows[0][c] : '-';
        const int q = residueSlot(s.queryResidue);
        s.queryIdentity = q == kGapSlot ? 0.f : float(s.counts[q] / rows);
        s.clustalClasses = clustalClassesOf(s, static_cast<uint32_t>(depth));
    }
    return stats;
}

std::vector<int> queryNumbering(const Msa& msa) {
    std::vector<int> numbers(msa.width(), 0);
    if (msa.depth() == 0) return numbers;
    int n = 0;
    for (size_t c = 0; c < numbers.size(); ++c)
        if (residueSlot(msa.rows[0][c]) != kGapSlot) numbers[c] = ++n;
    return numbers;
}

}  // namespace axs::ui
