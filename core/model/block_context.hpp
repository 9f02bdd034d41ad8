// What every block of the forward pass needs to know about the MSA it works on and the run.
#pragma once

#include <cstdint>

#include "common/progress.hpp"
#include "model/msa_transformer.hpp"
#include "model/workspace.hpp"

namespace axs {

/// One MSA of the batch: activations x (R x C x D, row-major, updated in place) and its
/// padding mask (R x C, 1 = <pad>).
struct MsaSlice {
    float* x = nullptr;
    const uint8_t* pad = nullptr;
    bool hasPadding = false;  ///< any pad in this MSA (the mask is a no-op otherwise)
};

struct MsaDims {
    int64_t R = 0, C = 0;  ///< padded rows and columns (incl. <cls>) of the batch tensor
    int64_t D = 0, H = 0, d = 0, F = 0;
    int64_t tokens() const { return R * C; }
};

/// How a forward pass is cut into pieces (see forward_plan.hpp).
struct ForwardPlan {
    /// Row attention: rows per group of the official chunked path (spec §5.6), or 0 when the
    /// unchunked semantics apply. Only this changes results (the padded-batch quirk).
    int64_t officialRowGroup = 0;
    int64_t rowBlock = 1;    ///< rows per memory block inside row attention (any value is exact)
    int64_t colBlock = 1;    ///< columns per block of column attention
    int64_t tokenBlock = 1;  ///< tokens per block of the FFN and LM head
};

struct RunContext {
    Workspace& ws;
    const Progress& progress;
    Precision precision = Precision::Fp32;
};

}  // namespace axs
