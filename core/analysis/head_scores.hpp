// "Which heads know about contacts?" Every row-attention head of the MSA Transformer is
// scored on its own as a contact predictor, with the same preprocessing the contact head
// applies to its features (spec §5.11): drop <cls>, symmetrise, APC
// (model/contact_head.hpp: symmetrizeApc), then contact precision by the official notebook
// rules (metrics/contact_precision.hpp: contactPrecision).
//
// Index base: layers and heads are 0-based everywhere here (API, CSV, CLI), so that
// layer * H + head is the feature index f of the contact regression (spec §5.11 step 3)
// and of MsaTransformer::contactRegressionWeights().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "metrics/contact_precision.hpp"

namespace axs {

struct HeadScoreOptions {
    ContactRange range = ContactRange::Long;  ///< which pairs are ranked (default: separation >= 24)
    /// k = floor(fraction * Lc) best pairs are scored (Lc = query positions with coordinates):
    /// 1 = P@L, 0.5 = P@L/2, 0.2 = P@L/5. Must be in (0, 1].
    double fraction = 1.0;
    int threads = 0;  ///< OpenMP threads across heads; 0 = OpenMP default
};

/// The L x H table of per-head precisions.
struct HeadScores {
    int64_t layers = 0;  ///< L
    int64_t heads = 0;   ///< H
    ContactRange range = ContactRange::Long;
    double fraction = 1.0;
    size_t topK = 0;  ///< k = floor(fraction * Lc), the number of pairs each head is judged on
    /// L*H precisions in [0, 1], index layer * H + head (0-based). NaN when k = 0.
    std::vector<double> precision;

    double at(int64_t layer, int64_t head) const { return precision[static_cast<size_t>(layer * heads + head)]; }
    /// Feature indices (layer * H + head) ordered by precision, best first; ties and NaN
    /// (last) keep index order.
    std::vector<size_t> rankedByPrecision() const;
};

/// The T x T symmetrised, APC-corrected map of one head, <cls> row and column removed.
/// rowAttentions: 1 x L x H x C x C (MsaTransformer's ForwardResult::rowAttentions of one
/// MSA) or L x H x C x C; C = T + 1. layer in [0, L), head in [0, H).
/// Throws axs::Error for any other shape or an index out of range.
TensorF headContactMap(const TensorF& rowAttentions, int64_t layer, int64_t head);

/// Scores every head: headContactMap(...) ranked against `truth` (T x T, 1 contact /
/// 0 no contact / -1 unknown, diagonal >= 0 where the position has coordinates; as
/// structure/contact_map.hpp builds it) with contactPrecision(range, fraction).
/// Parallel across heads (options.threads); progress is reported and cancellation checked
/// once per layer. Throws axs::Error when the shapes do not fit together (the message
/// gives both, e.g. when the structure is for another query) or the fraction is not in (0, 1].
HeadScores scoreHeads(const TensorF& rowAttentions, const TensorI64& truth, const HeadScoreOptions& options = {},
                      const Progress& progress = {});

/// Writes the table as CSV, atomically (common/atomic_file.hpp), one row per head in
/// feature-index order (layer-major):
///   layer,head,precision,regression_weight
///   0,0,0.1724137931034483,0.0123
/// layer and head are 0-based (f = layer * H + head); precision with round-trip precision
/// ("nan" when k = 0); regression_weight = regressionWeights[f] (the contact head's
/// weight of this head's feature), left empty when regressionWeights is empty (a model
/// without contact head). Throws axs::Error naming `path` when regressionWeights has
/// neither 0 nor L*H entries or the file cannot be written.
void writeHeadScoresCsv(const std::string& path, const HeadScores& scores, const std::vector<float>& regressionWeights);

}  // namespace axs
