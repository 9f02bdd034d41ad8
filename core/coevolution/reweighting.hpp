// Sequence reweighting: down-weights clusters of near-identical sequences so that a family
// sampled unevenly does not look like strong conservation or coevolution.
//
// Definition (CCMpred's, reproduced exactly, see soedinglab/CCMpred src/reweighting.c):
//   ids(s,t)   = number of columns where s and t hold the same state, over ALL L columns;
//                gap = gap counts as identical (and so do two non-standard letters, which
//                are encoded as gaps, see coevolution/encoding.hpp);
//   similar    : ids(s,t) > ceil(threshold * L)   (strictly greater; s is similar to itself);
//   w_s        = 1 / #{t : similar(s,t)}          (the count includes s itself, so w_s <= 1);
//   Beff       = sum_s w_s.
// threshold >= 1 gives uniform weights w_s = 1 (CCMpred's "-w 1").
#pragma once

#include <vector>

#include "coevolution/encoding.hpp"

namespace axs::coevolution {

/// One weight per row of `msa`, in row order. OpenMP-parallel over rows; `threads` <= 0
/// uses the OpenMP default. Throws axs::Error if threshold is not in (0, 1].
std::vector<double> sequenceWeights(const EncodedMsa& msa, double threshold = 0.8, int threads = 0);

/// The number of columns two rows must share for the pair to count as similar minus one,
/// i.e. ceil(threshold * L): rows are similar when their identical-column count exceeds it.
size_t identityCutoff(size_t columns, double threshold);

/// Beff = sum of the weights (the effective number of sequences).
double effectiveSequences(const std::vector<double>& weights);

}  // namespace axs::coevolution
