// The forward pass: embedding, L axial layers, final LayerNorm, LM head and contact head
// (spec §5), with outputs captured as requested.
#include "model/msa_transformer.hpp"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <string>

#include "common/error.hpp"
#include "model/column_attention.hpp"
#include "model/contact_head.hpp"
#include "model/embedding.hpp"
#include "model/feed_forward.hpp"
#include "model/forward_plan.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/huge_pages.hpp"
#include "model/layer_norm.hpp"
#include "model/lm_head.hpp"
#include "model/profile_timer.hpp"
#include "model/row_attention.hpp"
#include "model/weights.hpp"

namespace axs {

namespace {

/// Sets the OpenMP thread count for the duration of a forward pass (0 keeps the default)
/// and restores the caller's value afterwards.
class ThreadCountGuard {
public:
    explicit ThreadCountGuard(int threads) : previous_(omp_get_max_threads()) {
        if (threads > 0) omp_set_num_threads(threads);
    }
    ~ThreadCountGuard() { omp_set_num_threads(previous_); }
    ThreadCountGuard(const ThreadCountGuard&) = delete;
    ThreadCountGuard& operator=(const ThreadCountGuard&) = delete;

private:
    int previous_;
};

std::string modelName(const MsaTransformer::Weights& w) { return w.sourcePath.empty() ? "random model" : w.sourcePath; }

void validateTokens(const TensorI64& tokens, const ModelConfig& cfg) {
    if (tokens.rank() != 3 || tokens.shape[0] < 1 || tokens.shape[1] < 1 || tokens.shape[2] < 1)
        throw Error("tokens must be a non-empty B x R x C array, got " + tokens.shapeString());
    const int64_t R = tokens.shape[1], C = tokens.shape[2];
    checkInputSize(cfg, R, C - 1);
    for (size_t i = 0; i < tokens.size(); ++i) {
        const int64_t t = tokens.data[i];
        if (t < 0 || t >= kVocabSize) {
            const size_t c = i % static_cast<size_t>(C), r = (i / static_cast<size_t>(C)) % static_cast<size_t>(R),
                         b = i / static_cast<size_t>(C * R);
            throw Error("token " + std::to_string(t) + " at [" + std::to_string(b) + "][" + std::to_string(r) + "][" +
                        std::to_string(c) + "] is outside the vocabulary 0.." + std::to_string(kVocabSize - 1));
        }
    }
}

/// Per column: its slot in the captured column-attention tensor, or -1.
std::vector<int> captureSlots(const ForwardOptions& o, int64_t C, std::vector<int>& columns) {
    std::vector<int> slot(static_cast<size_t>(C), -1);
    columns.clear();
    if (!o.colAttentions) return slot;
    if (o.colAttentionColumns.empty()) {
        for (int c = 0; c < C; ++c) columns.push_back(c);
    } else {
        for (int c : o.colAttentionColumns) {
            if (c < 0 || c >= C)
                throw Error("column-attention column " + std::to_string(c) + " is outside 0.." + std::to_string(C - 1));
            if (slot[static_cast<size_t>(c)] >= 0)
                throw Error("column-attention column " + std::to_string(c) + " is listed twice");
            slot[static_cast<size_t>(c)] = 0;  // marked; numbered below
            columns.push_back(c);
        }
    }
    for (size_t i = 0; i < columns.size(); ++i) slot[static_cast<size_t>(columns[i])] = static_cast<int>(i);
    return slot;
}

}  // namespace

MsaTransformer::MsaTransformer(std::unique_ptr<Weights> w) : weights_(std::move(w)) {}
MsaTransformer::MsaTransformer(MsaTransformer&&) noexcept = default;
MsaTransformer& MsaTransformer::operator=(MsaTransformer&&) noexcept = default;
MsaTransformer::~MsaTransformer() = default;

void checkInputSize(const ModelConfig& cfg, int64_t rows, int64_t cols) {
    if (cols + 1 > cfg.maxPositions)
        throw Error("the MSA has " + std::to_string(cols) + " columns; this model takes at most " +
                    std::to_string(cfg.maxPositions - 1) + " (max_positions " + std::to_string(cfg.maxPositions) +
                    " including the start token)");
    if (cfg.rowEmbeddingWidth > 0 && rows > kMaxMsaRows)
        throw Error("the MSA has " + std::to_string(rows) + " rows; this model takes at most " +
                    std::to_string(kMaxMsaRows) + " (subsample it first)");
}

MsaTransformer MsaTransformer::fromCheckpoint(const Checkpoint& checkpoint) {
    return MsaTransformer(weightsFromCheckpoint(checkpoint));
}

MsaTransformer MsaTransformer::withRandomWeights(const ModelConfig& config, uint64_t seed) {
    return MsaTransformer(randomWeights(config, seed));
}

const ModelConfig& MsaTransformer::config() const { return weights_->config; }
const std::vector<float>& MsaTransformer::contactRegressionWeights() const { return weights_->regressionWeight; }
float MsaTransformer::contactRegressionBias() const { return weights_->regressionBias; }

void MsaTransformer::prepare(Precision precision, bool keepFloat32) const {
    kernels::prepareWeights(*weights_, precision, keepFloat32);
}

ForwardResult MsaTransformer::forward(const TensorI64& tokens, const ForwardOptions& options,
                                      const Progress& progress) const {
    const Weights& w = *weights_;
    const ModelConfig& cfg = w.config;
    validateTokens(tokens, cfg);
    const int L = cfg.layers;
    for (int k : options.reprLayers)
        if (k < 0 || k > L)
            throw Error("representation layer " + std::to_string(k) + " does not exist (0.." + std::to_string(L) + ")");
    if (options.contacts && w.regressionWeight.empty())
        throw Error(modelName(w) +
                    ": no contact-regression weights (expected <model>-contact-regression.pt beside the "
                    "model file), so contacts cannot be predicted");
    const int64_t threshold = options.maxTokensPerMsa.value_or(cfg.maxTokensPerMsa);
    if (threshold <= 0) throw Error("max_tokens_per_msa must be positive, got " + std::to_string(threshold));
    if (options.threads < 0) throw Error("thread count must be positive, got " + std::to_string(options.threads));

    ThreadCountGuard threadGuard(options.threads);
    const kernels::ProfileSession profileSession(options.profile);
    {
        const kernels::OpTimer timer(OpKind::WeightPreparation);
        kernels::prepareWeights(w, options.precision, options.keepFloat32Weights);
    }
    const int64_t B = tokens.shape[0], R = tokens.shape[1], C = tokens.shape[2];
    MsaDims dm;
    dm.R = R;
    dm.C = C;
    dm.D = cfg.embedDim;
    dm.H = cfg.heads;
    dm.d = cfg.headDim();
    dm.F = cfg.ffnDim;
    const int64_t N = R * C, D = dm.D, H = dm.H;
    const ForwardPlan plan = makeForwardPlan(R, C, threshold);

    Workspace ws;
    RunContext run{ws, progress, options.precision};
    ForwardResult result;
    const std::set<int> reprs(options.reprLayers.begin(), options.reprLayers.end());
    auto captureRepr = [&](int k, const std::vector<float>& x) {
        if (!reprs.count(k)) return;
        const kernels::OpTimer timer(OpKind::Copies);
        TensorF t = kernels::hugePageTensor({B, R, C, D});
        std::copy(x.begin(), x.end(), t.data.begin());
        result.representations[k] = std::move(t);
    };
    // Outputs and activations are large and touched once per page: huge pages (huge_pages.hpp).
    std::optional<kernels::OpTimer> outputTimer(std::in_place, OpKind::Outputs);
    if (options.rowAttentions) result.rowAttentions = kernels::hugePageTensor({B, L, H, C, C});
    ColumnCapture colCapture;
    colCapture.slotOfColumn = captureSlots(options, C, result.colAttentionColumns);
    colCapture.slots = static_cast<int64_t>(result.colAttentionColumns.size());
    const bool streamColumns = options.colAttentions && static_cast<bool>(options.colAttentionSink);
    const int64_t colLayerValues = H * colCapture.slots * R * R;  // one layer of one MSA
    std::vector<float> colLayer;
    if (streamColumns)
        colLayer = kernels::hugePageVector<float>(static_cast<size_t>(colLayerValues));
    else if (options.colAttentions)
        result.colAttentions = kernels::hugePageTensor({B, L, H, colCapture.slots, R, R});
    outputTimer.reset();

    const double steps = 3.0 * L + 2.0;
    double step = 0.0;
    auto report = [&](const std::string& stage) {
        progress.throwIfCancelled();
        progress.update(step / steps, stage);
        step += 1.0;
    };

    report("embedding");
    std::optional<kernels::OpTimer> embedTimer(std::in_place, OpKind::Embedding);
    std::vector<float> x = kernels::hugePageVector<float>(static_cast<size_t>(B * N * D));
    std::vector<uint8_t> pad(static_cast<size_t>(B * N));
    std::vector<MsaSlice> msas(static_cast<size_t>(B));
    for (int64_t b = 0; b < B; ++b) {
        MsaSlice& m = msas[static_cast<size_t>(b)];
        m.x = x.data() + b * N * D;
        m.pad = pad.data() + b * N;
        embedMsa(w, tokens.ptr() + b * N, R, C, m.x, pad.data() + b * N);
        m.hasPadding = std::any_of(m.pad, m.pad + N, [](uint8_t p) { return p != 0; });
    }
    embedTimer.reset();
    captureRepr(0, x);

    std::vector<ContactAccumulator> contacts;
    if (options.contacts)
        for (int64_t b = 0; b < B; ++b) contacts.emplace_back(C - 1, H, w.regressionWeight, w.regressionBias);
    std::vector<float> probsScratch;
    if (!options.rowAttentions) probsScratch = kernels::hugePageVector<float>(static_cast<size_t>(H * C * C));

    for (int l = 0; l < L; ++l) {
        const LayerWeights& lw = w.layers[static_cast<size_t>(l)];
        const std::string layerLabel = "layer " + std::to_string(l + 1) + "/" + std::to_string(L);
        report(layerLabel + ": row attention");
        for (int64_t b = 0; b < B; ++b) {
            float* probs =
                options.rowAttentions ? result.rowAttentions.ptr() + (b * L + l) * H * C * C : probsScratch.data();
            rowAttentionBlock(msas[static_cast<size_t>(b)], dm, lw.row, plan, probs, run);
            if (options.contacts) {
                const kernels::OpTimer timer(OpKind::Contacts);
                contacts[static_cast<size_t>(b)].addLayer(l, probs);
            }
        }
        report(layerLabel + ": column attention");
        for (int64_t b = 0; b < B; ++b) {
            colCapture.out = streamColumns           ? colLayer.data()
                             : options.colAttentions ? result.colAttentions.ptr() + (b * L + l) * colLayerValues
                                                     : nullptr;
            columnAttentionBlock(msas[static_cast<size_t>(b)], dm, lw.column, plan, colCapture, run);
            if (streamColumns) options.colAttentionSink(b, l, colLayer.data());
        }
        report(layerLabel + ": feed-forward");
        feedForwardBlock(x.data(), B * N, dm, lw, plan, run);
        if (l + 1 < L) captureRepr(l + 1, x);
    }

    report("output heads");
    if (options.logits || reprs.count(L)) {
        {
            const kernels::OpTimer timer(OpKind::LayerNorm);
            kernels::layerNorm(x.data(), x.data(), B * N, D, w.embNormAfter);
        }
        if (options.logits) {
            const kernels::OpTimer timer(OpKind::LmHead);
            result.logits = kernels::hugePageTensor({B, R, C, kVocabSize});
            lmHead(w, x.data(), B * N, result.logits.ptr(), plan, run);
        }
        if (reprs.count(L)) {  // x is not needed any more: hand it over instead of copying
            TensorF t;
            t.shape = {B, R, C, D};
            t.data = std::move(x);
            result.representations[L] = std::move(t);
        }
    }
    if (options.contacts) {
        const kernels::OpTimer timer(OpKind::Contacts);
        result.contacts = TensorF({B, C - 1, C - 1});
        for (int64_t b = 0; b < B; ++b)
            contacts[static_cast<size_t>(b)].finish(result.contacts.ptr() + b * (C - 1) * (C - 1));
    }
    progress.update(1.0, "done");
    return result;
}

}  // namespace axs
