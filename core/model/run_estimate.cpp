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
#include "model/layer_norm.hpp"
#include "model/weights.hpp"

namespace axs {

namespace {

// The time model (fitted with bench_forward --profile on the development machine, a 2-core
// AMD Zen 5, at 64 x 256 and 128 x 256, and checked against full runs there):
//   seconds = linear-layer FLOPs / calibrated linear rate
//           + row- and column-attention FLOPs / calibrated batched-product rates of their shapes
//           + tokens x (layers x kLayerNormsPerLayer + kLayerNormsOutside) x calibrated LayerNorm time
//           + output bytes x kSecondsPerOutputByte
// The "LayerNorm equivalents" stand for all the memory-bound work per token: the LayerNorms
// themselves, the head-major copies, bf16 conversions, softmax, residual scatters.
constexpr double kLayerNormsPerLayerFp32 = 12.0;
constexpr double kLayerNormsPerLayerBf16 = 12.0;
constexpr double kLayerNormsOutside = 4.0;  // embedding, final LayerNorm, LM head's LayerNorm and GELU
/// Zeroing and first touch of the kept outputs (huge pages, populated): ~3 GB/s of one thread.
constexpr double kSecondsPerOutputByte = 1.0 / 3.0e9;
/// Process memory besides the counted buffers: C++ runtime, OpenMP and GEMM library buffers,
/// oneDNN's compiled kernels (measured: ~18 MiB for a small model on two threads).
constexpr int64_t kBaseBytes = int64_t{24} << 20;

/// What this machine does per second, measured with the model's own shapes.
struct MachineRates {
    double linearGflops = 1.0;           ///< the FFN's two linear layers (fused GELU, residual), ~ all linear layers
    double rowAttentionGflops = 1.0;     ///< batched products of tied row attention's shape
    double columnAttentionGflops = 1.0;  ///< batched per-column products of column attention
    double layerNormSeconds = 0.0;       ///< one LayerNorm of one token into the precision's activation type
};

template <class F>
double bestSeconds(int rounds, F f) {
    double best = 1e30;
    for (int round = 0; round < rounds; ++round) {  // the first round also wakes the threads
        const auto start = std::chrono::steady_clock::now();
        f();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (round > 0) best = std::min(best, seconds);
    }
    return best;
}

LinearWeights randomLinear(int64_t out, int64_t in, std::mt19937& rng) {
    std::normal_distribution<float> dist(0.f, 0.02f);
    LinearWeights w;
    w.out = static_cast<int>(out);
    w.in = static_cast<int>(in);
    w.weight.resize(static_cast<size_t>(out * in));
    for (float& v : w.weight) v = dist(rng);
    w.bias.assign(static_cast<size_t>(out), 0.f);
    return w;
}

/// Rates for `threads` threads and `precision`, measured the first time a combination is
/// asked for (~40 ms in bf16, ~70 ms in float32 on two cores; the workbench asks on its GUI
/// thread), cached afterwards; thread-safe. Small models run their products far below the
/// large-matrix rate, and the estimate should know: the shapes are the model's own.
MachineRates calibrate(int threads, Precision precision, int64_t D, int64_t F, int64_t H) {
    static std::mutex mutex;
    static std::map<std::tuple<int, int, int64_t, int64_t, int64_t>, MachineRates> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto key = std::make_tuple(threads, static_cast<int>(precision), D, F, H);
    if (const auto it = cache.find(key); it != cache.end()) return it->second;

    D = std::max<int64_t>(D, 1);
    F = std::max<int64_t>(F, 1);
    H = std::clamp<int64_t>(H, 1, D);
    const kernels::Elem e = kernels::computeElem(precision);
    const size_t eb = static_cast<size_t>(kernels::elemBytes(e));
    std::mt19937 rng(1);
    const int previous = omp_get_max_threads();
    omp_set_num_threads(threads);
    MachineRates r;

    // The feed-forward block's products on a block of tokens (~1 GFLOP per repeat for ESM-MSA-1b).
    const int64_t M = std::clamp<int64_t>(static_cast<int64_t>(2.5e8 / static_cast<double>(D * F)), 16, 2048);
    const LinearWeights fc1 = randomLinear(F, D, rng), fc2 = randomLinear(D, F, rng);
    kernels::prepareLinear(fc1, precision);
    kernels::prepareLinear(fc2, precision);
    std::vector<uint8_t> h(static_cast<size_t>(M * D) * eb, 0), hidden(static_cast<size_t>(M * F) * eb, 0);
    std::vector<float> x(static_cast<size_t>(M * D), 0.f);
    const double linearFlops = 4.0 * static_cast<double>(M * D * F);
    const int linearRepeats = static_cast<int>(std::clamp(1.0e9 / linearFlops, 1.0, 1000.0));
    const double linearSeconds = bestSeconds(4, [&] {
        for (int i = 0; i < linearRepeats; ++i) {
            kernels::linear(h.data(), e, M, fc1, hidden.data(), e, kernels::Epilogue::Gelu, precision);
            kernels::linear(hidden.data(), e, M, fc2, x.data(), kernels::Elem::F32, kernels::Epilogue::Accumulate,
                            precision);
        }
    });
    r.linearGflops = linearFlops * linearRepeats / linearSeconds / 1e9;

    // Attention products, batched as the forward pass runs them: tied row attention's Q·Kᵀ
    // for 16 rows of 128 columns (all heads at once), and column attention's per-column
    // R x R scores for 64 rows (8 columns of every head).
    const auto timeBatched = [&](int64_t batch, int64_t m, int64_t n, int64_t k) {
        std::vector<uint8_t> a(static_cast<size_t>(batch * m * k) * eb, 0),
            b(static_cast<size_t>(batch * k * n) * eb, 0);
        std::vector<float> c(static_cast<size_t>(batch * m * n));
        const kernels::BatchedGemm g = kernels::denseBatch(batch, m, n, k, a.data(), b.data(), e, c.data());
        const double flops = 2.0 * static_cast<double>(batch * m * n * k);
        const int repeats = static_cast<int>(std::clamp(1.5e8 / flops, 1.0, 1000.0));
        return flops * repeats /
               bestSeconds(4,
                           [&] {
                               for (int i = 0; i < repeats; ++i) kernels::batchedGemm(g);
                           }) /
               1e9;
    };
    const int64_t d = std::max<int64_t>(1, D / H);
    r.rowAttentionGflops = timeBatched(H, 128, 128, 16 * d);
    r.columnAttentionGflops = timeBatched(8 * H, 64, 64, d);

    // LayerNorm of a block of tokens into the activation type (memory-bound like the copies).
    LayerNormWeights norm{std::vector<float>(static_cast<size_t>(D), 1.f),
                          std::vector<float>(static_cast<size_t>(D), 0.f)};
    std::vector<float> big(static_cast<size_t>(8 * M * D), 0.5f);
    std::vector<uint8_t> normed(big.size() * eb);
    r.layerNormSeconds = bestSeconds(4, [&] { kernels::layerNorm(big.data(), normed.data(), e, 8 * M, D, norm); }) /
                         static_cast<double>(8 * M);

    omp_set_num_threads(previous);
    cache[key] = r;
    return r;
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
    const MachineRates rates = calibrate(threads, o.precision, D, F, H);
    const double rowGflop = 4.0 * L * R * C * C * D / 1e9, columnGflop = 4.0 * L * C * R * R * D / 1e9;
    const double linearGflop = e.gflop - rowGflop - columnGflop;
    const double layerNorms =
        static_cast<double>(N) * (L * (bf16 ? kLayerNormsPerLayerBf16 : kLayerNormsPerLayerFp32) + kLayerNormsOutside);
    const double productSeconds = linearGflop / rates.linearGflops + rowGflop / rates.rowAttentionGflops +
                                  columnGflop / rates.columnAttentionGflops;
    e.gflopsPerSecond = e.gflop / productSeconds;

    constexpr int64_t f = sizeof(float);
    // Every form of the weights takes 4 bytes per weight (model/gemm.hpp prepareWeights),
    // but bf16 alone 2 for the large matrices.
    e.modelBytes = parameterCount(cfg) * f;
    if (bf16 && !o.keepFloat32Weights) e.modelBytes -= (L * (8 * D * D + 2 * F * D) + D * D) * 2;

    // The workspace slots (model/workspace.hpp) at their largest use; `eb` bytes per
    // activation between the products (2 in bf16).
    const ForwardPlan plan = makeForwardPlan(R, C, o.maxTokensPerMsa.value_or(cfg.maxTokensPerMsa));
    const int64_t eb = kernels::elemBytes(kernels::computeElem(o.precision));
    const int64_t rowTokens = plan.rowBlock * C, colTokens = R * plan.colBlock;
    const int64_t blockTokens = std::max(rowTokens, colTokens);
    int64_t working = N * D * f + N;                                       // activations x, padding mask
    working += std::max({blockTokens * D * eb, plan.tokenBlock * D * f});  // Normed (LM head: float32)
    working += std::max(rowTokens * 3 * D * f, colTokens * 3 * D * eb);    // A
    working += blockTokens * D * f;                                        // B
    working += std::max(plan.tokenBlock * F * eb, colTokens * D * eb);     // Hidden
    const int64_t pairs = std::min(H * plan.colBlock, std::max<int64_t>(1, kBlockTokens * D / (R * R)));
    int64_t scores = pairs * R * R * f;                                       // column-attention scores
    if (bf16) scores = std::max(scores, H * C * C * 2);                       // bf16 row probabilities
    if (plan.officialRowGroup > 0) scores = std::max(scores, H * C * C * f);  // padded chunked groups
    working += scores;
    if (bf16) working += pairs * R * R * 2;        // Probs
    if (bf16) working += plan.tokenBlock * D * 2;  // LM head's bf16 input
    if (bf16 && !kernels::bf16Accelerated())       // emulation: widened operands
        working += plan.tokenBlock * (F + D) * f + F * D * f;
    if (!o.rowAttentions) working += H * C * C * f;  // row-attention probabilities
    const int64_t T = C - 1;
    if (o.contacts) working += T * T * 8 + H * T * T * f;

    int64_t out = 0, streamed = 0;
    if (o.logits) out += N * kVocabSize * f;
    const std::set<int> reprs(o.reprLayers.begin(), o.reprLayers.end());
    for (int k : reprs)
        if (k != L) out += N * D * f;  // layer L takes over the activation buffer
    if (o.rowAttentions) out += L * H * C * C * f;
    if (o.colAttentions) {
        const int64_t cols2 = o.colAttentionColumns.empty() ? C : static_cast<int64_t>(o.colAttentionColumns.size());
        // Streamed to a sink: one layer is held (in working memory) while the sink runs.
        if (o.colAttentionSink) {
            working += H * cols2 * R * R * f;
            streamed = L * H * cols2 * R * R * f;
        } else {
            out += L * H * cols2 * R * R * f;
        }
    }
    if (o.contacts) out += T * T * f;
    e.seconds = productSeconds + layerNorms * rates.layerNormSeconds +
                static_cast<double>(out + streamed) * kSecondsPerOutputByte;
    e.workingBytes = working + kBaseBytes;
    e.outputBytes = out;
    e.bytes = e.modelBytes + e.workingBytes + e.outputBytes;
    return e;
}

}  // namespace axs
