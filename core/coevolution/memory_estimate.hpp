// Peak memory of the coevolution methods, planned from the alignment's size alone, so that
// a batch scheduler (workflows/batch, through `axialscope-cli estimate`) can reserve it
// before the run. The counts follow the buffers the code allocates; tests/coevolution
// compares them with the measured peak resident memory of real runs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "coevolution/plm.hpp"

namespace axs::coevolution {

struct CoevolutionMemory {
    int64_t bytes = 0;           ///< total = the three parts below
    int64_t alignmentBytes = 0;  ///< encoded alignment, sequence-weight scratch
    int64_t methodBytes = 0;     ///< plm: parameters, gradient and L-BFGS history; mi: pair tables
    int64_t scoreBytes = 0;      ///< L x L score matrices (raw, APC, float copy for the files)
};

/// runPlm() on an alignment of `rows` sequences and `cols` columns with `options`
/// (precision, history and threads matter). The optimiser dominates: (2·history + 7)
/// vectors of 20·L + 441·L(L-1)/2 parameters (x, the previous x, gradient, previous
/// gradient, direction, the history pairs, and the two difference vectors L-BFGS forms
/// per iteration). An upper bound: identical rows are merged before the fit, which this
/// count does not assume.
CoevolutionMemory plmMemory(size_t rows, size_t cols, const PlmOptions& options = {});

/// sequenceWeights() + mutualInformation() + averageProductCorrection() on an alignment of
/// `rows` x `cols` with `threads` threads (<= 0: the OpenMP default).
CoevolutionMemory mutualInformationMemory(size_t rows, size_t cols, int threads = 0);

}  // namespace axs::coevolution
