// The options of `predict` that decide its forward pass (--outputs, --precision, --threads,
// --max-tokens-per-msa), parsed in one place for `predict` and for `estimate`, which plans
// exactly the run `predict` would do. Row selection: msa_selection.hpp.
#pragma once

#include <set>
#include <string>

#include "model/msa_transformer.hpp"
#include "options.hpp"

namespace axs::cli {

/// The option names parsed here and in MsaSelection (each takes a value).
std::set<std::string> forwardOptionNames();

/// What --outputs asks for.
struct PredictOutputs {
    bool tokens = false, logits = false, rowAttentions = false, colAttentions = false, contacts = false;
    std::set<int> reprLayers;
    bool allReprs = false;
};

/// Parses --outputs (default "tokens,contacts"); throws axs::Error naming a bad item.
PredictOutputs parseOutputs(const std::string& list);

/// Precision, threads and chunking threshold from the options; outputs are set later by
/// requestOutputs, once the model's layer count is known. Throws axs::Error on bad values.
ForwardOptions baseForwardOptions(const Options& opt);

/// Sets the outputs of `want` in `fo` for a model of architecture `model` (loaded from
/// `checkpointPath`); throws axs::Error for contacts without contact-regression weights and
/// for a representation layer the model does not have. Column attentions are planned as
/// held in memory: a caller that streams them sets fo.colAttentionSink.
void requestOutputs(ForwardOptions& fo, const PredictOutputs& want, const ModelConfig& model,
                    const std::string& checkpointPath);

}  // namespace axs::cli
