// Memory and time a workbench run will need, shown before it starts and used to refuse runs
// that cannot fit into the memory available now. The numbers are core's estimate for exactly
// the outputs the run keeps (model/run_estimate.hpp with workbenchForwardOptions), in core's
// terms (aligned columns, without <cls>); this file only adds what loading the model costs.
#pragma once

#include <QString>
#include <cstdint>

#include "model/msa_transformer.hpp"

namespace axs::ui {

struct RunEstimate {
    double bytes = 0;  ///< peak memory of the run, bytes (model weights included)
    /// Of `bytes`, what the system still has to provide: without the weights of a model that
    /// is already loaded. Compare this with the available memory.
    double additionalBytes = 0;
    double seconds = 0;  ///< wall time of the forward pass at `threads` threads
    double gflop = 0;    ///< matrix-product work, 1e9 floating-point operations
};

/// Where the model of a run comes from, which decides the memory it adds.
enum class ModelState {
    Loaded,     ///< already in memory (its weights are not additional)
    ToBuild,    ///< built in place (the demo model): its weights are additional
    ToConvert,  ///< read from a checkpoint first: its tensors and the model's float32 copy are
                ///< held together for a moment, before the run starts
};

/// Core's estimateRun for a workbench run of `rows` sequences and `width` aligned columns
/// (as core counts them: without <cls>), plus the model's load peak for `model`. The first
/// call per thread count times a short matrix product; later calls are arithmetic only.
RunEstimate workbenchRunCost(const ModelConfig& config, int64_t rows, int64_t width, int threads, ModelState model);

/// Memory the system can give us now (MemAvailable of /proc/meminfo), bytes; 0 if unknown.
double availableMemoryBytes();

/// Largest depth (>= 1) whose additional memory stays within `budgetBytes` at `threads`
/// threads for `width` aligned columns, or 0 when even one row does not.
int64_t maxRowsWithin(const ModelConfig& config, int64_t width, int threads, ModelState model, double budgetBytes);

/// "1.2 GiB", "350 MiB".
QString formatBytes(double bytes);
/// "45 s", "3 min 20 s", "< 1 s".
QString formatSeconds(double seconds);

/// Text for the run panel describing how the numbers were obtained.
QString estimateBasis();

}  // namespace axs::ui
