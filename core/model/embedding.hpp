// Token, column-position and MSA-row embeddings, then emb_layer_norm_before and zeroing of
// padded positions (spec §5.2). The result is "representation 0".
#pragma once

#include <cstdint>

#include "model/weights.hpp"

namespace axs {

/// tokens: R x C (one MSA, already validated to lie in 0..32); x: R x C x D output;
/// pad: R x C output, 1 where the token is <pad>.
void embedMsa(const MsaTransformer::Weights& w, const int64_t* tokens, int64_t R, int64_t C, float* x, uint8_t* pad);

}  // namespace axs
