// oneDNN's matmul primitive behind the products of model/gemm.hpp: linear layers on weights
// packed once into the blocked layout its kernels read, and batched products on strided
// activations. Everything here throws OneDnnUnavailable when the build has no oneDNN (or
// oneDNN has no kernel for a request), so callers fall back to the other backends.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "model/gemm.hpp"

namespace axs::kernels::onednn {

struct OneDnnUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// oneDNN was compiled in.
bool compiledIn();
/// oneDNN was compiled in and creates a float32 matmul on this CPU.
bool fp32Usable();
/// oneDNN runs bf16 matmuls in hardware here (AVX512_BF16 or AMX).
bool bf16Hardware();

/// A K x N weight matrix (the transpose of a linear layer's `out x in` rows) in the layout
/// oneDNN's matmul kernel for this CPU reads; `layout` is the oneDNN memory descriptor.
struct PackedMatrix {
    int64_t k = 0, n = 0;
    Elem type = Elem::F32;
    std::shared_ptr<const void> layout;  ///< dnnl::memory::desc
    std::shared_ptr<uint8_t[]> data;     ///< layout's size in bytes, 64-byte aligned
    size_t bytes = 0;
};

/// Packs rows [0, n) of a row-major n x k matrix of `type` (a linear layer's W, or its bf16
/// rounding) for products y = x · Wᵀ.
PackedMatrix pack(const void* rows, int64_t n, int64_t k, Elem type);
/// The inverse: writes the n x k rows back.
void unpack(const PackedMatrix& packed, void* rows);

/// y (m x n, ldy) = epilogue(x (m x k, ldx) · W + bias). x and y of the given types; bias
/// float32 (n values, or nullptr).
void linear(const void* x, Elem xType, int64_t ldx, int64_t m, const PackedMatrix& w, const float* bias, void* y,
            Elem yType, int64_t ldy, Epilogue epilogue);

/// See kernels::batchedGemm.
void batched(const BatchedGemm& g);

}  // namespace axs::kernels::onednn
