// Building the model's parameter set from a loaded checkpoint (spec §4, §7).
#include "model/weights.hpp"

#include <string>

#include "checkpoint/checkpoint.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? " x " : "") + std::to_string(shape[i]);
    return s + ")";
}

/// Looks up one tensor by its open-source name and checks its shape.
class TensorSource {
public:
    explicit TensorSource(const Checkpoint& c) : c_(c) {}

    std::vector<float> take(const std::string& key, const std::vector<int64_t>& shape) const {
        const auto it = c_.weights.find(key);
        if (it == c_.weights.end()) {
            const bool regression = key.rfind("contact_head.", 0) == 0;
            failFile(regression && !c_.regressionPath.empty() ? c_.regressionPath : c_.path,
                     "missing tensor '" + key + "'");
        }
        if (it->second.shape != shape) {
            failFile(c_.path, "tensor '" + key + "' has shape " + shapeText(it->second.shape) + ", expected " +
                                  shapeText(shape));
        }
        return it->second.data;
    }
    bool has(const std::string& key) const { return c_.weights.count(key) != 0; }
    const TensorF* find(const std::string& key) const {
        const auto it = c_.weights.find(key);
        return it == c_.weights.end() ? nullptr : &it->second;
    }

    LinearWeights linear(const std::string& prefix, int out, int in) const {
        LinearWeights w;
        w.out = out;
        w.in = in;
        w.weight = take(prefix + ".weight", {out, in});
        w.bias = take(prefix + ".bias", {out});
        return w;
    }
    LayerNormWeights layerNorm(const std::string& prefix, int dim) const {
        return {take(prefix + ".weight", {dim}), take(prefix + ".bias", {dim})};
    }
    AttentionWeights attention(const std::string& prefix, int dim) const {
        AttentionWeights a;
        a.norm = layerNorm(prefix + ".layer_norm", dim);
        a.qkv = stackRows({linear(prefix + ".layer.q_proj", dim, dim), linear(prefix + ".layer.k_proj", dim, dim),
                           linear(prefix + ".layer.v_proj", dim, dim)});
        a.out = linear(prefix + ".layer.out_proj", dim, dim);
        return a;
    }

private:
    const Checkpoint& c_;
};

}  // namespace

LinearWeights stackRows(const std::vector<LinearWeights>& parts) {
    LinearWeights s;
    s.in = parts.front().in;
    for (const LinearWeights& p : parts) {
        s.out += p.out;
        s.weight.insert(s.weight.end(), p.weight.begin(), p.weight.end());
        s.bias.insert(s.bias.end(), p.bias.begin(), p.bias.end());
    }
    return s;
}

void validateConfig(const ModelConfig& c, const std::string& source) {
    auto bad = [&](const std::string& what) { failFile(source, "unusable model configuration: " + what); };
    if (c.layers <= 0) bad("layers = " + std::to_string(c.layers));
    if (c.embedDim <= 0) bad("embed_dim = " + std::to_string(c.embedDim));
    if (c.heads <= 0 || c.embedDim % c.heads != 0)
        bad("embed_dim " + std::to_string(c.embedDim) + " is not divisible by attention_heads " +
            std::to_string(c.heads));
    if (c.ffnDim <= 0) bad("ffn_embed_dim = " + std::to_string(c.ffnDim));
    if (c.maxPositions <= 0) bad("max_positions = " + std::to_string(c.maxPositions));
    if (c.rowEmbeddingWidth != 0 && c.rowEmbeddingWidth != 1 && c.rowEmbeddingWidth != c.embedDim)
        bad("MSA row embedding width " + std::to_string(c.rowEmbeddingWidth) + " (expected 1 or " +
            std::to_string(c.embedDim) + ")");
    if (c.maxTokensPerMsa <= 0) bad("max_tokens_per_msa = " + std::to_string(c.maxTokensPerMsa));
}

ModelConfig configFromCheckpoint(const Checkpoint& ckpt) {
    const ModelArgs& a = ckpt.args;
    if (a.arch != "msa_transformer")
        failFile(ckpt.path, "architecture '" + a.arch + "' is not an MSA Transformer (expected 'msa_transformer')");
    const TensorSource src(ckpt);

    ModelConfig cfg;
    cfg.layers = a.layers;
    cfg.embedDim = a.embedDim;
    cfg.heads = a.attentionHeads;
    cfg.ffnDim = a.ffnEmbedDim;
    cfg.maxPositions = a.maxPositions;
    cfg.maxTokensPerMsa = a.chunkThreshold();
    cfg.rowEmbeddingWidth = 0;
    if (a.embedPositionsMsa) {
        // The loader takes the width from the stored tensor (spec §6.1): 1 (ESM-MSA-1) or D.
        const TensorF* t = src.find("msa_position_embedding");
        if (!t) failFile(ckpt.path, "missing tensor 'msa_position_embedding' (args.embed_positions_msa is true)");
        if (t->shape.size() != 4 || t->shape[0] != 1 || t->shape[1] != kMaxMsaRows || t->shape[2] != 1)
            failFile(ckpt.path, "tensor 'msa_position_embedding' has shape " + shapeText(t->shape) +
                                    ", expected (1 x 1024 x 1 x E)");
        cfg.rowEmbeddingWidth = static_cast<int>(t->shape[3]);
    }
    const bool hasRegression = src.has("contact_head.regression.weight") || src.has("contact_head.regression.bias");
    cfg.hasContactHead = hasRegression;
    validateConfig(cfg, ckpt.path);
    return cfg;
}

std::unique_ptr<MsaTransformer::Weights> weightsFromCheckpoint(const Checkpoint& ckpt) {
    const ModelConfig cfg = configFromCheckpoint(ckpt);
    const TensorSource src(ckpt);

    const int D = cfg.embedDim, F = cfg.ffnDim, L = cfg.layers;
    auto w = std::make_unique<MsaTransformer::Weights>();
    w->config = cfg;
    w->sourcePath = ckpt.path;
    // Tied matrix: the official loader ends up using lm_head.weight for both roles (spec §4).
    w->embedTokens = src.has("lm_head.weight") ? src.take("lm_head.weight", {kVocabSize, D})
                                               : src.take("embed_tokens.weight", {kVocabSize, D});
    if (src.has("lm_head.weight")) src.take("embed_tokens.weight", {kVocabSize, D});  // shape check only
    w->embedPositions = src.take("embed_positions.weight", {cfg.maxPositions + 2, D});
    if (cfg.rowEmbeddingWidth > 0)
        w->msaPositions = src.take("msa_position_embedding", {1, kMaxMsaRows, 1, cfg.rowEmbeddingWidth});
    w->embNormBefore = src.layerNorm("emb_layer_norm_before", D);
    w->embNormAfter = src.layerNorm("emb_layer_norm_after", D);
    w->layers.resize(static_cast<size_t>(L));
    for (int l = 0; l < L; ++l) {
        const std::string p = "layers." + std::to_string(l);
        LayerWeights& lw = w->layers[static_cast<size_t>(l)];
        lw.row = src.attention(p + ".row_self_attention", D);
        lw.column = src.attention(p + ".column_self_attention", D);
        lw.ffnNorm = src.layerNorm(p + ".feed_forward_layer.layer_norm", D);
        lw.fc1 = src.linear(p + ".feed_forward_layer.layer.fc1", F, D);
        lw.fc2 = src.linear(p + ".feed_forward_layer.layer.fc2", D, F);
    }
    w->lmDense = src.linear("lm_head.dense", D, D);
    w->lmNorm = src.layerNorm("lm_head.layer_norm", D);
    w->lmBias = src.take("lm_head.bias", {kVocabSize});
    if (cfg.hasContactHead) {
        w->regressionWeight = src.take("contact_head.regression.weight", {1, static_cast<int64_t>(L) * cfg.heads});
        w->regressionBias = src.take("contact_head.regression.bias", {1})[0];
    }
    return w;
}

}  // namespace axs
