// Memory and time a forward pass will need, shown before a run starts and used to refuse
// runs that cannot fit into the memory available now.
//
// Until core/model offers its own estimate, this is a documented formula (run_estimate.cpp),
// calibrated against shared/docs/perf-baseline.md and deliberately pessimistic about memory.
#pragma once

#include <QString>
#include <cstdint>

#include "model/msa_transformer.hpp"

namespace axs::ui {

struct RunEstimate {
    double bytes = 0;    ///< peak memory of the run, bytes (model weights included)
    double seconds = 0;  ///< wall time of the forward pass at `threads` threads
    double gflop = 0;    ///< matrix-product work, 1e9 floating-point operations
};

/// rows: MSA depth fed to the model; columns: C = aligned width + 1 (<cls>).
/// modelLoaded: false adds the transient copy held while a checkpoint is being converted.
RunEstimate estimateRun(const ModelConfig& config, int64_t rows, int64_t columns, int threads, bool modelLoaded);

/// Memory the system can give us now (MemAvailable of /proc/meminfo), bytes; 0 if unknown.
double availableMemoryBytes();

/// Largest depth (>= 1) whose estimate stays within `budgetBytes`, or 0 when even one row does not.
int64_t maxRowsWithin(const ModelConfig& config, int64_t columns, bool modelLoaded, double budgetBytes);

/// "1.2 GiB", "350 MiB".
QString formatBytes(double bytes);
/// "45 s", "3 min 20 s", "< 1 s".
QString formatSeconds(double seconds);

/// Text for the run panel describing how the numbers were obtained.
QString estimateBasis();

}  // namespace axs::ui
