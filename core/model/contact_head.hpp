// The contact head of the MSA Transformer (spec §5.11): per attention map, symmetrise and
// apply the average product correction (APC); a logistic regression over the L·H corrected
// maps of the row attention gives contact probabilities.
#pragma once

#include <cstdint>
#include <vector>

#include "common/tensor.hpp"

namespace axs {

/// S = A + Aᵀ, then S'[i][j] = S[i][j] − rowsum(S)[i] · colsum(S)[j] / sum(S).
/// map: T x T (rank 2, square; throws axs::Error otherwise). Returns T x T. A map whose
/// symmetrised sum is 0 is returned symmetrised but uncorrected (APC is undefined there).
/// Used by the model's contact head, per-head scoring and the GUI.
TensorF symmetrizeApc(const TensorF& map);

/// Pointer form: a is T x T with leading dimension lda; out is T x T contiguous.
void symmetrizeApc(const float* a, int64_t T, int64_t lda, float* out);

/// Accumulates the regression over layers as they are computed, so the full
/// L x H x C x C stack never has to be kept just for contacts.
class ContactAccumulator {
public:
    /// T = C − 1 (the <cls> column is dropped); weights: L·H, index layer·H + head.
    ContactAccumulator(int64_t T, int64_t heads, const std::vector<float>& weights, float bias);
    /// probs: H x C x C row-attention probabilities of `layer` (C = T + 1).
    void addLayer(int layer, const float* probs);
    /// T x T sigmoid probabilities (written to out, contiguous).
    void finish(float* out) const;

private:
    int64_t T_, heads_;
    const std::vector<float>& weights_;
    float bias_;
    std::vector<double> sum_;
    std::vector<float> scratch_;
};

}  // namespace axs
