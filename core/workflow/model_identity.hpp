// Which model produced a result: enough to recognise the same weights again (a saved
// analysis records it, and the workbench reuses a loaded model only for runs of the same
// identity), and the model itself once loaded.
#pragma once

#include <memory>
#include <string>

#include "common/progress.hpp"
#include "model/msa_transformer.hpp"

namespace axs {

struct ModelIdentity {
    std::string label;           ///< shown to people: the checkpoint's file name or the demo's description
    std::string fileName;        ///< checkpoint file name without folder; "" for the built-in demo model
    std::string sha256;          ///< lower-case hex SHA-256 of the checkpoint file; "" for the demo model
    bool randomWeights = false;  ///< the built-in demo model: results are not meaningful

    bool isDemo() const { return randomWeights && sha256.empty(); }
    /// The same weights: equal digests, or both the built-in demo model.
    bool sameWeights(const ModelIdentity& other) const {
        return sha256.empty() ? (isDemo() && other.isDemo()) : sha256 == other.sha256;
    }
};

/// A model in memory with its identity; shared and immutable.
struct LoadedModel {
    std::shared_ptr<const MsaTransformer> model;
    ModelIdentity identity;
};

/// Loads the checkpoint at `path` (and its contact-regression file beside it, see
/// checkpoint/checkpoint.hpp) and digests the file. Throws axs::Error naming the file.
/// Reports "loading the checkpoint" / "building the model" and honours cancellation.
LoadedModel loadModelFile(const std::string& path, const Progress& progress = {});

/// The built-in demo model: the shape of tests/data/reference/models/msa_t4_e96_h6_fp16
/// (4 layers, 96 wide, 6 heads, FFN 384, 1024 positions, MSA row embedding, contact
/// head) with seeded random weights, the same on every start, so every view can be tried
/// before the official weights are present.
ModelConfig demoModelConfig();
LoadedModel demoModel();
/// The demo model's identity (label "demo model (random weights)").
ModelIdentity demoModelIdentity();

}  // namespace axs
