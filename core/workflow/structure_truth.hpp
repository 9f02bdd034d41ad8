// The true contacts of a query, decided in one place for the CLI and the workbench: the
// chain (the one named, else the structure's default), the query↔chain mapping
// (structure/query_mapping.hpp), the contact map over the query positions
// (structure/contact_map.hpp) and the warnings a poor match deserves.
#pragma once

#include <string>
#include <vector>

#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs {

/// The chain named by author id, or the default chain when `id` is null. Throws
/// axs::Error naming the file (and listing its chains) when there is no such chain.
const StructureChain& chooseChain(const ProteinStructure& structure, const std::string* id);

struct StructureTruth {
    std::string chainId;      ///< author chain id ("" = the blank chain)
    QueryMapping mapping;     ///< query position -> chain residue
    QueryContactMap map;      ///< T x T contacts and distances over the query positions
    std::string mappingText;  ///< describeMapping(): "q1-44 -> 1-44, ..."
    /// Things a reader of the results must know: a poor query↔chain match.
    std::vector<std::string> warnings;
};

/// Maps `query` (the alignment's first row, gaps allowed) onto `chain` and builds its
/// true contact map.
StructureTruth truthForQuery(const std::string& query, const StructureChain& chain);

}  // namespace axs
