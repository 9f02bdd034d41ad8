// Per-column statistics of an alignment, computed once per MSA and shared by the colour
// schemes (Clustal X and percent identity depend on the column) and the tracks
// (consensus, conservation, gap occupancy).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "msa/msa.hpp"

namespace axs::ui {

/// Index of a character in ColumnStats::counts: 'A'..'Z' -> 0..25, anything else (gap '-',
/// '.', unknown) -> kGapSlot.
constexpr int kGapSlot = 26;
inline int residueSlot(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    return kGapSlot;
}

/// Clustal X residue classes whose share of the column passed its threshold (bit flags).
enum ClustalClass : uint16_t {
    kHydrophobic = 1 << 0,  ///< A C F I L M V W (+ H Y P for counting), >= 60 %
    kPositive = 1 << 1,     ///< K R, >= 60 %
    kNegative = 1 << 2,     ///< D E, >= 50 %
    kAmide = 1 << 3,        ///< N Q, >= 50 %
    kHydroxyl = 1 << 4,     ///< S T, >= 50 %
    kCysteine = 1 << 5,     ///< C alone, >= 85 %
    kAromatic = 1 << 6,     ///< H Y (+ F W), >= 60 %
};

struct ColumnStats {
    std::array<uint32_t, 27> counts{};  ///< residue counts by residueSlot(); counts[kGapSlot] = gaps
    char consensus = '-';               ///< most frequent residue ('-' when the column is all gaps)
    float consensusFraction = 0;        ///< rows holding the consensus residue / all rows, 0..1
    float gapFraction = 0;              ///< gap rows / all rows, 0..1
    /// 1 - H / log2(20) over the residues present, times (1 - gapFraction); 0..1, 1 = invariant.
    float conservation = 0;
    char queryResidue = '-';      ///< the query's (row 0) character in this column
    float queryIdentity = 0;      ///< rows equal to the query residue / all rows (0 if query has a gap)
    uint16_t clustalClasses = 0;  ///< ClustalClass flags
};

/// One entry per alignment column (0-based). Linear in depth x width.
std::vector<ColumnStats> computeColumnStats(const Msa& msa);

/// Query numbering of each alignment column: the 1-based index of the query residue in
/// that column, or 0 where the query has a gap.
std::vector<int> queryNumbering(const Msa& msa);

}  // namespace axs::ui
