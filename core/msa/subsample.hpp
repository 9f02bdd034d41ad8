// Choosing which rows of a deep MSA to feed the model (spec §2.4), and putting the query
// first. All row indices are 0-based; row 0 is the query.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "msa/msa.hpp"

namespace axs {

enum class SubsampleMode {
    /// The official contact notebook's greedy_select(mode="max"): start from {0}, repeatedly
    /// add the row with the largest mean normalised Hamming distance to the rows chosen so far.
    Greedy,
    /// The first maxRows rows in file order (the official variant-prediction script).
    First,
};

/// Sorted row indices to keep, always including 0. If depth <= maxRows all rows are kept.
/// Greedy ties go to the lowest row index. The distances are computed in the same floating-
/// point arithmetic as the official numpy/scipy code (d = mismatches / width in double,
/// summed in selection order, divided by the number of chosen rows), so the same rows are
/// picked even where rounding separates values that are mathematically equal.
/// Cost O(depth * maxRows * width), parallel over rows (OpenMP). Throws axs::Error when
/// maxRows is 0 or rows differ in length.
std::vector<size_t> selectRows(const Msa& msa, size_t maxRows, SubsampleMode mode);

/// The rows `rows` (0-based indices, in the given order) of `msa`; names and descriptions
/// follow their rows, sourcePath and format are kept. Throws axs::Error naming the source
/// file for an empty list or an index out of range.
Msa keepRows(const Msa& msa, const std::vector<size_t>& rows);

/// The MSA restricted to selectRows(...) (names/descriptions follow their rows).
Msa subsample(const Msa& msa, size_t maxRows, SubsampleMode mode);

/// The MSA with row `queryRow` moved to the front; the other rows keep their order.
/// Throws axs::Error naming the source file when queryRow >= depth.
Msa withQueryFirst(const Msa& msa, size_t queryRow);

/// First row whose residues (gaps '-' and '.' removed, case ignored) equal `sequence`
/// (whitespace, gaps and case in `sequence` ignored too). For alignments whose first row
/// is not the target (PSICOV benchmark files): withQueryFirst(msa, *findRowBySequence(...)).
std::optional<size_t> findRowBySequence(const Msa& msa, std::string_view sequence);

/// First row with exactly this name.
std::optional<size_t> findRowByName(const Msa& msa, std::string_view name);

}  // namespace axs
