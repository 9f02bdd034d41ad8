// Coevolution contacts for the workbench: the same core calls as `axialscope-cli
// coevolution` (app/cli/cmd_coevolution.cpp), packaged as work for a Job (jobs/job.hpp),
// so a user without the official weights still gets real contacts from the alignment.
#pragma once

#include <QString>
#include <memory>

#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "msa/msa.hpp"

namespace axs::ui {

using TensorD = Tensor<double>;

enum class CoevolutionMethod {
    Plm,  ///< pseudo-likelihood Potts model (CCMpred's model), APC; accurate, seconds to minutes
    Mi,   ///< APC-corrected mutual information; fast, much less accurate
};

/// "plmDCA (coevolution)" / "MI (coevolution)": the name the contact view shows.
QString coevolutionLabel(CoevolutionMethod method);

struct CoevolutionResult {
    CoevolutionMethod method = CoevolutionMethod::Plm;
    std::shared_ptr<const Msa> msa;  ///< the alignment it was computed on (row 0 = query)
    TensorD scores;                  ///< T x T (T = alignment width), symmetric, zero diagonal, APC-corrected
    QString label;                   ///< coevolutionLabel(method)
    QString summary;                 ///< "Beff 123.4, 87 iterations (converged), 2.1 s"
};
using CoevolutionResultPtr = std::shared_ptr<const CoevolutionResult>;

/// Runs `method` on `msa` with row 0 as the query (threads <= 0: OpenMP default). Reports
/// progress and honours cancellation (throws axs::Cancelled); throws axs::Error for
/// alignments the methods cannot use (no rows, fewer than 2 columns).
CoevolutionResultPtr computeCoevolution(std::shared_ptr<const Msa> msa, CoevolutionMethod method, int threads,
                                        const Progress& progress);

}  // namespace axs::ui
