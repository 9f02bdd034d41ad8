// The MSA Transformer (ESM-MSA-1b) forward pass on the CPU, reproducing
// facebookresearch/esm's MSATransformer in eval mode (spec §5).
//
// Shapes (B batch, R rows incl. padding, C columns incl. the leading <cls>,
// D embed dim, H heads, L layers, V = 33, T = C - 1):
//   tokens          int64  B x R x C      (from msa/tokenizer.hpp)
//   logits          float  B x R x C x V
//   representations float  B x R x C x D  (k = 0 embeddings, 1..L-1 raw layer outputs,
//                                           L after the final LayerNorm)
//   rowAttentions   float  B x L x H x C x C       [b][layer][head][query col i][key col j]
//   colAttentions   float  B x L x H x C' x R x R  [b][layer][head][col][query row][key row],
//                          C' = C, or the number of requested columns (colAttentionColumns)
//   contacts        float  B x T x T  (sigmoid probabilities, <cls> removed, symmetric)
//
// Cost before running: model/run_estimate.hpp (FLOPs, calibrated time, planned memory).
// Building blocks reused elsewhere: model/contact_head.hpp (symmetrizeApc).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "common/progress.hpp"
#include "common/tensor.hpp"

namespace axs {

struct Checkpoint;
struct ForwardProfile;  // model/forward_profile.hpp

/// Architecture hyperparameters (spec §3).
struct ModelConfig {
    int layers = 12;
    int embedDim = 768;
    int heads = 12;
    int ffnDim = 3072;
    int maxPositions = 1024;          ///< positional table rows = maxPositions + 2
    int rowEmbeddingWidth = 768;      ///< 0: no MSA row embedding; 1: ESM-MSA-1 layout; D: ESM-MSA-1b
    int64_t maxTokensPerMsa = 16384;  ///< chunked-path threshold (spec §5.6)
    bool hasContactHead = true;

    int headDim() const { return embedDim / heads; }
    /// Most MSA rows the model takes (its row-position table has 1024 entries), or 0 for no
    /// limit (models without a row embedding).
    int maxRows() const { return rowEmbeddingWidth > 0 ? 1024 : 0; }
    static ModelConfig esmMsa1b() { return {}; }
};

/// Precision of the large matrix products. Fp32 reproduces the reference to the golden
/// tolerances; Bf16 rounds weights/activations to bfloat16 inside the GEMMs only
/// (projections, FFN, LM dense layer, tied row-attention products; float32 accumulation,
/// softmax, LayerNorm and column attention stay float32). Bf16 is fast only on CPUs with
/// AVX512_BF16 and oneDNN; elsewhere the same numbers are computed at float32 speed.
/// Typical deviation from Fp32: ~1% of the logits' scale, ~0.03 on probabilities.
enum class Precision { Fp32, Bf16 };

struct ForwardOptions {
    bool logits = false;
    std::vector<int> reprLayers;  ///< which representations to return (0..L)
    bool rowAttentions = false;
    bool colAttentions = false;
    std::vector<int> colAttentionColumns;  ///< if non-empty, only these token columns (0..C-1) are captured
    /// If set (with colAttentions), column attentions are handed over layer by layer instead
    /// of being kept in ForwardResult::colAttentions (which then stays empty): `values` is
    /// the H x C' x R x R block [head][col][query row][key row] of batch item `b` and
    /// `layer`, valid only during the call; calls come in (layer, b) order, i.e. in the C
    /// order of the B x L x ... tensor only when B = 1. Memory then holds one layer
    /// (H·C'·R² floats, 48 MiB at 64 x 256) instead of all of them (578 MiB). An exception
    /// thrown by the sink ends the forward pass and propagates.
    std::function<void(int64_t b, int layer, const float* values)> colAttentionSink;
    bool contacts = false;                   ///< needs the contact head (regression weights)
    std::optional<int64_t> maxTokensPerMsa;  ///< overrides the checkpoint's threshold
    int threads = 0;                         ///< 0: OpenMP default; never more than asked (no nesting)
    Precision precision = Precision::Fp32;
    /// Bf16 only: false releases the model's float32 weights on this pass (MsaTransformer::
    /// prepare(Bf16, false): 2 bytes per large weight instead of 4; Fp32 passes then fail).
    /// For processes that run Bf16 only; the estimate (run_estimate.hpp) follows it.
    bool keepFloat32Weights = true;
    /// If set, the time of every operation of the pass is added to it, by kind
    /// (model/forward_profile.hpp; bench_forward --profile). Owned by the caller.
    ForwardProfile* profile = nullptr;
};

struct ForwardResult {
    TensorF logits;
    std::map<int, TensorF> representations;
    TensorF rowAttentions;
    TensorF colAttentions;
    std::vector<int> colAttentionColumns;  ///< the columns colAttentions holds, in order
    TensorF contacts;
};

/// The architecture of the model in `checkpoint` (what fromCheckpoint() would build),
/// without copying its weights: for planning a run. Throws axs::Error naming the file for a
/// checkpoint that is not a usable MSA Transformer.
ModelConfig configFromCheckpoint(const Checkpoint& checkpoint);

/// Throws axs::Error, as forward() does, when the model cannot take an MSA of `rows`
/// sequences and `cols` aligned columns (without <cls>): more columns than its positional
/// table holds, or more rows than its row embedding. For planning a run before tokenizing.
void checkInputSize(const ModelConfig& config, int64_t rows, int64_t cols);

class MsaTransformer {
public:
    /// Builds the model from a loaded checkpoint; validates every tensor's presence and
    /// shape and throws axs::Error naming the checkpoint file and the offending key.
    static MsaTransformer fromCheckpoint(const Checkpoint& checkpoint);
    /// Seeded random weights of the given shape (benchmarks, tests, the demo model).
    static MsaTransformer withRandomWeights(const ModelConfig& config, uint64_t seed);

    MsaTransformer(MsaTransformer&&) noexcept;
    MsaTransformer& operator=(MsaTransformer&&) noexcept;
    ~MsaTransformer();

    const ModelConfig& config() const;

    /// Contact-regression weights, length L*H, index layer*H + head (empty if none).
    const std::vector<float>& contactRegressionWeights() const;
    float contactRegressionBias() const;

    /// Runs the model. Throws axs::Error for tokens the model cannot take (out of
    /// vocabulary, too many columns or rows) and axs::Cancelled when progress.cancel is
    /// raised (checked before every block of at most ~4096 tokens: well under a second
    /// for the official model). progress.report is called before each layer's row
    /// attention, column attention and feed-forward block.
    /// Working memory is bounded by blocks (about 6 x 4096 x D floats plus the B x R x C x D
    /// activations), so 1024 x 1023 fits in about 4.5 GB without column attentions.
    /// Run one forward at a time per process: the GEMM libraries' thread pools are shared.
    ForwardResult forward(const TensorI64& tokens, const ForwardOptions& options, const Progress& progress = {}) const;

    /// Puts the large matrices into the form the products of `precision` read (packed for
    /// the GEMM library, or bfloat16; model/gemm.hpp), which the first forward pass in a
    /// precision otherwise does (~0.2-0.5 s for ESM-MSA-1b). Exact: a later float32 pass gets
    /// the float32 weights back bit for bit, and memory stays at 4 bytes per weight. For a
    /// process that runs Bf16 only, keepFloat32 = false releases the float32 weights: the
    /// large matrices then take 2 bytes per weight (ESM-MSA-1b: 216 MiB less), and a later Fp32
    /// forward pass throws axs::Error. Thread-safe, but not while a forward pass runs.
    void prepare(Precision precision, bool keepFloat32 = true) const;

    struct Weights;  // defined in model/weights.hpp

private:
    explicit MsaTransformer(std::unique_ptr<Weights> w);
    std::unique_ptr<Weights> weights_;
};

}  // namespace axs
