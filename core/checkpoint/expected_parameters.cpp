#include "checkpoint/expected_parameters.hpp"

namespace axs {

std::vector<ExpectedParameter> expectedParameters(const ModelArgs& args, int64_t rowEmbeddingWidth) {
    const int64_t D = args.embedDim, F = args.ffnEmbedDim, L = args.layers, H = args.attentionHeads;
    std::vector<ExpectedParameter> p;
    auto add = [&p](std::string name, std::vector<int64_t> shape, bool contactHead = false) {
        p.push_back({std::move(name), std::move(shape), contactHead});
    };
    auto linear = [&add](const std::string& prefix, int64_t out, int64_t in) {
        add(prefix + ".weight", {out, in});
        add(prefix + ".bias", {out});
    };
    auto layerNorm = [&add, D](const std::string& prefix) {
        add(prefix + ".weight", {D});
        add(prefix + ".bias", {D});
    };

    add("embed_tokens.weight", {kVocabSize, D});
    add("embed_positions.weight", {int64_t{args.maxPositions} + 2, D});
    if (args.embedPositionsMsa) add("msa_position_embedding", {1, kMsaRowPositions, 1, rowEmbeddingWidth});
    layerNorm("emb_layer_norm_before");
    layerNorm("emb_layer_norm_after");
    for (int64_t n = 0; n < L; ++n) {
        const std::string layer = "layers." + std::to_string(n) + ".";
        for (const char* block : {"row_self_attention", "column_self_attention"}) {
            layerNorm(layer + block + ".layer_norm");
            for (const char* proj : {"k_proj", "v_proj", "q_proj", "out_proj"})
                linear(layer + block + ".layer." + proj, D, D);
        }
        layerNorm(layer + "feed_forward_layer.layer_norm");
        linear(layer + "feed_forward_layer.layer.fc1", F, D);
        linear(layer + "feed_forward_layer.layer.fc2", D, F);
    }
    linear("lm_head.dense", D, D);
    layerNorm("lm_head.layer_norm");
    add("lm_head.weight", {kVocabSize, D});
    add("lm_head.bias", {kVocabSize});
    add("contact_head.regression.weight", {1, L * H}, true);
    add("contact_head.regression.bias", {1}, true);
    return p;
}

}  // namespace axs
