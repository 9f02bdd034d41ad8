// The true contact map of a query from a structure: virtual C-beta distance < 8 A (the
// ESM contact notebook's definition), over query positions, with unknown entries where
// a position has no mapped residue or its residue lacks N, CA or C.
#pragma once

#include <vector>

#include "common/tensor.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs {

inline constexpr double kContactCutoff = 8.0;  ///< Angstrom, strict: d < 8.0 is a contact

struct QueryContactMap {
    /// T x T (T = query length incl. gaps), 0-based query positions:
    /// 1 contact (d < cutoff), 0 no contact, -1 unknown. The diagonal is 1 for positions with
    /// coordinates and -1 otherwise (metrics/contact_precision.hpp counts Lc from it).
    TensorI64 contacts;
    /// T x T virtual C-beta distances in Angstrom, NaN where unknown, 0 on known diagonal.
    TensorF distances;
    std::vector<char> hasCoordinates;     ///< per query position
    size_t positionsWithCoordinates = 0;  ///< Lc
};

QueryContactMap queryContactMap(const StructureChain& chain, const QueryMapping& mapping,
                                double cutoff = kContactCutoff);

}  // namespace axs
