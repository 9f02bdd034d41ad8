// Which structure residue each query position is: a global sequence alignment of the
// query (the MSA's first row) against the chain's residues (gemmi's aligner, BLOSUM62,
// gap opening free at chain breaks, so gaps go where residues are missing). Works with
// missing residues, extra tails and any author / label numbering.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "structure/structure.hpp"

namespace axs {

inline constexpr double kMinMappingIdentity = 0.9;  ///< below this the mapping is flagged
inline constexpr double kMinMappingCoverage = 0.5;  ///< below this the mapping is flagged

struct QueryMapping {
    /// Per query position (0-based, over the whole query string including any '-' / '.'):
    /// index into StructureChain::residues, or -1 when the position has no residue.
    std::vector<int> residueIndex;
    size_t queryResidues = 0;    ///< query letters (gaps not counted)
    size_t alignedPairs = 0;     ///< query residues aligned to a structure residue
    size_t identicalPairs = 0;   ///< ... of which the letters are equal
    double identity = 0;         ///< identicalPairs / alignedPairs (0 if none)
    double coverage = 0;         ///< alignedPairs / queryResidues
    bool lowConfidence = false;  ///< identity < kMinMappingIdentity or coverage < kMinMappingCoverage
    std::string warning;         ///< human-readable reason when lowConfidence, else ""
    std::string alignment;       ///< three lines: query, match marks, chain (for display)
};

/// Aligns `query` (letters, optionally with '-' / '.' gaps) to `chain`.
QueryMapping mapQueryToChain(const std::string& query, const StructureChain& chain);

/// A run of consecutive query positions mapped to consecutive chain residues.
struct MappedSegment {
    size_t queryFirst = 0, queryLast = 0;      ///< 0-based query positions, inclusive
    size_t residueFirst = 0, residueLast = 0;  ///< indices into StructureChain::residues, inclusive
};
std::vector<MappedSegment> mappedSegments(const QueryMapping& mapping);

/// "q1-44 -> 1-44, q50-88 -> 50-88": 1-based query positions to author residue ids
/// (with insertion codes), the notation of shared/data/MANIFEST.md. "none" if nothing maps.
std::string describeMapping(const QueryMapping& mapping, const StructureChain& chain);

}  // namespace axs
