// `evaluate --pymol FILE --chimerax FILE --molviewspec FILE [--range R] [--top K]`: the
// top-k predicted pairs (core's selectContacts, the contact map's ranking) as viewer
// scripts in the structure's author numbering (viewers/viewer_scripts.hpp).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/tensor.hpp"
#include "metrics/contact_ranking.hpp"
#include "options.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs::cli {

/// Options this adds to `evaluate` (all take a value).
std::vector<std::string> viewerExportOptions();
/// Lines for evaluate's --help.
extern const char* kViewerExportHelp;

/// Writes the scripts the options ask for (none: does nothing) and lists the pairs on
/// `report` ("rank i j residue_i residue_j score verdict", 1-based query positions, author
/// ids). Throws axs::Error for a bad --range / --top or a file that cannot be written.
void writeViewerExports(const Options& opt, const TensorD& scores, const TensorI64& truth, const QueryMapping& mapping,
                        const ProteinStructure& structure, const StructureChain& chain, const std::string& label,
                        std::ostream& report);

}  // namespace axs::cli
