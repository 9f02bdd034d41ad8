// Writing predicted contact maps in the two text formats users exchange most:
// a plain CSV list and CASP RR. Readers for other tools' formats are in
// contacts/prediction_readers.hpp.
#pragma once

#include <string>

#include "common/tensor.hpp"

namespace axs {

/// Writes `probs` (shape T x T, probabilities, only the upper triangle i<j is read) as
///   i,j,probability
///   12,57,0.93125
///   ...
/// with 1-based residue indices, one line per pair i<j (T*(T-1)/2 lines), sorted by
/// probability descending (ties: i ascending, then j ascending). Probabilities are written
/// in the shortest fixed-point form that reads back to the same float. The file is
/// replaced atomically. Throws axs::Error naming `path` if `probs` is not square or holds
/// NaN / infinite values, or if the file cannot be written.
void writeContactsCsv(const std::string& path, const TensorF& probs);

/// Writes `probs` (T x T) in CASP RR format:
///   PFRMAT RR
///   TARGET <target>          (target: the file name without directory and extension if empty)
///   MODEL  1
///   <querySequence, 50 residues per line>
///   i j 0 8 p                (1-based, i<j, sorted by p descending, ties as in the CSV)
///   END
/// `querySequence` must have exactly T residues (gaps are not allowed: it is the query
/// the positions refer to). Atomic write; same errors as writeContactsCsv plus a
/// length/character mismatch of the sequence.
void writeCaspRr(const std::string& path, const TensorF& probs, const std::string& querySequence,
                 const std::string& target = "");

}  // namespace axs
