// Element types of torch storages and their exact conversion to float32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace axs {

enum class StorageDtype : uint8_t {
    Float32,
    Float16,
    BFloat16,
    Float64,  // floating point: usable as weights
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
};

/// From a torch storage class name ("FloatStorage", "HalfStorage", ...; "UntypedStorage"
/// counts as UInt8). std::nullopt for anything else.
std::optional<StorageDtype> dtypeFromStorageClass(const std::string& className);

/// Bytes per element (1, 2, 4 or 8).
size_t elementSize(StorageDtype dtype);

/// "float32", "float16", "bfloat16", "float64", "int64", ...
const char* dtypeName(StorageDtype dtype);

bool isFloatingPoint(StorageDtype dtype);

/// Converts `count` elements stored at `src` (stored in little-endian order, or big-endian
/// when `bigEndian`) to float32 at `dst`. float16 and bfloat16 widen exactly; float64 is
/// rounded to nearest (the only lossy case). `dtype` must be floating point.
void convertToFloat(const void* src, size_t count, StorageDtype dtype, bool bigEndian, float* dst);

/// Exact float16 (IEEE binary16 bit pattern) -> float32, including subnormals, inf, NaN.
float halfToFloat(uint16_t bits);

}  // namespace axs
