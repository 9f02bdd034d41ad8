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

struct RunEstimate {
    double seconds = 0.0;          ///< expected wall time of forward() on this machine, now
    int64_t bytes = 0;             ///< expected peak resident memory of model + run, in bytes
    int64_t modelBytes = 0;        ///< parameters (4 bytes each in every precision)
    int64_t workingBytes = 0;      ///< activations, scratch buffers, GEMM library buffers
    int64_t outputBytes = 0;       ///< the requested outputs (ForwardResult)
    double gflop = 0.0;            ///< forwardFlops() / 1e9
    double gflopsPerSecond = 0.0;  ///< the calibrated rate of the products (linear layers and attention)
};

/// Estimate for forward() on one MSA of `rows` sequences and `cols` aligned columns with
/// these options (outputs, threads, precision, chunking threshold), weights prepared (see
/// MsaTransformer::prepare). The time is calibrated per kind of operation: the model's own
/// FFN products, a batched attention product and a LayerNorm are timed with the same thread
/// count and precision the first time a combination is asked for (~0.05 s on two cores;
/// cached afterwards; thread-safe), so it follows the machine, the model's size and the
/// current load; the memory-bound rest is counted in LayerNorm equivalents per token. Memory
/// follows the forward pass's own block plan.
RunEstimate estimateRun(const ModelConfig& config, int rows, int cols, const ForwardOptions& options);

}  // namespace axs
