// Times the forward pass of the official-size ESM-MSA-1b (random weights) on random MSAs
// and prints, per size: seconds per forward (median), GFLOP (counted as
// docs/perf-baseline.md does), GFLOP/s, the fraction of the 2-core FP32 peak, peak RSS.
//
//   bench_forward [--sizes 64x256,128x256] [--threads 2] [--precision fp32|bf16]
//                 [--reps 1] [--no-attentions | --no-col-attentions] [--layers 12]
//                 [--stop-after STAGE]   (cancel when a progress stage starting with STAGE begins,
//                                         e.g. "layer 1/12: column attention"; for memory checks
//                                         of sizes too slow to run to the end)
//
// Outputs kept by default match the PyTorch baseline (need_head_weights=True,
// return_contacts=True, repr_layers=[L]): logits, last representation, row and column
// attentions, contacts. Also printed: estimateRun()'s time and memory for the same run.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sys/resource.h>
#include <sstream>
#include <string>
#include <vector>

#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "model/run_estimate.hpp"

namespace {

// 2 Zen 4 cores (perf-baseline.md); "of peak" is relative to the precision's peak.
constexpr double kPeakFp32Gflops = 228.0;
constexpr double kPeakBf16Gflops = 453.0;

/// Resets the kernel's peak-RSS counter (VmHWM) so each size reports its own peak.
void resetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

double peakRssMib() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0.0;
}

/// User + system CPU seconds of the whole process so far.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

axs::TensorI64 randomMsa(int64_t rows, int64_t cols, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> tok(4, 30);
    axs::TensorI64 t({1, rows, cols + 1});
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c <= cols; ++c) t.at(0, r, c) = c == 0 ? 0 : tok(rng);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    std::string sizes = "64x256,128x256", precision = "fp32", stopAfter;
    int threads = 2, reps = 1, layers = 12;
    bool attentions = true, colAttentions = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
            return argv[++i];
        };
        if (a == "--sizes") sizes = next();
        else if (a == "--threads") threads = std::stoi(next());
        else if (a == "--precision") precision = next();
        else if (a == "--reps") reps = std::max(1, std::stoi(next()));
        else if (a == "--layers") layers = std::stoi(next());
        else if (a == "--no-attentions") attentions = colAttentions = false;
        else if (a == "--no-col-attentions") colAttentions = false;
        else if (a == "--stop-after") stopAfter = next();
        else { std::fprintf(stderr, "unknown option %s\n", a.c_str()); return 2; }
    }
    axs::ModelConfig cfg = axs::ModelConfig::esmMsa1b();
    cfg.layers = layers;
    const auto t0 = std::chrono::steady_clock::now();
    const axs::MsaTransformer model = axs::MsaTransformer::withRandomWeights(cfg, 0);
    std::printf("model: %d layers, D %d, random weights built in %.2f s; %s, %d threads, %s\n", cfg.layers,
                cfg.embedDim, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                precision.c_str(), threads,
                !attentions ? "no attentions" : colAttentions ? "attentions+contacts kept" : "row attentions+contacts kept");
    // "cpu s/thr": CPU time of the forward divided by the thread count, i.e. the wall time
    // an otherwise idle machine would need (the shared development machine rarely is idle).
    std::printf("float32 GEMM: %s; bf16 products in hardware: %s\n", axs::kernels::gemmBackendName(),
                axs::kernels::bf16Accelerated() ? "yes" : "no (emulated)");
    std::printf("%-10s %10s %9s %9s %8s %10s %8s %8s %10s\n", "MxL", "s/forward", "GFLOP", "GFLOP/s", "of peak",
                "peak MiB", "est s", "est MiB", "cpu s/thr");

    std::stringstream ss(sizes);
    std::string size;
    while (std::getline(ss, size, ',')) {
        const auto x = size.find('x');
        const int64_t rows = std::stoll(size.substr(0, x)), cols = std::stoll(size.substr(x + 1));
        axs::ForwardOptions o;
        o.threads = threads;
        o.precision = precision == "bf16" ? axs::Precision::Bf16 : axs::Precision::Fp32;
        o.logits = true;
        o.reprLayers = {cfg.layers};
        o.rowAttentions = o.contacts = attentions;
        o.colAttentions = colAttentions;
        const axs::RunEstimate est = axs::estimateRun(cfg, static_cast<int>(rows), static_cast<int>(cols), o);
        const axs::TensorI64 tokens = randomMsa(rows, cols, 1);
        resetPeakRss();
        std::vector<double> secs, cpus;
        for (int r = 0; r < reps; ++r) {
            const auto s = std::chrono::steady_clock::now();
            const double c0 = cpuSeconds();
            std::atomic<bool> stop{false};
            axs::Progress progress;
            progress.cancel = &stop;
            progress.report = [&](double, const std::string& stage) {
                if (!stopAfter.empty() && stage.rfind(stopAfter, 0) == 0) stop = true;
            };
            try {
                const axs::ForwardResult res = model.forward(tokens, o, progress);
            } catch (const axs::Cancelled&) {
                std::printf("(stopped at '%s')\n", stopAfter.c_str());
            }
            secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count());
            cpus.push_back(cpuSeconds() - c0);
        }
        std::sort(cpus.begin(), cpus.end());
        std::sort(secs.begin(), secs.end());
        const double med = secs[secs.size() / 2];
        const double gflop = axs::forwardFlops(cfg, rows, cols) / 1e9;
        const double peak = o.precision == axs::Precision::Bf16 ? kPeakBf16Gflops : kPeakFp32Gflops;
        std::printf("%-10s %10.2f %9.0f %9.1f %7.1f%% %10.0f %8.2f %8.0f %10.2f\n", size.c_str(), med, gflop,
                    gflop / med, 100.0 * gflop / med / peak, peakRssMib(), est.seconds,
                    static_cast<double>(est.bytes) / (1 << 20), cpus[cpus.size() / 2] / threads);
        std::fflush(stdout);
    }
    return 0;
}
