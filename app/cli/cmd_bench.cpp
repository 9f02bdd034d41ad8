// axialscope-cli bench: times the forward pass of the official-size ESM-MSA-1b (random
// weights, so no download is needed) on a random MSA of the given size.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common/error.hpp"
#include "model/gemm.hpp"
#include "model/msa_transformer.hpp"
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
    "  --no-attentions          keep only logits (no attentions, no contacts)\n"
    "  --no-col-attentions      keep row attentions and contacts, not column attentions\n"
    "  --json                   one JSON line: rows, cols, precision, threads, seconds (median\n"
    "                           forward), gflops (GFLOP/s), gflop (work), peak_rss_mib,\n"
    "                           estimate_seconds, estimate_mib, backend\n"
    "\n"
    "GFLOP counts the matrix products as docs/perf-baseline.md does. Peak RSS includes the\n"
    "model (462 MB of float32 weights).\n";

double peakRssMib() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0.0;
}

}  // namespace

int runBench(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    const Options opt(args, {"--rows", "--cols", "--precision", "--threads", "--reps"},
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

    const ModelConfig cfg = ModelConfig::esmMsa1b();
    const MsaTransformer model = MsaTransformer::withRandomWeights(cfg, 0);
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<int> tok(4, 30);
    TensorI64 tokens({1, rows, cols + 1});
    for (long long r = 0; r < rows; ++r)
        for (long long c = 0; c <= cols; ++c) tokens.at(0, r, c) = c == 0 ? 0 : tok(rng);

    ForwardOptions fo;
    fo.threads = static_cast<int>(threads);
    fo.precision = precision == "bf16" ? Precision::Bf16 : Precision::Fp32;
    fo.logits = true;
    fo.reprLayers = {cfg.layers};
    fo.rowAttentions = fo.contacts = attentions;
    fo.colAttentions = attentions && !opt.has("--no-col-attentions");
    const RunEstimate estimate = estimateRun(cfg, static_cast<int>(rows), static_cast<int>(cols), fo);
    Progress progress;
    if (!json)
        progress.report = [](double f, const std::string& stage) { std::fprintf(stderr, "\r[%3.0f%%] %-40s", 100 * f, stage.c_str()); };
    std::vector<double> secs;
    for (long long i = 0; i < reps; ++i) {
        const auto s = std::chrono::steady_clock::now();
        model.forward(tokens, fo, progress);
        secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count());
    }
    if (!json) std::fputc('\n', stderr);
    std::sort(secs.begin(), secs.end());
    const double seconds = secs[secs.size() / 2];
    const double gflop = forwardFlops(cfg, rows, cols) / 1e9;
    const int usedThreads = threads > 0 ? static_cast<int>(threads) : omp_get_max_threads();
    if (json) {
        std::printf("{\"rows\": %lld, \"cols\": %lld, \"precision\": \"%s\", \"threads\": %d, \"seconds\": %.3f, "
                    "\"gflops\": %.1f, \"gflop\": %.1f, \"peak_rss_mib\": %.0f, \"estimate_seconds\": %.2f, "
                    "\"estimate_mib\": %.0f, \"backend\": \"%s\"}\n",
                    rows, cols, precision.c_str(), usedThreads, seconds, gflop / seconds, gflop, peakRssMib(),
                    estimate.seconds, static_cast<double>(estimate.bytes) / (1 << 20), kernels::gemmBackendName());
    } else {
        std::printf("%lld x %lld, %s, %d threads, %s: %.2f s per forward (median of %lld), %.0f GFLOP, %.1f GFLOP/s, "
                    "peak RSS %.0f MiB (estimated %.2f s, %.0f MiB)\n",
                    rows, cols, precision.c_str(), usedThreads, kernels::gemmBackendName(), seconds, reps, gflop,
                    gflop / seconds, peakRssMib(), estimate.seconds, static_cast<double>(estimate.bytes) / (1 << 20));
    }
    return 0;
}

}  // namespace axs::cli
