// The parameter set of the MSA Transformer for given args (spec §4), used to validate a
// loaded state dict before any tensor data is read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checkpoint/checkpoint.hpp"

namespace axs {

/// Number of tokens of the ESM MSA alphabet (spec §1).
inline constexpr int64_t kVocabSize = 33;
/// Rows of the MSA row-position table (hard-coded in the model).
inline constexpr int64_t kMsaRowPositions = 1024;

struct ExpectedParameter {
    std::string name;  ///< open-source name, e.g. "layers.0.row_self_attention.layer.q_proj.weight"
    std::vector<int64_t> shape;
    bool contactHead = false;  ///< contact_head.regression.*: may be absent without a regression file
};

/// Every parameter the model has, in model order. `rowEmbeddingWidth` (E of the
/// msa_position_embedding 1 x 1024 x 1 x E) is only used when args.embedPositionsMsa.
std::vector<ExpectedParameter> expectedParameters(const ModelArgs& args, int64_t rowEmbeddingWidth);

}  // namespace axs
