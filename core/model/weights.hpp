// The parameters of one MSA Transformer, laid out for the forward pass (spec §4).
// Every matrix is float32, row-major, stored `out x in` exactly as in the checkpoint, so a
// linear layer computes y = x · Wᵀ + b. The large matrices may instead be held in the form
// the products of a precision read (model/gemm.hpp prepareWeights), never losing a bit.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "model/msa_transformer.hpp"

namespace axs {

namespace kernels {
struct PreparedMatrix;  // model/prepared_weights.hpp
}

/// y = x · weightᵀ + bias. weight: out x in (row-major), bias: out.
struct LinearWeights {
    int out = 0;
    int in = 0;
    /// Empty while `prepared` holds the matrix (a forward pass converts it back when needed).
    mutable std::vector<float> weight;
    std::vector<float> bias;
    /// The matrix in the form one precision and GEMM backend read (packed, or bfloat16 plus
    /// the low bits that restore the float32 values exactly), or nullptr: `weight` holds it.
    mutable std::shared_ptr<kernels::PreparedMatrix> prepared;
};

/// y = (x − mean) / sqrt(var + 1e-5) · weight + bias over the last axis (biased variance).
struct LayerNormWeights {
    std::vector<float> weight;
    std::vector<float> bias;
};

/// One attention block (row or column): its pre-LayerNorm and the four projections. The
/// query, key and value projections are stacked into one 3D x D matrix (rows [0, D) q,
/// [D, 2D) k, [2D, 3D) v) so that one product computes several of them.
struct AttentionWeights {
    LayerNormWeights norm;
    LinearWeights qkv;
    LinearWeights out;
};

/// Stacks linear layers with the same input size: weights and biases one after another.
LinearWeights stackRows(const std::vector<LinearWeights>& parts);

struct LayerWeights {
    AttentionWeights row;     ///< tied row attention (open-source name row_self_attention)
    AttentionWeights column;  ///< column attention (open-source name column_self_attention)
    LayerNormWeights ffnNorm;
    LinearWeights fc1;  ///< F x D
    LinearWeights fc2;  ///< D x F
};

struct MsaTransformer::Weights {
    ModelConfig config;
    std::string sourcePath;  ///< checkpoint file ("" for random weights); named in error messages

    std::vector<float> embedTokens;     ///< V x D; also the LM output matrix (tied)
    std::vector<float> embedPositions;  ///< (maxPositions + 2) x D
    std::vector<float> msaPositions;    ///< 1024 x rowEmbeddingWidth (empty if width 0)
    LayerNormWeights embNormBefore;
    LayerNormWeights embNormAfter;
    std::vector<LayerWeights> layers;

    LinearWeights lmDense;  ///< D x D
    LayerNormWeights lmNorm;
    std::vector<float> lmBias;  ///< V

    std::vector<float> regressionWeight;  ///< L*H, index layer*H + head (empty: no contact head)
    float regressionBias = 0.f;

    /// Guards prepareWeights() (model/gemm.hpp), which converts the matrices between forms.
    mutable std::mutex prepareMutex;
    mutable int preparedFor = -1;  ///< the precision and backends the matrices are in (-1: plain)
};

/// Vocabulary size of the ESM MSA alphabet (spec §1) and the number of rows of the
/// hard-coded MSA row-position table.
inline constexpr int kVocabSize = 33;
inline constexpr int kMaxMsaRows = 1024;
inline constexpr int kPaddingIdx = 1;

/// Builds weights from a loaded checkpoint (spec §4): checks every tensor's presence and
/// shape; throws axs::Error naming the checkpoint file and the key.
std::unique_ptr<MsaTransformer::Weights> weightsFromCheckpoint(const Checkpoint& checkpoint);

/// Deterministic random weights of the given shape: matrices and embeddings ~ N(0, 0.02²),
/// biases ~ N(0, 0.02²), LayerNorm weights ~ 1 + N(0, 0.02²). Same seed, same weights.
std::unique_ptr<MsaTransformer::Weights> randomWeights(const ModelConfig& config, uint64_t seed);

/// Throws axs::Error if the configuration is not a usable model (non-positive sizes, D not
/// divisible by H, row-embedding width other than 0, 1 or D).
void validateConfig(const ModelConfig& config, const std::string& source);

}  // namespace axs
