// Every attention head as a contact predictor: each layer/head's row attention, without
// <cls>, symmetrised + APC (model/contact_head.hpp), scored like a prediction against a
// structure (metrics/contact_precision.hpp). Heads that score high are the ones the
// contact regression relies on.
#pragma once

#include <vector>

#include "analysis/head_scores.hpp"
#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "metrics/contact_precision.hpp"

namespace axs::ui {

struct HeadScoreRule {
    ContactRange range = ContactRange::Long;
    double fraction = 1.0;  ///< top floor(fraction * Lc) pairs: 1 = P@L, 0.5 = P@L/2, 0.2 = P@L/5
};

/// L x H precisions, [layer][head] 0-based (NaN where k = 0). rowAttentions: 1 x L x H x C x C;
/// truth: T x T (T = C - 1; 1 / 0 / -1). Reports progress per layer and honours cancellation.
/// Throws axs::Error for mismatched shapes.
TensorD headScoreGrid(const TensorF& rowAttentions, const TensorI64& truth, const HeadScoreRule& rule,
                      const Progress& progress = {});

/// The contact regression weights (length L*H, index layer*H + head) as an L x H grid;
/// throws axs::Error if the length is not L*H.
TensorD regressionWeightGrid(const std::vector<float>& weights, int layers, int heads);

/// The grid and rule as core's table, for its CSV writer (analysis/head_scores.hpp:
/// writeHeadScoresCsv, the writer of `axialscope-cli heads --csv`).
HeadScores headScoreTable(const TensorD& scores, const HeadScoreRule& rule);

}  // namespace axs::ui
