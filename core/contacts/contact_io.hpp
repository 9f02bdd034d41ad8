// Writing predicted contact maps in the two text formats users exchange most: a CSV list
// and CASP RR. One writer per format for the whole program: `axialscope-cli predict` /
// `coevolution` and the workbench's File ▸ Export write the same bytes for the same
// prediction. Pairs are ranked by metrics/contact_ranking.hpp (score descending, ties
// row-major). Readers for other tools' formats are in contacts/contact_prediction.hpp.
#pragma once

#include <cstddef>
#include <string>

#include "common/tensor.hpp"

namespace axs {

/// What is known about the positions besides the prediction.
struct ContactAnnotation {
    /// The query as aligned: one character per position (T), '-' where the query has a gap.
    std::string query;
    /// True contacts of a structure over the query positions (T x T, 1 / 0 / -1 unknown;
    /// structure/contact_map.hpp), or null. Borrowed for the call.
    const TensorI64* truth = nullptr;
    /// Virtual C-beta distances in Angstrom (T x T, NaN unknown), or null. Borrowed.
    const TensorF* distances = nullptr;
};

struct ContactListOptions {
    int minSeparation = 1;  ///< only pairs with j - i >= minSeparation
    size_t maxRows = 0;     ///< 0: every pair; else the best maxRows
};

/// Writes `probs` (T x T probabilities or scores, only the upper triangle i<j is read) as
///   i,j,probability,residue_i,residue_j,cb_distance,true_contact
///   12,57,0.93125,K,L,6.41,true
/// one line per pair i<j (1-based positions), best first. The first three columns are
/// the contact list of earlier versions, so readers that take columns by position still
/// work. Scores are written in the shortest fixed-point form that reads back to the same
/// float (never scientific notation); residues are the query's letters ('-' for a gap
/// column); cb_distance with two decimals and true_contact (true / false) stay empty
/// without a structure or where the structure does not know the pair. The file is
/// replaced atomically. Throws axs::Error naming `path` if `probs` is not square, holds
/// NaN / infinite values, disagrees in size with the query, truth or distances, or if
/// the file cannot be written.
void writeContactsCsv(const std::string& path, const TensorF& probs, const ContactAnnotation& annotation,
                      const ContactListOptions& options = {});

/// Writes `probs` (T x T) in CASP RR format:
///   PFRMAT RR
///   TARGET <target>          (target: the file name without directory and extension if empty)
///   MODEL  1
///   <query, 50 residues per line>
///   i j 0 8 p                (1-based, i<j, best first, ties as in the CSV)
///   END
/// `query` has exactly T characters: residue letters, and gap characters ('-' or '.',
/// possible in Clustal / Stockholm input or with another row as the query) which are
/// written as 'X' so that the header keeps one letter per position. Atomic write; same
/// errors as writeContactsCsv plus a length mismatch or a character that is neither a
/// letter nor a gap.
void writeCaspRr(const std::string& path, const TensorF& probs, const std::string& query,
                 const std::string& target = "");

}  // namespace axs
