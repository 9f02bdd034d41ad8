// The individual prediction parsers behind the registry in contact_prediction.cpp
// (internal to core/contacts). Each gets the whole file content.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "contacts/contact_prediction.hpp"

namespace axs::contacts_detail {

/// CASP RR / PSICOV / plmDCA / FreeContact pair lists (see contact_prediction.hpp).
ContactPrediction readPairList(const std::string& path, const std::string& bytes, size_t length);

/// Whitespace L x L matrix with '#' comment lines (CCMpred, CCMpredPy, GREMLIN).
ContactPrediction readScoreMatrix(const std::string& path, const std::string& bytes, size_t length);

/// Table with a header row naming i, j and a score column (EVcouplings CSV, GREMLIN table).
ContactPrediction readScoreTable(const std::string& path, const std::string& bytes, size_t length);

/// Which line-oriented layout the first data lines show: "casp-rr", "pair-list", "evfold",
/// "matrix", "table" or "" (none).
std::string classifyText(const std::string& head);

/// Where L came from, for the messages of the validation rules (contact_prediction.hpp).
enum class LengthOrigin {
    Caller,        ///< the length passed to the reader (the query it is evaluated against)
    FileSequence,  ///< the sequence written in the file
    LargestIndex,  ///< none given: the largest residue number (capped at kMaxContactLength)
};

/// One pair line of a list, 1-based, with its line number for messages.
struct ScoredPair {
    long long i, j;
    double score;
    size_t line;
};

/// Validates `pairs` (contact_prediction.hpp: indices within 1..L, i != j, finite scores)
/// and builds the symmetric L x L matrix (NaN = unscored), keeping the largest score of
/// duplicates. `length` 0 = the largest index. Throws axs::Error naming `path` and the line.
void fillFromPairs(ContactPrediction& out, const std::vector<ScoredPair>& pairs, size_t length, LengthOrigin origin,
                   const std::string& path);

/// Checks a dense L x L score matrix (matrix and npy formats): L within the limits, the
/// size `length` when one is given, finite values off the diagonal. `where(i, j)` names a
/// position in messages ("line 3, column 7").
void checkScoreMatrix(const TensorD& scores, size_t length, const std::string& path,
                      const std::function<std::string(int64_t i, int64_t j)>& where);

}  // namespace axs::contacts_detail
