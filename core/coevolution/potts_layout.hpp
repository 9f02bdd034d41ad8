// Where each parameter of the 21-state Potts model lives in the flat vector the optimiser
// works on. Couplings are symmetric, J_ij(a,b) = J_ji(b,a), so each unordered pair i<j is
// stored once.
//
//   fields     h_i(a): L x 20 values at field(i, a), a = 0..19. The gap field h_i(20) is
//              fixed at 0 (not a parameter), as in CCMpred: it removes the field's gauge
//              freedom.
//   couplings  J_ij(a,b) for i<j: a 21 x 21 block per pair at block(i, j), row-major,
//              [a * 21 + b] with a the state at column i and b the state at column j.
//              Pairs are ordered (0,1), (0,2), ..., (0,L-1), (1,2), ... (row-major upper
//              triangle). Column indices are 0-based.
#pragma once

#include <cstddef>

#include "coevolution/encoding.hpp"

namespace axs::coevolution {

struct PottsLayout {
    static constexpr size_t kFieldStates = kAminoAcids;      ///< 20 free field values per column
    static constexpr size_t kBlockSize = kStates * kStates;  ///< 441 values per pair

    size_t columns = 0;  ///< L

    size_t fieldCount() const { return columns * kFieldStates; }
    size_t pairCount() const { return columns * (columns - 1) / 2; }
    size_t size() const { return fieldCount() + pairCount() * kBlockSize; }

    size_t field(size_t i, size_t a) const { return i * kFieldStates + a; }
    /// Index of the unordered pair i<j in 0..pairCount()-1.
    size_t pairIndex(size_t i, size_t j) const { return i * columns - i * (i + 1) / 2 + (j - i - 1); }
    /// Offset of J_ij(0,0) for i<j.
    size_t block(size_t i, size_t j) const { return fieldCount() + pairIndex(i, j) * kBlockSize; }
};

}  // namespace axs::coevolution
