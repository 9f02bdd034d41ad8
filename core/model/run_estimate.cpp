#include "model/run_estimate.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "model/forward_plan.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/weights.hpp"

namespace axs {

namespace {

// Fitted on the development machine (see bench/bench_forward.cpp): the whole forward pass
// runs at this fraction of the calibration product's rate (attention, LayerNorm, GELU,
// softmax and copies are the rest), and the process needs this much besides the counted
// buffers (C++ runtime, OpenBLAS/OpenMP thread buffers).
constexpr double kForwardEfficiency = 0.90;
constexpr int64_t kBaseBytes = int64_t{48} << 20;

/// GFLOP/s of the model's own FFN product, 1024 tokens x D -> F (1024 x 768 x 3072 for
/// ESM-MSA-1b), with `threads` threads: small models run their products far below the
/// large-matrix rate, and the estimate should know. Each timed round repeats the product
/// to ~1.2 GFLOP (~10 ms on two cores: the workbench asks on its GUI thread); the best of
/// the rounds after the first counts.
double calibrateRate(int threads, Precision precision, int64_t D, int64_t F) {
    static std::mutex mutex;
    static std::map<std::tuple<int, int, int64_t, int64_t>, double> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto key = std::make_tuple(threads, static_cast<int>(precision), D, F);
    if (const auto it = cache.find(key); it != cache.end()) return it->second;

    const int64_t M = 1024, K = std::max<int64_t>(D, 1), N = std::max<int64_t>(F, 1);
    const double flops = 2.0 * static_cast<double>(M * K * N);
    const int repeats = static_cast<int>(std::clamp(1.2e9 / flops, 1.0, 1000.0));
    LinearWeights w;
    w.out = N;
    w.in = K;
    std::mt19937 rng(1);
    std::normal_distribution<float> dist(0.f, 0.02f);
    w.weight.resize(static_cast<size_t>(N * K));
    for (float& v : w.weight) v = dist(rng);
    w.bias.assign(static_cast<size_t>(N), 0.f);
    kernels::prepareLinear(w, precision);
    std::vector<float> x(static_cast<size_t>(M * K), 0.5f), y(static_cast<size_t>(M * N));

    const int previous = omp_get_max_threads();
    omp_set_num_threads(threads);
    double best = 1e30;
    for (int round = 0; round < 5; ++round) {  // the first round also wakes the threads
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < repeats; ++r) kernels::linear(x.data(), M, w, y.data(), precision);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (round > 0) best = std::min(best, seconds);
    }
    omp_set_num_threads(previous);
    const double rate = flops * repeats / best / 1e9;
    cache[key] = rate;
    return rate;
}

int64_t parameterCount(const ModelConfig& c) {
    const int64_t D = c.embedDim, F = c.ffnDim, L = c.layers, V = kVocabSize;
    const int64_t perLayer = 8 * D * D + 8 * D + 3 * 2 * D + 2 * F * D + F + D;
    return V * D + (c.maxPositions + 2) * D + int64_t{kMaxMsaRows} * c.rowEmbeddingWidth + 4 * D + L * perLayer +
           D * D + D + 2 * D + V + L * c.heads + 1;
}

}  // namespace

double forwardFlops(const ModelConfig& cfg, int64_t rows, int64_t cols) {
    const double R = static_cast<double>(rows), C = static_cast<double>(cols + 1), N = R * C;
    const double D = cfg.embedDim, F = cfg.ffnDim, L = cfg.layers;
    const double projections = 8.0 * D * D + 2.0 * D * F;  // = 16·D² for F = 4·D
    const double perLayer = projections * N + 2.0 * R * C * C * D + 2.0 * C * R * R * D;
    const double head = (D * D + D * kVocabSize) * N;
    return 2.0 * (L * perLayer + head);
}

RunEstimate estimateRun(const ModelConfig& cfg, int rows, int cols, const ForwardOptions& o) {
    RunEstimate e;
    const int64_t R = std::max(rows, 1), C = std::max(cols, 0) + 1, N = R * C;
    const int64_t D = cfg.embedDim, F = cfg.ffnDim, H = cfg.heads, L = cfg.layers;
    const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();
    const bool bf16 = o.precision == Precision::Bf16;

    e.gflop = forwardFlops(cfg, R, cols) / 1e9;
    e.gflopsPerSecond = calibrateRate(threads, o.precision, cfg.embedDim, cfg.ffnDim) * kForwardEfficiency;
    e.seconds = e.gflop / e.gflopsPerSecond;

    constexpr int64_t f = sizeof(float);
    e.modelBytes = parameterCount(cfg) * f;
    if (bf16) e.modelBytes += (L * (8 * D * D + 2 * F * D) + D * D) * 2;

    const ForwardPlan plan = makeForwardPlan(R, C, o.maxTokensPerMsa.value_or(cfg.maxTokensPerMsa));
    const int64_t blockTokens = std::max(plan.rowBlock * C, R * plan.colBlock);
    int64_t working = N * D * f + N;                            // activations x, padding mask
    working += 4 * blockTokens * D * f;                         // slots A (3 blocks), B
    working += std::max(blockTokens, plan.tokenBlock) * D * f;  // slot Normed
    working += plan.tokenBlock * F * f;                         // FFN hidden layer
    if (!o.rowAttentions) working += H * C * C * f;             // row-attention probabilities
    working += int64_t{threads} * R * R * f;                    // column-attention scores
    if (bf16 && kernels::bf16Accelerated()) working += plan.tokenBlock * F * 2;
    if (bf16 && !kernels::bf16Accelerated()) working += plan.tokenBlock * F * f + F * D * f;
    const int64_t T = C - 1;
    if (o.contacts) working += T * T * 8 + H * T * T * f;

    int64_t out = 0;
    if (o.logits) out += N * kVocabSize * f;
    const std::set<int> reprs(o.reprLayers.begin(), o.reprLayers.end());
    for (int k : reprs)
        if (k != L) out += N * D * f;  // layer L takes over the activation buffer
    if (o.rowAttentions) out += L * H * C * C * f;
    if (o.colAttentions) {
        const int64_t cols2 = o.colAttentionColumns.empty() ? C : static_cast<int64_t>(o.colAttentionColumns.size());
        // Streamed to a sink: one layer is held (in working memory) while the sink runs.
        if (o.colAttentionSink)
            working += H * cols2 * R * R * f;
        else
            out += L * H * cols2 * R * R * f;
    }
    if (o.contacts) out += T * T * f;
    e.workingBytes = working + kBaseBytes;
    e.outputBytes = out;
    e.bytes = e.modelBytes + e.workingBytes + e.outputBytes;
    return e;
}

}  // namespace axs
