#include "model/benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "common/resource_usage.hpp"

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
    options.colAttentions = columns != ColumnAttentionOutput::None;
    options.colAttentionColumns.clear();
    options.colAttentionSink = nullptr;
    if (columns == ColumnAttentionOutput::Stream) options.colAttentionSink = [](int64_t, int, const float*) {};
    return options;
}

ForwardBenchmark benchmarkForward(const MsaTransformer& model, const TensorI64& tokens, ForwardOptions options,
                                  ColumnAttentionOutput columns, int reps, const Progress& progress) {
    const ModelConfig& cfg = model.config();
    const int64_t B = tokens.shape[0], R = tokens.shape[1], C = tokens.shape[2];
    options = withColumnAttentionOutput(std::move(options), columns);
    std::optional<NpyFloatStreamWriter> file;  // re-created per run; never committed, so deleted
    if (columns == ColumnAttentionOutput::Stream)
        options.colAttentionSink = [&](int64_t, int, const float* values) {
            file->append(values, static_cast<size_t>(cfg.heads * C * R * R));
        };

    ForwardBenchmark result;
    std::vector<double> wall, cpu;
    resetPeakResidentMemory();
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
        if (result.cancelled) break;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    result.seconds = wall[wall.size() / 2];
    result.cpuSeconds = cpu[cpu.size() / 2];
    result.peakRssMib = peakResidentMib();
    return result;
}

}  // namespace axs
