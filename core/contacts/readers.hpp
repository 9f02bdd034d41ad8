// The individual prediction parsers behind the registry in contact_prediction.cpp
// (internal to core/contacts). Each gets the whole file content.
#pragma once

#include <string>

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

/// Builds the symmetric L x L matrix (NaN = unscored) from 1-based pairs, keeping the larger
/// score of duplicates; pairs beyond L are counted, not stored.
struct ScoredPair {
    long long i, j;
    double score;
};
void fillFromPairs(ContactPrediction& out, const std::vector<ScoredPair>& pairs, size_t length);

}  // namespace axs::contacts_detail
