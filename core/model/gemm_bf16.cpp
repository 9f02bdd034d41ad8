#include "model/gemm_bf16.hpp"

#include "model/gemm.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

void toBf16Array(const float* in, int64_t n, uint16_t* out) {
#pragma omp parallel for simd schedule(static) if (worthParallel(n))
    for (int64_t i = 0; i < n; ++i) out[i] = toBf16(in[i]);
}

void fromBf16Array(const uint16_t* in, int64_t n, float* out) {
#pragma omp parallel for simd schedule(static) if (worthParallel(n))
    for (int64_t i = 0; i < n; ++i) out[i] = fromBf16(in[i]);
}

bool bf16Accelerated() { return gemmBackends().bf16 == Bf16Backend::OneDnn; }

}  // namespace axs::kernels
