// The forms a linear layer's matrix takes for the products of a precision (gemm.hpp): one
// form at a time, 4 bytes per weight in each, converted without losing a bit.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/onednn_gemm.hpp"
#include "model/weights.hpp"

namespace axs::kernels {

enum class WeightForm {
    Fp32Plain,   ///< LinearWeights::weight (OpenBLAS)
    Fp32Packed,  ///< oneDNN's blocked float32 layout, per slice
    Bf16Packed,  ///< oneDNN's blocked bf16 layout of the rounded weights, per slice, + low bits
    Bf16Plain,   ///< rounded weights out x in (the emulation widens them per product) + low bits
};

struct PreparedMatrix {
    WeightForm form = WeightForm::Fp32Plain;
    /// Output rows [first, first + count) packed for oneDNN; the slices cover all rows once.
    struct Part {
        int first = 0, count = 0;
        onednn::PackedMatrix packed;
    };
    std::vector<Part> parts;
    /// Bf16Plain: the bf16 weights, out x in.
    std::shared_ptr<uint8_t[]> highBytes;
    /// bf16 forms: the low 16 bits of every float32 weight (out x in). The bf16 weight is the
    /// float32 rounded to nearest with ties away from zero, i.e. its high 16 bits plus one
    /// exactly when the low half is >= 0x8000, so high and low give the float32 back.
    /// nullptr once the float32 weights were released (prepareWeights keepFloat32 = false).
    std::shared_ptr<uint8_t[]> lowBytes;

    const uint16_t* high() const { return reinterpret_cast<const uint16_t*>(highBytes.get()); }
    const uint16_t* low() const { return reinterpret_cast<const uint16_t*>(lowBytes.get()); }

    /// The packed slice [first, first + count); throws std::logic_error if not prepared.
    const onednn::PackedMatrix& slice(int64_t first, int64_t count) const;
};

/// bf16 weight of the float32 bit pattern u (see PreparedMatrix::low), and the inverse.
inline uint16_t weightHigh(uint32_t u) { return static_cast<uint16_t>((u + 0x8000u) >> 16); }
inline uint32_t weightBits(uint16_t high, uint16_t low) {
    return ((static_cast<uint32_t>(high) - (low >= 0x8000u ? 1u : 0u)) << 16) | low;
}

/// The form `precision` uses with `backends`.
WeightForm formFor(Precision precision, const GemmBackends& backends);

}  // namespace axs::kernels
