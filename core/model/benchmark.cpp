#include "model/benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "common/resource_usage.hpp"
#include "model/peak_flops.hpp"

namespace axs {

TensorI64 randomMsaTokens(int64_t rows, int64_t cols, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> residue(4, 30);
    TensorI64 tokens({1, rows, cols + 1});
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c <= cols; ++c) tokens.at(0, r, c) = c == 0 ? 0 : residue(rng);
    return tokens;
}

ColumnAttentionOutput parseColumnAttentionOutput(const std::string& name) {
    if (name == "keep") return ColumnAttentionOutput::Keep;
    if (name == "stream") return ColumnAttentionOutput::Stream;
    if (name == "none") return ColumnAttentionOutput::None;
    throw Error("--col-attentions must be keep, stream or none, got '" + name + "'");
}

ForwardOptions withColumnAttentionOutput(ForwardOptions options, ColumnAttentionOutput columns) {
    if (options.precision == Precision::Bf16) options.keepFloat32Weights = false;  // as benchmarkForward runs it
    options.colAttentions = columns != ColumnAttentionOutput::None;
    options.colAttentionColumns.clear();
    options.colAttentionSink = nullptr;
    if (columns == ColumnAttentionOutput::Stream) options.colAttentionSink = [](int64_t, int, const float*) {};
    return options;
}

ForwardBenchmark benchmarkForward(const MsaTransformer& model, const TensorI64& tokens, ForwardOptions options,
                                  ColumnAttentionOutput columns, int reps, const Progress& progress,
                                  const PeakProbe& peakProbe) {
    const ModelConfig& cfg = model.config();
    const int64_t B = tokens.shape[0], R = tokens.shape[1], C = tokens.shape[2];
    options = withColumnAttentionOutput(std::move(options), columns);
    std::optional<NpyFloatStreamWriter> file;  // re-created per run; never committed, so deleted
    if (columns == ColumnAttentionOutput::Stream)
        options.colAttentionSink = [&](int64_t, int, const float* values) {
            file->append(values, static_cast<size_t>(cfg.heads * C * R * R));
        };

    ForwardBenchmark result;
    options.profile = &result.profile;
    std::vector<double> wall, cpu;
    if (options.precision == Precision::Bf16) options.keepFloat32Weights = false;  // a bf16-only process
    const auto prepareStart = std::chrono::steady_clock::now();
    model.prepare(options.precision, options.keepFloat32Weights);
    result.prepareSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - prepareStart).count();
    resetPeakResidentMemory();
    double peakBefore = peakProbe ? peakProbe() : 0.0;
    for (int i = 0; i < std::max(1, reps); ++i) {
        if (columns == ColumnAttentionOutput::Stream)
            file.emplace((std::filesystem::temp_directory_path() / "axialscope-bench-col-attentions.npy").string(),
                         std::vector<int64_t>{B, cfg.layers, cfg.heads, C, R, R});
        const auto start = std::chrono::steady_clock::now();
        const double cpu0 = processCpuSeconds();
        try {
            const ForwardResult out = model.forward(tokens, options, progress);
        } catch (const Cancelled&) {
            result.cancelled = true;
        }
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        cpu.push_back(processCpuSeconds() - cpu0);
        file.reset();
        if (peakProbe) {
            const double peakAfter = peakProbe();
            result.runPeakGflops.push_back(std::max(peakBefore, peakAfter));
            peakBefore = peakAfter;
        }
        if (result.cancelled) break;
    }
    result.runSeconds = wall;
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    result.seconds = wall[wall.size() / 2];
    result.cpuSeconds = cpu[cpu.size() / 2];
    result.peakRssMib = peakResidentMib();
    return result;
}

PeakProbe peakProbe(bool bf16Products, int threads) {
    return [bf16Products, threads] {
        return (bf16Products ? kernels::measureBf16Peak(threads) : kernels::measureFp32Peak(threads)).gflops;
    };
}

double meanRunPeakGflops(const ForwardBenchmark& b, double fallback) {
    if (b.runPeakGflops.empty()) return fallback;
    double sum = 0.0;
    for (double g : b.runPeakGflops) sum += g;
    return sum / static_cast<double>(b.runPeakGflops.size());
}

double medianFractionOfRunPeak(const ForwardBenchmark& b, double gflop) {
    std::vector<double> fractions;
    for (size_t i = 0; i < b.runSeconds.size() && i < b.runPeakGflops.size(); ++i)
        if (b.runSeconds[i] > 0 && b.runPeakGflops[i] > 0)
            fractions.push_back(gflop / b.runSeconds[i] / b.runPeakGflops[i]);
    if (fractions.empty()) return 0.0;
    std::sort(fractions.begin(), fractions.end());
    return fractions[(fractions.size() - 1) / 2];  // of an even count the lower middle, as seconds takes the slower
}

std::string cpuDescription() {
    std::ifstream in("/proc/cpuinfo");
    std::string line, name, family, model, flags;
    auto value = [](const std::string& l) {
        const auto colon = l.find(':');
        return colon == std::string::npos ? std::string() : l.substr(std::min(l.size(), colon + 2));
    };
    while (std::getline(in, line) && (name.empty() || family.empty() || model.empty() || flags.empty())) {
        if (line.rfind("model name", 0) == 0 && name.empty()) name = value(line);
        if (line.rfind("cpu family", 0) == 0 && family.empty()) family = value(line);
        if (line.rfind("model\t", 0) == 0 && model.empty()) model = value(line);
        if (line.rfind("flags", 0) == 0 && flags.empty()) flags = " " + value(line) + " ";
    }
    if (name.empty()) return "unknown CPU";
    std::string out = name + " (family " + family + " model " + model + "):";
    for (const char* f : {"avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16"})
        if (flags.find(std::string(" ") + f + " ") != std::string::npos) out += std::string(" ") + f;
    return out;
}

std::string formatProfile(const ForwardProfile& p, double peakGflops, int threads) {
    const double n = std::max(1, p.forwards), th = std::max(1, threads);
    const double total = p.totalSeconds / n;
    std::string out;
    char line[200];
    std::snprintf(line, sizeof line, "%-26s %9s %7s %9s %9s %8s %10s\n", "operation", "s/forward", "of run", "GFLOP",
                  "GFLOP/s", "of peak", "cpu s/thr");
    out += line;
    std::vector<size_t> order;
    for (size_t i = 0; i < kOpKinds; ++i)
        if (p.calls[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p.seconds[a] > p.seconds[b]; });
    for (size_t i : order) {
        const double s = p.seconds[i] / n, gflop = p.flops[i] / n / 1e9, cpu = p.cpuSeconds[i] / n / th;
        if (gflop > 0 && s > 0)
            std::snprintf(line, sizeof line, "%-26s %9.3f %6.1f%% %9.1f %9.1f %7.1f%% %10.3f\n",
                          opKindName(static_cast<OpKind>(i)), s, 100.0 * s / total, gflop, gflop / s,
                          peakGflops > 0 ? 100.0 * gflop / s / peakGflops : 0.0, cpu);
        else
            std::snprintf(line, sizeof line, "%-26s %9.3f %6.1f%% %9s %9s %8s %10.3f\n",
                          opKindName(static_cast<OpKind>(i)), s, 100.0 * s / total, "", "", "", cpu);
        out += line;
    }
    const double rest = total - p.timedSeconds() / n, restCpu = (p.totalCpuSeconds - p.timedCpuSeconds()) / n / th;
    std::snprintf(line, sizeof line, "%-26s %9.3f %6.1f%% %9s %9s %8s %10.3f\n", "untimed (allocation, I/O)", rest,
                  100.0 * rest / total, "", "", "", restCpu);
    out += line;
    std::snprintf(line, sizeof line, "%-26s %9.3f %6.1f%% %9s %9s %8s %10.3f\n", "forward pass", total, 100.0, "", "",
                  "", p.totalCpuSeconds / n / th);
    out += line;
    return out;
}

}  // namespace axs
