// Contacts from the alignment alone (no model), the same for `axialscope-cli coevolution`
// and the workbench: pseudo-likelihood Potts model (plm, CCMpred's model) or
// APC-corrected mutual information (mi), with 80 % identity reweighting.
#pragma once

#include <string>

#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "msa/msa.hpp"

namespace axs {

enum class CoevolutionMethod {
    Plm,  ///< pseudo-likelihood Potts model (CCMpred's model), APC; accurate, seconds to minutes
    Mi,   ///< APC-corrected mutual information; fast, much less accurate
};

/// "plm" / "mi" (the CLI's --method and the saved analysis' method names).
std::string coevolutionMethodId(CoevolutionMethod method);
/// Inverse of coevolutionMethodId; throws axs::Error naming `what` otherwise.
CoevolutionMethod parseCoevolutionMethod(const std::string& id, const std::string& what);
/// "plmDCA (coevolution)" / "MI (coevolution)": the name the contact map shows.
std::string coevolutionLabel(CoevolutionMethod method);

struct CoevolutionRun {
    CoevolutionMethod method = CoevolutionMethod::Plm;
    std::string query;       ///< the alignment's query row (T characters, gaps possible)
    std::string sourcePath;  ///< the alignment file ("" when built in memory)
    /// T x T float32 (T = alignment width), symmetric, zero diagonal, APC-corrected
    /// coupling strengths: larger = more likely a contact; not probabilities.
    TensorF scores;
    /// "Beff 123.4, 87 iterations (converged)" / "Beff 123.4".
    std::string summary;
    double seconds = 0;  ///< wall time
};

/// Runs `method` on `msa` with row 0 as the query (threads <= 0: OpenMP default).
/// Reports progress and honours cancellation (throws axs::Cancelled); throws axs::Error for
/// alignments the methods cannot use (no rows, fewer than 2 columns).
CoevolutionRun runCoevolution(const Msa& msa, CoevolutionMethod method, int threads, const Progress& progress = {});

}  // namespace axs
