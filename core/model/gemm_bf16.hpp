// bfloat16 values for the Bf16 precision: activations rounded to nearest even, products
// accumulated in float32 (model/gemm.hpp runs them, oneDNN's kernels or the emulation).
#pragma once

#include <cstdint>

namespace axs::kernels {

/// bfloat16 bits of f, rounded to nearest even (inputs are finite).
inline uint16_t toBf16(float f) {
    uint32_t u;
    __builtin_memcpy(&u, &f, 4);
    u += 0x7FFFu + ((u >> 16) & 1u);
    return static_cast<uint16_t>(u >> 16);
}
inline float fromBf16(uint16_t b) {
    const uint32_t u = static_cast<uint32_t>(b) << 16;
    float f;
    __builtin_memcpy(&f, &u, 4);
    return f;
}

/// out[i] = bf16(in[i]) for n elements (parallel for large n).
void toBf16Array(const float* in, int64_t n, uint16_t* out);
/// out[i] = in[i] widened to float32 (exact; parallel for large n).
void fromBf16Array(const uint16_t* in, int64_t n, float* out);

/// True when bf16 products run in hardware (oneDNN with AVX512_BF16 or AMX, and not
/// AXS_BF16=emulated): only then is the Bf16 precision faster than Fp32.
bool bf16Accelerated();

}  // namespace axs::kernels
