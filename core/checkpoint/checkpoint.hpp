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
    std::string arch;        ///< must be "msa_transformer"
    int layers = 0;          ///< L
    int embedDim = 0;        ///< D
    int ffnEmbedDim = 0;     ///< F
    int attentionHeads = 0;  ///< H
    int maxPositions = 0;    ///< positional table has maxPositions + 2 rows
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
///
/// Every parameter of spec §4 is present with its exact shape; the contact head
/// ("contact_head.regression.weight" 1 x (L*H), ".bias" 1) only when a regression file
/// was found (or the model file itself carried it).
struct Checkpoint {
    std::string path;            ///< model file
    std::string regressionPath;  ///< contact-regression file ("" if none was found)
    ModelArgs args;
    std::map<std::string, TensorF> weights;
    std::string container;  ///< container of the model file: "zip" or "legacy"
    std::string
        storedDtype;  ///< element type(s) of the model file's weights: "float32", "float16", or e.g. "float16+float32"

    bool hasContactHead() const { return weights.count("contact_head.regression.weight") != 0; }
    /// Width E of the MSA row embedding (1 x 1024 x 1 x E): 0 when there is none, 1 for the
    /// ESM-MSA-1 layout (broadcast), D for ESM-MSA-1b.
    int rowEmbeddingWidth() const;
    /// Unique parameters: the tied LM matrix counted once, the regression weights included
    /// when loaded (115,616,434 for the released ESM-MSA-1b pair).
    int64_t parameterCount() const;
};

/// Loads `path`, and `<stem>-contact-regression.pt` beside it when present.
/// Throws axs::Error naming the file and the problem for anything wrong: not a torch
/// file, truncated or corrupt container, disallowed pickle globals, wrong arch, missing
/// or mis-shaped tensors. Loading never executes anything from the file (the pickle is
/// interpreted by an allow-listed reader, see pickle_reader.hpp / allowed_calls.hpp).
Checkpoint loadCheckpoint(const std::string& path);

/// Where the official loader looks for the contact-regression file of `modelPath`:
/// `<modelPath without .pt>-contact-regression.pt`.
std::string regressionPathFor(const std::string& modelPath);

/// True when the first bytes of `path` look like a torch.save file (zip archive or
/// pickle). Cheap content sniffing for tools that accept several kinds of files; throws
/// axs::Error when the file cannot be opened.
bool looksLikeCheckpoint(const std::string& path);

/// Resolves a model given as a path or as a released name such as
/// "esm_msa1b_t12_100M_UR50S" (looked up in $TORCH_HOME/hub/checkpoints/, else
/// ~/.cache/torch/hub/checkpoints/). Throws axs::Error listing where it looked.
std::string resolveModelPath(const std::string& pathOrName);

}  // namespace axs
