// What one model run hands to the views: immutable once built, shared by pointer between
// the main window, the attention explorer, the contact view and the exports.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/tensor.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa.hpp"

namespace axs::ui {

struct RunResult {
    Msa msa;                                      ///< the MSA as run: subsampled, query first (row 0)
    std::vector<size_t> keptRows;                 ///< indices of msa's rows in the opened MSA (0-based)
    TensorI64 tokens;                             ///< 1 x R x C (C = width + 1, <cls> first)
    TensorF rowAttentions;                        ///< 1 x L x H x C x C, kept for the whole run
    TensorF contacts;                             ///< 1 x T x T (T = width); empty if the model has no contact head
    std::shared_ptr<const MsaTransformer> model;  ///< for on-demand column attention (shared, immutable)
    std::string modelLabel;                       ///< e.g. "esm_msa1b_t12_100M_UR50S" or "demo model (random weights)"
    bool randomWeights = false;                   ///< true for the bundled demo model: results are not meaningful
    double seconds = 0;                           ///< wall time of the forward pass

    int layers() const { return static_cast<int>(rowAttentions.shape.size() == 5 ? rowAttentions.shape[1] : 0); }
    int heads() const { return static_cast<int>(rowAttentions.shape.size() == 5 ? rowAttentions.shape[2] : 0); }
    int columns() const { return static_cast<int>(tokens.shape.size() == 3 ? tokens.shape[2] : 0); }  ///< C
};

using RunResultPtr = std::shared_ptr<const RunResult>;

}  // namespace axs::ui
