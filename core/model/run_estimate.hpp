// Cost of a forward pass before running it: FLOPs (counted as docs/perf-baseline.md does),
// and a calibrated estimate of wall time and peak memory for the GUI and the CLI.
#pragma once

#include <cstdint>

#include "model/msa_transformer.hpp"

namespace axs {

/// Matrix-product FLOPs (2 per multiply-add) of one forward pass on one MSA of `rows`
/// sequences and `cols` aligned columns (C = cols + 1 with <cls>): per layer and token the
/// eight attention projections and the FFN (16·D² multiply-adds), tied row attention
/// (2·R·C²·D) and column attention (2·C·R²·D), plus the LM head (D² + D·V per token).
double forwardFlops(const ModelConfig& config, int64_t rows, int64_t cols);

}  // namespace axs
