// Timing the forward pass the way bench/bench_forward and `axialscope-cli bench` report it:
// official-size model with seeded random weights, a random MSA, median of repeated runs,
// the peak resident memory of the runs, and the machine's measured arithmetic peak.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/progress.hpp"
#include "common/tensor.hpp"
#include "model/forward_profile.hpp"
#include "model/msa_transformer.hpp"

namespace axs {

/// Tokens of a random MSA: 1 x rows x (cols + 1), <cls> then residues drawn uniformly from
/// the 20 standard amino acids and the rarer letters (token ids 4..30), seeded.
TensorI64 randomMsaTokens(int64_t rows, int64_t cols, uint64_t seed);

/// Where all columns' attentions go during a benchmarked forward pass.
enum class ColumnAttentionOutput {
    None,    ///< not computed as an output
    Keep,    ///< held in ForwardResult (what PyTorch does with need_head_weights=True)
    Stream,  ///< written layer by layer to a temporary .npy file (what `predict` does), then deleted
};

/// "keep", "stream" or "none" (the --col-attentions option of axialscope-cli bench and
/// bench_forward); throws axs::Error naming the option and the accepted words otherwise.
ColumnAttentionOutput parseColumnAttentionOutput(const std::string& name);

/// `options` set up for `columns`: colAttentions on unless None, and for Stream a sink (one
/// that discards) so that estimateRun() plans the streamed layout; in Bf16 the float32
/// weights released, as benchmarkForward() runs it. benchmarkForward() takes it from here
/// and installs the sink that writes the file.
ForwardOptions withColumnAttentionOutput(ForwardOptions options, ColumnAttentionOutput columns);

struct ForwardBenchmark {
    double seconds = 0.0;            ///< median wall time of one forward pass
    double cpuSeconds = 0.0;         ///< median CPU time (all threads) of one forward pass
    double peakRssMib = 0.0;         ///< peak resident memory during the runs, model included
    double prepareSeconds = 0.0;     ///< putting the weights into the precision's form, before the runs
    bool cancelled = false;          ///< progress.cancel was raised (see bench --stop-after)
    ForwardProfile profile;          ///< time per kind of operation, summed over the runs
    std::vector<double> runSeconds;  ///< wall time of each forward pass, in the order run
    /// With a peak probe: GFLOP/s of the machine around each run (the higher of the probes
    /// just before and just after it), parallel to runSeconds; empty without a probe.
    std::vector<double> runPeakGflops;
};

/// A measurement of the machine's arithmetic peak in GFLOP/s.
using PeakProbe = std::function<double()>;

/// The probe of the ceiling a run's products have: bf16 dot products when `bf16Products`
/// (kernels::measureBf16Peak), else float32 FMAs (measureFp32Peak), on `threads` threads.
PeakProbe peakProbe(bool bf16Products, int threads);

/// Median (of an even count the lower middle) over the runs of gflop / runSeconds[i] /
/// runPeakGflops[i]: the fraction of the peak each forward reached against the machine as
/// it was around that forward (a shared machine's available speed drifts by several percent
/// within minutes, so one probe before all runs makes the fraction drift with it). 0 without
/// per-run peaks.
double medianFractionOfRunPeak(const ForwardBenchmark& b, double gflop);

/// Mean of runPeakGflops, or `fallback` when no probe ran. (Their maximum is the highest
/// probe of the benchmark: every probe is one side of some run.)
double meanRunPeakGflops(const ForwardBenchmark& b, double fallback);

/// Runs `reps` forward passes (>= 1) with withColumnAttentionOutput(options, columns) and
/// measures them (profiled: see ForwardBenchmark::profile). The weights are prepared for the
/// precision first (MsaTransformer::prepare, timed apart: a one-time cost per model, as is
/// PyTorch's cast to bfloat16); in Bf16 the model's float32 weights are released, as in a
/// process that runs bf16 only (the model cannot run Fp32 afterwards). Then the peak-RSS
/// counter is reset, so the peak covers the model plus these runs only.
/// With `peakProbe`, the peak is measured before the first run and after every run (~0.5 s
/// each, outside the timed runs) to fill runPeakGflops.
ForwardBenchmark benchmarkForward(const MsaTransformer& model, const TensorI64& tokens, ForwardOptions options,
                                  ColumnAttentionOutput columns, int reps, const Progress& progress = {},
                                  const PeakProbe& peakProbe = {});

/// The CPU the benchmark runs on, for the record: model name, family/model and the vector
/// extensions the products use, e.g. "AMD EPYC (family 26 model 2): avx2 fma avx512f
/// avx512_bf16", from /proc/cpuinfo ("unknown CPU" where it cannot be read).
std::string cpuDescription();

/// The profile as a table, one line per kind of operation with time: seconds per forward,
/// share of the forward's wall time, GFLOP/s and share of `peakGflops` for the kinds that
/// count FLOPs, CPU seconds per forward and thread; then the untimed rest (allocation of
/// outputs, streaming, waits).
std::string formatProfile(const ForwardProfile& profile, double peakGflops, int threads);

}  // namespace axs
