// Seeded random weights: benchmarks, tests and the demo model need a model of the official
// shape without the (large, separately licensed) released checkpoint.
#include <random>

#include "model/weights.hpp"

namespace axs {

namespace {

class Filler {
public:
    explicit Filler(uint64_t seed) : rng_(seed) {}

    std::vector<float> normal(size_t n, float mean = 0.f, float stddev = 0.02f) {
        std::normal_distribution<float> dist(mean, stddev);
        std::vector<float> v(n);
        for (float& x : v) x = dist(rng_);
        return v;
    }
    LinearWeights linear(int out, int in) {
        LinearWeights w;
        w.out = out;
        w.in = in;
        w.weight = normal(static_cast<size_t>(out) * static_cast<size_t>(in));
        w.bias = normal(static_cast<size_t>(out));
        return w;
    }
    LayerNormWeights layerNorm(int dim) {
        return {normal(static_cast<size_t>(dim), 1.f), normal(static_cast<size_t>(dim))};
    }
    AttentionWeights attention(int dim) {
        AttentionWeights a;
        a.norm = layerNorm(dim);
        a.qkv = stackRows({linear(dim, dim), linear(dim, dim), linear(dim, dim)});
        a.out = linear(dim, dim);
        return a;
    }

private:
    std::mt19937_64 rng_;
};

}  // namespace

std::unique_ptr<MsaTransformer::Weights> randomWeights(const ModelConfig& config, uint64_t seed) {
    validateConfig(config, "random model");
    const size_t D = static_cast<size_t>(config.embedDim);
    Filler fill(seed);
    auto w = std::make_unique<MsaTransformer::Weights>();
    w->config = config;
    w->embedTokens = fill.normal(kVocabSize * D);
    w->embedPositions = fill.normal((static_cast<size_t>(config.maxPositions) + 2) * D);
    if (config.rowEmbeddingWidth > 0)
        w->msaPositions = fill.normal(static_cast<size_t>(kMaxMsaRows) * static_cast<size_t>(config.rowEmbeddingWidth));
    w->embNormBefore = fill.layerNorm(config.embedDim);
    w->embNormAfter = fill.layerNorm(config.embedDim);
    w->layers.resize(static_cast<size_t>(config.layers));
    for (LayerWeights& lw : w->layers) {
        lw.row = fill.attention(config.embedDim);
        lw.column = fill.attention(config.embedDim);
        lw.ffnNorm = fill.layerNorm(config.embedDim);
        lw.fc1 = fill.linear(config.ffnDim, config.embedDim);
        lw.fc2 = fill.linear(config.embedDim, config.ffnDim);
    }
    w->lmDense = fill.linear(config.embedDim, config.embedDim);
    w->lmNorm = fill.layerNorm(config.embedDim);
    w->lmBias = fill.normal(kVocabSize);
    if (config.hasContactHead) {
        // Larger weights than 0.02 so that random contact maps are not all ~sigmoid(bias).
        w->regressionWeight =
            fill.normal(static_cast<size_t>(config.layers) * static_cast<size_t>(config.heads), 0.f, 0.5f);
        w->regressionBias = fill.normal(1, -5.f, 0.1f)[0];
    }
    return w;
}

}  // namespace axs
