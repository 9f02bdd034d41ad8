// One model run, the same for `axialscope-cli predict` / `heads` and the workbench: the
// prepared alignment, its tokens, the outputs asked for and the identity of the model.
// Immutable once built; the workbench shares it between views by pointer, a saved
// analysis (workflow/analysis_document.hpp) writes and reads it.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa.hpp"
#include "workflow/model_identity.hpp"
#include "workflow/prepared_msa.hpp"

namespace axs {

struct ModelRun {
    Msa msa;                                 ///< the rows as run: query first (row 0), subsampled
    std::vector<size_t> keptRows;            ///< indices of msa's rows in the opened alignment (0-based)
    size_t openedRows = 0;                   ///< rows of the opened alignment
    RowSelection selection;                  ///< how the rows were chosen
    TensorI64 tokens;                        ///< 1 x R x C (C = width + 1, <cls> first)
    TensorF rowAttentions;                   ///< 1 x L x H x C x C; empty when not asked for
    TensorF contacts;                        ///< 1 x T x T (T = width); empty when not asked for / no contact head
    TensorF logits;                          ///< 1 x R x C x 33; empty when not asked for
    std::map<int, TensorF> representations;  ///< layer k -> 1 x R x C x D, the layers asked for
    /// The contact regression's weights (L*H, index layer*H + head), empty without a contact head.
    std::vector<float> regressionWeights;
    ModelIdentity model;
    Precision precision = Precision::Fp32;
    double seconds = 0;  ///< wall time of the forward pass

    int layers() const { return static_cast<int>(rowAttentions.rank() == 5 ? rowAttentions.shape[1] : 0); }
    int heads() const { return static_cast<int>(rowAttentions.rank() == 5 ? rowAttentions.shape[2] : 0); }
    int columns() const { return static_cast<int>(tokens.rank() == 3 ? tokens.shape[2] : 0); }  ///< C
};

/// The run's contacts as the T x T matrix the writers and metrics take (empty if none).
TensorF contactMap(const ModelRun& run);

/// Tokenizes `input`, runs `model` with `options` and packages the outputs (column
/// attentions are not kept: take them through options.colAttentionSink). Reports the
/// forward pass's progress and honours cancellation. Throws axs::Error when the model
/// cannot take the alignment, or when contacts are asked for and the model has no
/// contact-regression weights.
ModelRun runModel(const LoadedModel& model, PreparedMsa input, const RowSelection& selection,
                  const ForwardOptions& options, const Progress& progress = {});

/// What the workbench keeps of a run: row attentions, and contacts when the model has a
/// contact-regression head; column attentions are computed later, per chosen column. One
/// place for the run itself and for the estimate shown before it.
ForwardOptions workbenchForwardOptions(bool contacts, int threads);

}  // namespace axs
