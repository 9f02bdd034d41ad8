// Ideal virtual C-beta, placed from N, CA and C exactly as the ESM contact notebook and
// shared/data/derived/make_truth.py do: |CA-CB| = 1.522 A, angle N-CA-CB = 1.927 rad,
// dihedral C-N-CA-CB = -2.143 rad (natural extension reference frame). Used for every
// residue, glycine included; the real CB atom is ignored.
#pragma once

#include "structure/structure.hpp"

namespace axs {

inline constexpr double kCbBondLength = 1.522;  ///< Angstrom
inline constexpr double kCbAngle = 1.927;       ///< radians
inline constexpr double kCbDihedral = -2.143;   ///< radians

/// Coordinates in Angstrom. The arithmetic follows make_truth.py operation by operation
/// (this file is compiled without floating-point contraction) so results match to the bit.
Point3 idealVirtualCb(const Point3& n, const Point3& ca, const Point3& c);

}  // namespace axs
