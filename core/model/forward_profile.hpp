// Where the time of a forward pass goes: wall seconds and counted FLOPs per kind of
// operation, filled when ForwardOptions::profile points at one (bench_forward --profile).
// Each operation is timed on the thread that calls it (the GEMM libraries and the parallel
// loops fan out from there), exclusively: time spent in an operation nested inside another
// counts only for the inner one. The timers cost ~50 ns each, a few thousand per forward.
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace axs {

enum class OpKind {
    Projections,     ///< q, k, v and output projections of row and column attention (GEMM + bias)
    FeedForward,     ///< fc1 and fc2 products (GEMM + bias)
    RowProducts,     ///< tied row attention: Q·Kᵀ over all rows, and P·V
    ColumnProducts,  ///< column attention: per column and head Q·Kᵀ and P·V (batched)
    ColumnSoftmax,   ///< column attention: padding mask, softmax, copy to the capture, bf16 rounding
    Softmax,         ///< row-attention softmax (and its padding mask)
    LayerNorm,
    Gelu,
    Copies,             ///< re-layouts (head-major), gathers and scatters, captured outputs
    Conversions,        ///< float32 -> bfloat16 of activations and probabilities (Bf16 precision)
    WeightPreparation,  ///< one-time re-layout / conversion of the weights for a precision
    Outputs,            ///< allocating (and zeroing) the output tensors
    Embedding,
    LmHead,
    Contacts,
    Count
};

inline constexpr size_t kOpKinds = static_cast<size_t>(OpKind::Count);

/// Short name of a kind, for tables ("projections", "row products", ...).
const char* opKindName(OpKind kind);

struct ForwardProfile {
    std::array<double, kOpKinds> seconds{};  ///< wall seconds per kind, summed over forward passes
    /// CPU seconds of the whole process per kind (all threads; with OMP_WAIT_POLICY=passive
    /// close to the work done, so cpuSeconds / threads is what an idle machine would take).
    std::array<double, kOpKinds> cpuSeconds{};
    std::array<double, kOpKinds> flops{};  ///< counted FLOPs per kind (2 per multiply-add)
    std::array<long, kOpKinds> calls{};    ///< operations timed per kind
    double totalSeconds = 0.0;             ///< wall seconds of the whole forward passes
    double totalCpuSeconds = 0.0;          ///< process CPU seconds of the whole forward passes
    int forwards = 0;                      ///< forward passes accumulated

    double timedSeconds() const;
    double timedCpuSeconds() const;
    void add(const ForwardProfile& other);
};

}  // namespace axs
