// Matrix products of the forward pass. All matrices are row-major with explicit leading
// dimensions (elements between consecutive rows). One place decides which library runs
// them, in which precision, and in which form the weights are held.
//
// Backends (chosen once per process, printed by bench_forward and `axialscope-cli bench`):
//   float32: oneDNN's matmul on weights packed once into its blocked layout, or OpenBLAS
//            (cblas_sgemm on the plain weights). Default: oneDNN wherever it is compiled in
//            and runs (its packed weights and fused bias/GELU make it the faster one on
//            every CPU measured), else OpenBLAS; AXS_GEMM=onednn|openblas forces one. The
//            choice is fixed, not timed, so that two runs give byte-identical results.
//   bf16:    oneDNN's bf16 matmul (bf16 inputs, float32 accumulation) where the CPU has
//            AVX512_BF16 or AMX; elsewhere, or with AXS_BF16=emulated, the same numbers from
//            float32 products of the bf16-rounded values (exact: a product of two bf16 values
//            fits a float32), at float32 speed.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/msa_transformer.hpp"
#include "model/weights.hpp"

namespace axs::kernels {

/// Element type of an activation matrix.
enum class Elem { F32, Bf16 };
inline int64_t elemBytes(Elem e) { return e == Elem::F32 ? 4 : 2; }
/// The type activations take between the large products: bfloat16 in Bf16 precision.
inline Elem computeElem(Precision p) { return p == Precision::Bf16 ? Elem::Bf16 : Elem::F32; }

/// What a linear layer does with x · Wᵀ + b (computed in float32) before storing it.
enum class Epilogue {
    Store,       ///< y = x·Wᵀ + b
    Accumulate,  ///< y += x·Wᵀ + b (a residual connection; y is float32)
    Gelu,        ///< y = GELU(x·Wᵀ + b), the exact (erf) GELU
};

enum class Fp32Backend { OneDnn, OpenBlas };
enum class Bf16Backend { OneDnn, Emulated };
struct GemmBackends {
    Fp32Backend fp32 = Fp32Backend::OneDnn;
    Bf16Backend bf16 = Bf16Backend::OneDnn;
};

/// The backends in use (see the top of this file), chosen on first use.
GemmBackends gemmBackends();
/// Replaces the choice for the rest of the process (tests compare every backend on the same
/// inputs). Throws axs::Error naming the backend if this build or CPU lacks it. Not while a
/// forward pass runs: models re-prepare their weights on their next forward pass.
void setGemmBackends(GemmBackends backends);
/// Name of the float32 library in use: "oneDNN" or "OpenBLAS".
const char* gemmBackendName();
/// Name of the bf16 path in use: "oneDNN (AVX512_BF16)" or "emulated (float32 products)".
const char* bf16BackendName();

/// Puts every large matrix of the model (attention projections, FFN, LM dense layer) into
/// the form the products of `precision` read with the current backends: packed float32 for
/// oneDNN, plain float32 for OpenBLAS, bfloat16 (packed, or plain for the emulation) plus
/// the 16 low bits of every float32 weight, so that a later float32 pass gets the exact
/// weights back. Each matrix is held in one form at a time (4 bytes per weight in every
/// form). With keepFloat32 false, a bf16 form drops the low bits (2 bytes per weight) and
/// the model can run Bf16 only from then on. A no-op when already prepared; thread-safe;
/// ~0.2 s for ESM-MSA-1b on a change. Throws axs::Error when the float32 weights were
/// released and `precision` is Fp32.
void prepareWeights(const MsaTransformer::Weights& w, Precision precision, bool keepFloat32 = true);
/// The same for one matrix used by output-row slices [first, first + count) (each pair in
/// `slices`; empty: the whole matrix). Not thread-safe on the same matrix.
void prepareLinear(const LinearWeights& w, Precision precision, const std::vector<std::pair<int, int>>& slices = {},
                   bool keepFloat32 = true);

/// y (n x count, contiguous) = epilogue(x (n x in, contiguous) · W[first, first+count)ᵀ +
/// b[first, first+count)): output rows [first, first + count) of the layer (all by default).
/// In Bf16 precision float32 inputs are rounded to bf16 first; Fp32 precision reads and
/// writes float32 only. x and y must not overlap.
/// The weights must have been prepared for `precision` (with this slice).
void linear(const void* x, Elem xType, int64_t n, const LinearWeights& w, void* y, Elem yType, Epilogue epilogue,
            Precision precision, int64_t first = 0, int64_t count = -1);

/// Float32 activations in and out: linear(x, F32, n, w, y, F32, Store or Accumulate, ...).
void linear(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision, int64_t first = 0,
            int64_t count = -1);
void linearAccumulate(const float* x, int64_t n, const LinearWeights& w, float* y, Precision precision);

/// One operand of a batched product: `batch` row-major matrices of `type` with leading
/// dimension `ld`, `stride` elements apart.
struct MatrixBatch {
    const void* data = nullptr;
    Elem type = Elem::F32;
    int64_t ld = 0;
    int64_t stride = 0;
};

/// C[i] (m x n) (+)= A[i] (m x k) · B[i] (k x n) for i < batch, float32 accumulation. A and B
/// share one type (float32: the float32 backend; bf16: the bf16 backend); C is float32 or
/// bf16 (rounded once at the end). accumulate needs a float32 C.
struct BatchedGemm {
    int64_t batch = 1, m = 0, n = 0, k = 0;
    MatrixBatch a, b;
    void* c = nullptr;
    Elem cType = Elem::F32;
    int64_t ldc = 0, strideC = 0;
    bool accumulate = false;
};
void batchedGemm(const BatchedGemm& g);

/// A batch of matrices stored one after another without gaps: A[i] m x k, B[i] k x n (of
/// `type`), C[i] m x n (of cType).
BatchedGemm denseBatch(int64_t batch, int64_t m, int64_t n, int64_t k, const void* a, const void* b, Elem type, void* c,
                       Elem cType = Elem::F32, bool accumulate = false);

/// Float32 products with the float32 backend. C (m x n) = A (m x k) · Bᵀ, B stored n x k
/// (gemmNT) or A · B, B stored k x n (gemmNN); accumulate: C += instead of C =.
void gemmNT(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate = false);
void gemmNN(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
            int64_t ldc, bool accumulate = false);

}  // namespace axs::kernels
