// axialscope-cli bench: times the forward pass of the official-size ESM-MSA-1b (random
// weights, so no download is needed) on a random MSA of the given size.
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "common/error.hpp"
#include "common/json_string.hpp"
#include "model/benchmark.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "model/peak_flops.hpp"
#include "model/run_estimate.hpp"
#include "options.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli bench --rows M --cols L [options]\n"
    "\n"
    "Times one forward pass of the official-size ESM-MSA-1b (12 layers, D 768, random\n"
    "weights) on a random M x L MSA, keeping logits, row/column attentions and contacts\n"
    "like the workbench does.\n"
    "\n"
    "  --rows M                 MSA depth (1..1024)\n"
    "  --cols L                 aligned columns (1..1023)\n"
    "  --precision fp32|bf16    default fp32\n"
    "  --threads N              default: all cores\n"
    "  --reps N                 timed forward passes; the median is reported (default 1)\n"
    "  --col-attentions keep|stream|none\n"
    "                           keep: held in memory, as PyTorch does (default); stream:\n"
    "                           written to a temporary .npy layer by layer, as `predict`\n"
    "                           does; none: not an output\n"
    "  --no-col-attentions      same as --col-attentions none\n"
    "  --no-attentions          keep only logits (no attentions, no contacts)\n"
    "  --json                   one JSON line: rows, cols, precision, threads, seconds (median\n"
    "                           forward), gflops (GFLOP/s), gflop (work), peak_gflops (this\n"
    "                           machine's measured peak for the precision, mean over the\n"
    "                           runs), of_peak (median over the runs), highest_peak_gflops,\n"
    "                           of_highest_peak, peak_rss_mib, estimate_seconds,\n"
    "                           estimate_mib, col_attentions, backend, cpu\n"
    "\n"
    "GFLOP counts the matrix products as docs/perf-baseline.md does. The peak is measured\n"
    "with a register-only FMA loop (bf16: vdpbf16ps where the CPU has it; emulated bf16 is\n"
    "bounded by the float32 peak) before the first run and after each run; each run is\n"
    "compared with the higher of the two probes around it, since a shared machine's speed\n"
    "drifts. of_highest_peak compares the median time with the highest probe of all, the\n"
    "strictest reading. Peak RSS includes the model (462 MB of float32 weights).\n";

}  // namespace

int runBench(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    const Options opt(args, {"--rows", "--cols", "--precision", "--threads", "--reps", "--col-attentions"},
                      {"--json", "--no-attentions", "--no-col-attentions"});
    const long long rows = opt.getInt("--rows", -1), cols = opt.getInt("--cols", -1);
    if (!opt.has("--rows") || !opt.has("--cols")) throw Error("bench needs --rows and --cols");
    if (rows < 1 || rows > 1024) throw Error("--rows must be 1..1024");
    if (cols < 1 || cols > 1023) throw Error("--cols must be 1..1023");
    const std::string precision = opt.get("--precision", "fp32");
    if (precision != "fp32" && precision != "bf16") throw Error("--precision must be fp32 or bf16");
    const long long threads = opt.getInt("--threads", 0), reps = opt.getInt("--reps", 1);
    if (threads < 0 || reps < 1) throw Error("--threads and --reps must be positive");
    const bool json = opt.has("--json"), attentions = !opt.has("--no-attentions");
    std::string columns = opt.get("--col-attentions", "keep");
    const ColumnAttentionOutput requested = parseColumnAttentionOutput(columns);  // validates the word
    if (!attentions || opt.has("--no-col-attentions")) columns = "none";
    const ColumnAttentionOutput columnOutput = columns == "none" ? ColumnAttentionOutput::None : requested;
    const int usedThreads = threads > 0 ? static_cast<int>(threads) : omp_get_max_threads();

    // The ceiling of the products this run uses: bf16 dot products where the CPU has them,
    // else float32 FMAs (emulated bf16 runs float32 products).
    kernels::PeakFlops peak;
    if (precision == "bf16") peak = kernels::measureBf16Peak(usedThreads);
    const bool bf16Products = peak.gflops > 0;
    if (peak.gflops <= 0) peak = kernels::measureFp32Peak(usedThreads);
    if (precision == "bf16" && !kernels::bf16Accelerated())
        std::fprintf(stderr,
                     "note: this CPU has no AVX512_BF16 (or oneDNN cannot use it), so bf16 is emulated "
                     "and measured against the float32 peak\n");

    const ModelConfig cfg = ModelConfig::esmMsa1b();
    const MsaTransformer model = MsaTransformer::withRandomWeights(cfg, 0);
    ForwardOptions fo;
    fo.threads = static_cast<int>(threads);
    fo.precision = precision == "bf16" ? Precision::Bf16 : Precision::Fp32;
    fo.logits = true;
    fo.reprLayers = {cfg.layers};
    fo.rowAttentions = fo.contacts = attentions;
    const RunEstimate estimate =
        estimateRun(cfg, static_cast<int>(rows), static_cast<int>(cols), withColumnAttentionOutput(fo, columnOutput));
    Progress progress;
    if (!json)
        progress.report = [](double f, const std::string& stage) {
            std::fprintf(stderr, "\r[%3.0f%%] %-40s", 100 * f, stage.c_str());
        };
    // The peak again around every forward: a shared machine's speed drifts within minutes.
    const ForwardBenchmark b = benchmarkForward(model, randomMsaTokens(rows, cols, 1), fo, columnOutput,
                                                static_cast<int>(reps), progress, peakProbe(bf16Products, usedThreads));
    if (!json) std::fputc('\n', stderr);
    const double seconds = b.seconds;
    const double gflop = forwardFlops(cfg, rows, cols) / 1e9;
    const double runPeak = meanRunPeakGflops(b, peak.gflops);
    double highestPeak = peak.gflops;
    for (double g : b.runPeakGflops) highestPeak = std::max(highestPeak, g);
    const double ofPeak = medianFractionOfRunPeak(b, gflop);
    const double ofHighest = highestPeak > 0 ? gflop / seconds / highestPeak : 0.0;
    if (json) {
        std::printf(
            "{\"rows\": %lld, \"cols\": %lld, \"precision\": \"%s\", \"threads\": %d, \"seconds\": %.3f, "
            "\"gflops\": %.1f, \"gflop\": %.1f, \"peak_gflops\": %.1f, \"of_peak\": %.3f, "
            "\"highest_peak_gflops\": %.1f, \"of_highest_peak\": %.3f, "
            "\"peak_rss_mib\": %.0f, \"estimate_seconds\": %.2f, \"estimate_mib\": %.0f, "
            "\"col_attentions\": \"%s\", \"backend\": \"%s\", \"cpu\": %s}\n",
            rows, cols, precision.c_str(), usedThreads, seconds, gflop / seconds, gflop, runPeak, ofPeak, highestPeak,
            ofHighest, b.peakRssMib, estimate.seconds, static_cast<double>(estimate.bytes) / (1 << 20), columns.c_str(),
            kernels::gemmBackendName(), jsonString(cpuDescription()).c_str());
    } else {
        std::printf(
            "%lld x %lld, %s, %d threads, %s: %.2f s per forward (median of %lld), %.0f GFLOP, %.1f GFLOP/s = "
            "%.0f%% of the peak measured around the runs %.1f (%s; %.0f%% of the highest probe %.1f), "
            "peak RSS %.0f MiB, column attentions %s (estimated %.2f s, %.0f MiB)\n",
            rows, cols, precision.c_str(), usedThreads, kernels::gemmBackendName(), seconds, reps, gflop,
            gflop / seconds, 100.0 * ofPeak, runPeak, peak.instruction.c_str(), 100.0 * ofHighest, highestPeak,
            b.peakRssMib, columns.c_str(), estimate.seconds, static_cast<double>(estimate.bytes) / (1 << 20));
    }
    return 0;
}

}  // namespace axs::cli
