#include "heads/head_scores.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "analysis/head_scores.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace axs::ui {

TensorD scoreHeads(const TensorF& rowAttentions, const TensorI64& truth, const HeadScoreRule& rule,
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

void writeHeadScoresCsv(const QString& qpath, const TensorD& scores, const TensorD& weights,
                        const HeadScoreRule& rule) {
    const std::string path = qpath.toStdString();
    if (scores.rank() != 2) failFile(path, "head scores must be L x H, got " + scores.shapeString());
    if (weights.size() && weights.shape != scores.shape)
        failFile(path,
                 "regression weights " + weights.shapeString() + " do not match the scores " + scores.shapeString());
    auto number = [](double v) {
        char buf[40];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        return std::string(buf, r.ptr);
    };
    auto weight = [](double v) {  // the weights are float32: print their shortest float form
        char buf[40];
        auto r = std::to_chars(buf, buf + sizeof buf, float(v));
        return std::string(buf, r.ptr);
    };
    const RangeBounds b = rangeBounds(rule.range);
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "# precision of each head's symmetrised+APC row attention: " << b.name << "-range, top "
            << number(rule.fraction) << " * L pairs\n";
        out << "layer,head,precision,regression_weight\n";
        for (int64_t l = 0; l < scores.shape[0]; ++l)
            for (int64_t h = 0; h < scores.shape[1]; ++h) {
                const double p = scores.at(l, h);
                out << l << ',' << h << ',' << (std::isnan(p) ? std::string() : number(p)) << ','
                    << (weights.size() ? weight(weights.at(l, h)) : std::string()) << '\n';
            }
    });
}

}  // namespace axs::ui
