// Loading the officially released ESM-MSA-1b checkpoint files (torch.save, zip or legacy
// container) without Python: see docs/ARCHITECTURE.md and the spec, sections 7 and 8.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/tensor.hpp"

namespace axs {

/// The training arguments the model reads (spec §7.2), after the loader's renaming.
struct ModelArgs {
    std::string arch;            ///< must be "msa_transformer"
    int layers = 0;              ///< L
    int embedDim = 0;            ///< D
    int ffnEmbedDim = 0;         ///< F
    int attentionHeads = 0;      ///< H
    int maxPositions = 0;        ///< positional table has maxPositions + 2 rows
    bool embedPositionsMsa = false;
    int64_t maxTokens = 0;
    std::optional<int64_t> maxTokensPerMsa;  ///< chunking threshold, when stored
    /// Effective chunk threshold: maxTokensPerMsa if stored, else maxTokens (spec §5.6).
    int64_t chunkThreshold() const { return maxTokensPerMsa ? *maxTokensPerMsa : maxTokens; }
};

/// A loaded checkpoint. Weights are float32 (float16/bfloat16 storages are widened,
/// exactly), keyed by their open-source names (spec §4) after the row/column swap and
/// prefix stripping of spec §7.3. The tied matrix appears under both
/// "embed_tokens.weight" and "lm_head.weight" (the official loader's semantics:
/// lm_head's values win for both, spec §4).
struct Checkpoint {
    std::string path;            ///< model file
    std::string regressionPath;  ///< contact-regression file ("" if none was found)
    ModelArgs args;
    std::map<std::string, TensorF> weights;
};

/// Loads `path`, and `<stem>-contact-regression.pt` beside it when present.
/// Throws axs::Error naming the file and the problem for anything wrong: not a torch
/// file, truncated or corrupt container, disallowed pickle globals, wrong arch, missing
/// or mis-shaped tensors.
Checkpoint loadCheckpoint(const std::string& path);

/// Resolves a model given as a path or as a released name such as
/// "esm_msa1b_t12_100M_UR50S" (looked up in $TORCH_HOME/hub/checkpoints/, else
/// ~/.cache/torch/hub/checkpoints/). Throws axs::Error listing where it looked.
std::string resolveModelPath(const std::string& pathOrName);

}  // namespace axs
