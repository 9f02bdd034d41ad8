#include "analysis/head_scores.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <numeric>
#include <ostream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "model/contact_head.hpp"

namespace axs {

namespace {

/// Row attentions viewed as L x H x C x C, whichever of the two accepted ranks they come in.
struct AttentionView {
    int64_t layers = 0, heads = 0, columns = 0;
    const float* data = nullptr;

    const float* map(int64_t layer, int64_t head) const { return data + (layer * heads + head) * columns * columns; }
};

AttentionView viewOf(const TensorF& a) {
    const bool batched = a.rank() == 5;
    if (!(batched || a.rank() == 4) || (batched && a.shape[0] != 1))
        throw Error("row attentions must be 1 x L x H x C x C (one MSA) or L x H x C x C, got " + a.shapeString());
    const int64_t o = batched ? 1 : 0;
    AttentionView v{a.shape[o], a.shape[o + 1], a.shape[o + 2], a.ptr()};
    if (a.shape[o + 3] != v.columns || v.columns < 2 || v.layers < 1 || v.heads < 1)
        throw Error("row attentions must hold square C x C maps with C >= 2 (<cls> + the query), got " +
                    a.shapeString());
    return v;
}

}  // namespace

std::vector<size_t> HeadScores::rankedByPrecision() const {
    std::vector<size_t> order(precision.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const double pa = precision[a], pb = precision[b];
        if (std::isnan(pb)) return !std::isnan(pa);  // NaN goes last
        if (std::isnan(pa)) return false;
        return pa > pb;
    });
    return order;
}

TensorF headContactMap(const TensorF& rowAttentions, int64_t layer, int64_t head) {
    const AttentionView v = viewOf(rowAttentions);
    if (layer < 0 || layer >= v.layers || head < 0 || head >= v.heads)
        throw Error("no attention head layer " + std::to_string(layer) + " head " + std::to_string(head) +
                    " (0-based; the model has " + std::to_string(v.layers) + " layers x " + std::to_string(v.heads) +
                    " heads)");
    const int64_t T = v.columns - 1;
    TensorF out({T, T});
    // Skip the <cls> query row and key column: start at [1][1], leading dimension C.
    symmetrizeApc(v.map(layer, head) + v.columns + 1, T, v.columns, out.ptr());
    return out;
}

HeadScores scoreHeads(const TensorF& rowAttentions, const TensorI64& truth, const HeadScoreOptions& options,
                      const Progress& progress) {
    const AttentionView v = viewOf(rowAttentions);
    const int64_t T = v.columns - 1;
    if (truth.rank() != 2 || truth.shape[0] != T || truth.shape[1] != T)
        throw Error("the contact truth " + truth.shapeString() + " does not fit the row attentions " +
                    rowAttentions.shapeString() + ", which cover " + std::to_string(T) +
                    " query positions (is the structure mapped to another query?)");
    if (!(options.fraction > 0 && options.fraction <= 1))
        throw Error("the top-k fraction must be in (0, 1], got " + std::to_string(options.fraction));

    HeadScores s;
    s.layers = v.layers;
    s.heads = v.heads;
    s.range = options.range;
    s.fraction = options.fraction;
    // The same k as contactPrecision computes (including its epsilon for f = 0.2 etc.).
    s.topK =
        static_cast<size_t>(std::floor(options.fraction * static_cast<double>(positionsWithCoordinates(truth)) + 1e-9));
    s.precision.assign(static_cast<size_t>(v.layers * v.heads), 0.0);

    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    for (int64_t layer = 0; layer < v.layers; ++layer) {
        progress.throwIfCancelled();
        std::exception_ptr failure;  // exceptions must not leave an OpenMP region
#pragma omp parallel for schedule(dynamic) num_threads(threads) if (v.heads > 1)
        for (int64_t head = 0; head < v.heads; ++head) {
            try {
                TensorF map({T, T});
                symmetrizeApc(v.map(layer, head) + v.columns + 1, T, v.columns, map.ptr());
                s.precision[static_cast<size_t>(layer * v.heads + head)] =
                    contactPrecision(map, truth, options.range, options.fraction);
            } catch (...) {
#pragma omp critical(axs_score_heads_failure)
                if (!failure) failure = std::current_exception();
            }
        }
        if (failure) std::rethrow_exception(failure);
        progress.update(static_cast<double>(layer + 1) / static_cast<double>(v.layers),
                        "scoring heads, layer " + std::to_string(layer + 1) + "/" + std::to_string(v.layers));
    }
    return s;
}

void writeHeadScoresCsv(const std::string& path, const HeadScores& scores,
                        const std::vector<float>& regressionWeights) {
    const auto features = static_cast<size_t>(scores.layers * scores.heads);
    if (scores.precision.size() != features)
        failFile(path, "the head table holds " + std::to_string(scores.precision.size()) + " values for " +
                           std::to_string(scores.layers) + " x " + std::to_string(scores.heads) + " heads");
    if (!regressionWeights.empty() && regressionWeights.size() != features)
        failFile(path, "the model has " + std::to_string(regressionWeights.size()) +
                           " contact-regression weights, but the table has " + std::to_string(features) + " heads");
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "layer,head,precision,regression_weight\n";
        char buf[64];
        for (int64_t layer = 0; layer < scores.layers; ++layer)
            for (int64_t head = 0; head < scores.heads; ++head) {
                const auto f = static_cast<size_t>(layer * scores.heads + head);
                out << layer << ',' << head << ',';
                const double p = scores.precision[f];
                if (std::isnan(p)) {
                    out << "nan";
                } else {
                    std::snprintf(buf, sizeof buf, "%.17g", p);  // round-trips a double
                    out << buf;
                }
                out << ',';
                if (!regressionWeights.empty()) {
                    std::snprintf(buf, sizeof buf, "%.9g",
                                  static_cast<double>(regressionWeights[f]));  // round-trips a float
                    out << buf;
                }
                out << '\n';
            }
    });
}

}  // namespace axs
