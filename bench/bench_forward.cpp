// Times the forward pass of the official-size ESM-MSA-1b (random weights) on random MSAs
// and prints, per size: seconds per forward (median), GFLOP (counted as
// docs/perf-baseline.md does), GFLOP/s, the fraction of this machine's measured arithmetic
// peak (float32 FMA, or bf16 dot products where the CPU has them), peak RSS.
//
//   bench_forward [--sizes 64x256,128x256] [--threads 2] [--precision fp32|bf16]
//                 [--reps 1] [--col-attentions keep|stream|none] [--no-attentions]
//                 [--layers 12] [--profile]
//                 [--stop-after STAGE]   (cancel when a progress stage starting with STAGE begins,
//                                         e.g. "layer 1/12: column attention"; for memory checks
//                                         of sizes too slow to run to the end)
//
// Outputs kept by default match the PyTorch baseline (need_head_weights=True,
// return_contacts=True, repr_layers=[L]): logits, last representation, row and column
// attentions, contacts. --col-attentions stream writes the column attentions to a temporary
// .npy layer by layer, as `axialscope-cli predict` does; --no-attentions keeps logits only.
// Also printed: estimateRun()'s time and memory for the same run; with --profile, where the
// time goes per kind of operation (model/forward_profile.hpp) against the same peak.
//
// The peak is probed again before the first forward and after each one: "of peak" is the
// median over the forwards of each one's speed against the higher of the probes around it
// (a shared VM's available speed drifts by several percent within minutes), and the line
// below each size gives the range of those probes and the fraction against the highest
// probe of the whole session, the strictest reading.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "model/benchmark.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "model/peak_flops.hpp"
#include "model/run_estimate.hpp"

int main(int argc, char** argv) {
    std::string sizes = "64x256,128x256", precision = "fp32", stopAfter, columns = "keep";
    int threads = 2, reps = 1, layers = 12;
    bool attentions = true, profile = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--sizes")
            sizes = next();
        else if (a == "--threads")
            threads = std::stoi(next());
        else if (a == "--precision")
            precision = next();
        else if (a == "--reps")
            reps = std::max(1, std::stoi(next()));
        else if (a == "--layers")
            layers = std::stoi(next());
        else if (a == "--no-attentions")
            attentions = false, columns = "none";
        else if (a == "--col-attentions")
            columns = next();
        else if (a == "--no-col-attentions")
            columns = "none";
        else if (a == "--profile")
            profile = true;
        else if (a == "--stop-after")
            stopAfter = next();
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    axs::ColumnAttentionOutput columnOutput;
    try {
        columnOutput = axs::parseColumnAttentionOutput(columns);
    } catch (const axs::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    const bool bf16 = precision == "bf16";
    const axs::kernels::PeakFlops fp32Peak = axs::kernels::measureFp32Peak(threads);
    const axs::kernels::PeakFlops bf16Peak = axs::kernels::measureBf16Peak(threads);
    // Emulated bf16 runs float32 products, so its ceiling is the float32 one.
    const axs::kernels::PeakFlops& peak = bf16 && bf16Peak.gflops > 0 ? bf16Peak : fp32Peak;
    const axs::PeakProbe probe = axs::peakProbe(bf16 && bf16Peak.gflops > 0, threads);
    double highestPeak = peak.gflops;  // of the whole session, over all sizes
    std::printf("machine peak, %d threads: float32 %.1f GFLOP/s (%s); bf16 %.1f GFLOP/s (%s)\n", threads,
                fp32Peak.gflops, fp32Peak.instruction.c_str(), bf16Peak.gflops, bf16Peak.instruction.c_str());

    axs::ModelConfig cfg = axs::ModelConfig::esmMsa1b();
    cfg.layers = layers;
    const auto t0 = std::chrono::steady_clock::now();
    const axs::MsaTransformer model = axs::MsaTransformer::withRandomWeights(cfg, 0);
    std::printf("model: %d layers, D %d, random weights built in %.2f s; %s, %d threads, %s\n", cfg.layers,
                cfg.embedDim, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                precision.c_str(), threads,
                !attentions           ? "no attentions"
                : columns == "keep"   ? "attentions+contacts kept"
                : columns == "stream" ? "row attentions+contacts kept, column attentions streamed to disk"
                                      : "row attentions+contacts kept");
    // "cpu s/thr": CPU time of the forward divided by the thread count, i.e. the wall time
    // an otherwise idle machine would need (the shared development machine rarely is idle).
    std::printf("cpu: %s\nGEMM: float32 %s, bf16 %s (AXS_GEMM, AXS_BF16)\n", axs::cpuDescription().c_str(),
                axs::kernels::gemmBackendName(), axs::kernels::bf16BackendName());
    std::printf("%-10s %10s %9s %9s %8s %10s %8s %8s %10s\n", "MxL", "s/forward", "GFLOP", "GFLOP/s", "of peak",
                "peak MiB", "est s", "est MiB", "cpu s/thr");

    std::stringstream ss(sizes);
    std::string size;
    while (std::getline(ss, size, ',')) {
        const auto x = size.find('x');
        const int64_t rows = std::stoll(size.substr(0, x)), cols = std::stoll(size.substr(x + 1));
        axs::ForwardOptions o;
        o.threads = threads;
        o.precision = bf16 ? axs::Precision::Bf16 : axs::Precision::Fp32;
        o.logits = true;
        o.reprLayers = {cfg.layers};
        o.rowAttentions = o.contacts = attentions;
        const axs::RunEstimate est = axs::estimateRun(cfg, static_cast<int>(rows), static_cast<int>(cols),
                                                      axs::withColumnAttentionOutput(o, columnOutput));

        std::atomic<bool> stop{false};
        axs::Progress progress;
        progress.cancel = &stop;
        progress.report = [&](double, const std::string& stage) {
            if (!stopAfter.empty() && stage.rfind(stopAfter, 0) == 0) stop = true;
        };
        const axs::ForwardBenchmark b =
            axs::benchmarkForward(model, axs::randomMsaTokens(rows, cols, 1), o, columnOutput, reps, progress, probe);
        if (b.cancelled) std::printf("(stopped at '%s')\n", stopAfter.c_str());
        const double gflop = axs::forwardFlops(cfg, rows, cols) / 1e9;
        std::printf("%-10s %10.2f %9.0f %9.1f %7.1f%% %10.0f %8.2f %8.0f %10.2f\n", size.c_str(), b.seconds, gflop,
                    gflop / b.seconds, 100.0 * axs::medianFractionOfRunPeak(b, gflop), b.peakRssMib, est.seconds,
                    static_cast<double>(est.bytes) / (1 << 20), b.cpuSeconds / threads);
        double low = peak.gflops, high = peak.gflops;  // if no probe ran
        if (!b.runPeakGflops.empty()) {
            const auto [lo, hi] = std::minmax_element(b.runPeakGflops.begin(), b.runPeakGflops.end());
            low = *lo, high = *hi;
        }
        highestPeak = std::max(highestPeak, high);
        const double meanPeak = axs::meanRunPeakGflops(b, peak.gflops);
        std::string runs;
        for (size_t i = 0; i < b.runSeconds.size(); ++i)
            runs += (i ? ", " : "") + std::to_string(b.runSeconds[i]).substr(0, 5) + " s";
        std::printf(
            "  runs: %s; peak around them %.1f-%.1f GFLOP/s; median against the highest probe of the session "
            "(%.1f): %.1f%%\n",
            runs.c_str(), low, high, highestPeak, 100.0 * gflop / b.seconds / highestPeak);
        if (profile)
            std::printf("\nweights prepared for %s in %.2f s (once per model and precision)\n%s\n", precision.c_str(),
                        b.prepareSeconds, axs::formatProfile(b.profile, meanPeak, threads).c_str());
        std::fflush(stdout);
    }
    return 0;
}
