#include "heads/head_scores.hpp"

#include <cmath>
#include <string>

#include "analysis/head_scores.hpp"
#include "common/error.hpp"

namespace axs::ui {

TensorD headScoreGrid(const TensorF& rowAttentions, const TensorI64& truth, const HeadScoreRule& rule,
                      const Progress& progress) {
    // One scorer for the CLI and the workbench: core/analysis/head_scores.hpp.
    HeadScoreOptions options;
    options.range = rule.range;
    options.fraction = rule.fraction;
    const HeadScores scores = axs::scoreHeads(rowAttentions, truth, options, progress);
    TensorD grid({scores.layers, scores.heads});
    grid.data = scores.precision;
    return grid;
}

TensorD regressionWeightGrid(const std::vector<float>& weights, int layers, int heads) {
    if (weights.size() != size_t(layers) * size_t(heads))
        throw Error("the contact regression has " + std::to_string(weights.size()) + " weights, expected " +
                    std::to_string(layers) + " x " + std::to_string(heads));
    TensorD grid({layers, heads});
    for (size_t k = 0; k < weights.size(); ++k) grid.data[k] = weights[k];
    return grid;
}

HeadScores headScoreTable(const TensorD& scores, const HeadScoreRule& rule) {
    if (scores.rank() != 2) throw Error("head scores must be L x H, got " + scores.shapeString());
    HeadScores table;
    table.layers = scores.shape[0];
    table.heads = scores.shape[1];
    table.range = rule.range;
    table.fraction = rule.fraction;
    table.precision = scores.data;
    return table;
}

}  // namespace axs::ui
