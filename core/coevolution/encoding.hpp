// The 21-state alphabet of the coevolution methods (plm, MI) and an MSA encoded in it.
//
// States follow CCMpred's order so that raw parameters line up with its files:
//   0..19 = A R N D C Q E G H I L K M F P S T W Y V,   20 = gap.
// Every other character -- '-' and '.', the ambiguity / rare letters X B Z J U O, digits,
// anything unknown -- is encoded as the gap state 20, exactly as CCMpred's aatoi() does.
// (Treating X/B/Z/U/O as "no information" keeps them from forming spurious amino-acid
// couplings; they are rare in real alignments.) Lower-case letters are upper-cased first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "msa/msa.hpp"

namespace axs::coevolution {

inline constexpr int kStates = 21;      ///< q: 20 amino acids + gap
inline constexpr int kAminoAcids = 20;  ///< states 0..19
inline constexpr int kGapState = 20;

/// The amino-acid letters in state order ("ARNDCQEGHILKMFPSTWYV"), then '-'.
inline constexpr char kStateLetters[] = "ARNDCQEGHILKMFPSTWYV-";

/// State of one alignment character (0..20; 20 for gaps and every non-standard letter).
uint8_t encodeResidue(char c);

/// An alignment in states, kept in both layouts because the hot loops read it both ways.
struct EncodedMsa {
    size_t rows = 0;                ///< N sequences
    size_t cols = 0;                ///< L alignment columns
    std::vector<uint8_t> byRow;     ///< byRow[s * cols + i] = state of sequence s at column i
    std::vector<uint8_t> byColumn;  ///< byColumn[i * rows + s] = the same state

    uint8_t at(size_t s, size_t i) const { return byRow[s * cols + i]; }
};

/// Encodes every row of `msa` (row 0 stays row 0). Throws axs::Error naming the MSA's
/// source if it has no rows, no columns, or rows of different lengths.
EncodedMsa encodeMsa(const Msa& msa);

/// Builds an EncodedMsa from states directly (each row of length `cols`, values 0..20);
/// used by tests and by deduplication. Throws axs::Error on out-of-range states.
EncodedMsa encodedFromStates(std::vector<uint8_t> byRow, size_t rows, size_t cols);

}  // namespace axs::coevolution
