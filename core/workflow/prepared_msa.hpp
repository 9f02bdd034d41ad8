// The alignment as a run sees it, decided in one place for the CLI and the workbench:
// the opened file with the query row moved first (msa/subsample.hpp: withQueryFirst),
// then the rows fed to the model (all, the first N, or the official greedy choice).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "msa/msa.hpp"
#include "msa/subsample.hpp"

namespace axs {

/// How many rows a run takes and how they are chosen.
struct RowSelection {
    size_t maxRows = 128;  ///< rows fed to the model, query included; 0 = all
    SubsampleMode mode = SubsampleMode::Greedy;
};

/// "greedy" / "first".
std::string subsampleModeName(SubsampleMode mode);
/// Inverse of subsampleModeName; throws axs::Error naming `what` (e.g. "--subsample") otherwise.
SubsampleMode parseSubsampleMode(const std::string& name, const std::string& what);

struct PreparedMsa {
    Msa msa;                       ///< the rows fed to the model, query first
    std::vector<size_t> keptRows;  ///< their indices in the opened alignment (0-based, ascending, 0 first)
    size_t openedRows = 0;         ///< rows of the opened alignment
    bool subsampled() const { return msa.depth() < openedRows; }
};

/// `opened` (query already first) cut down to `selection`. Throws axs::Error for an empty
/// alignment.
PreparedMsa prepareMsa(const Msa& opened, const RowSelection& selection);

}  // namespace axs
