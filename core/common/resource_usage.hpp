// What this process has used so far, read from the kernel (Linux): for benchmarks, the
// CLI's bench command and memory tests.
#pragma once

namespace axs {

/// Peak resident set size since start or the last resetPeakResidentMemory() (VmHWM), MiB;
/// 0 where /proc is unavailable.
double peakResidentMib();

/// Current resident set size (VmRSS), MiB; 0 where /proc is unavailable.
double currentResidentMib();

/// Restarts the peak counter at the current resident size, so a benchmark can report the
/// peak of each run separately (writes "5" to /proc/self/clear_refs; no-op where refused).
void resetPeakResidentMemory();

/// User + system CPU seconds of the whole process (all threads) so far.
double processCpuSeconds();

}  // namespace axs
