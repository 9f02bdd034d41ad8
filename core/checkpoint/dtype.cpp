#include "checkpoint/dtype.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <map>

namespace axs {

namespace {

uint32_t halfBitsToFloatBits(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1fu;
    uint32_t mantissa = h & 0x3ffu;
    if (exponent == 0x1f) return sign | 0x7f800000u | (mantissa << 13);  // inf / NaN (payload kept)
    if (exponent == 0) {
        if (mantissa == 0) return sign;  // signed zero
        // Subnormal half: normalise with integer shifts (no floating-point arithmetic,
        // so flush-to-zero modes cannot change the result).
        int e = -1;
        do {
            mantissa <<= 1;
            ++e;
        } while ((mantissa & 0x400u) == 0);
        mantissa &= 0x3ffu;
        return sign | ((127u - 15u - static_cast<uint32_t>(e)) << 23) | (mantissa << 13);
    }
    return sign | ((exponent + (127u - 15u)) << 23) | (mantissa << 13);
}

// 256 KiB table: every half bit pattern, built once; conversion is then a lookup.
const std::array<float, 65536>& halfTable() {
    static const std::array<float, 65536> table = [] {
        std::array<float, 65536> t{};
        for (uint32_t h = 0; h < 65536; ++h) t[h] = std::bit_cast<float>(halfBitsToFloatBits(static_cast<uint16_t>(h)));
        return t;
    }();
    return table;
}

template <class U>
U loadElement(const unsigned char* p, bool bigEndian) {
    U v;
    std::memcpy(&v, p, sizeof(U));
    if (bigEndian != (std::endian::native == std::endian::big)) {
        if constexpr (sizeof(U) == 2) v = static_cast<U>(__builtin_bswap16(v));
        if constexpr (sizeof(U) == 4) v = __builtin_bswap32(v);
        if constexpr (sizeof(U) == 8) v = __builtin_bswap64(v);
    }
    return v;
}

}  // namespace

float halfToFloat(uint16_t bits) { return halfTable()[bits]; }

std::optional<StorageDtype> dtypeFromStorageClass(const std::string& className) {
    static const std::map<std::string, StorageDtype> classes = {
        {"FloatStorage", StorageDtype::Float32},     {"HalfStorage", StorageDtype::Float16},
        {"BFloat16Storage", StorageDtype::BFloat16}, {"DoubleStorage", StorageDtype::Float64},
        {"LongStorage", StorageDtype::Int64},        {"IntStorage", StorageDtype::Int32},
        {"ShortStorage", StorageDtype::Int16},       {"CharStorage", StorageDtype::Int8},
        {"ByteStorage", StorageDtype::UInt8},        {"BoolStorage", StorageDtype::Bool},
        {"UntypedStorage", StorageDtype::UInt8},
    };
    const auto it = classes.find(className);
    if (it == classes.end()) return std::nullopt;
    return it->second;
}

size_t elementSize(StorageDtype dtype) {
    switch (dtype) {
        case StorageDtype::Float64:
        case StorageDtype::Int64:
            return 8;
        case StorageDtype::Float32:
        case StorageDtype::Int32:
            return 4;
        case StorageDtype::Float16:
        case StorageDtype::BFloat16:
        case StorageDtype::Int16:
            return 2;
        case StorageDtype::Int8:
        case StorageDtype::UInt8:
        case StorageDtype::Bool:
            return 1;
    }
    return 1;
}

const char* dtypeName(StorageDtype dtype) {
    switch (dtype) {
        case StorageDtype::Float32:
            return "float32";
        case StorageDtype::Float16:
            return "float16";
        case StorageDtype::BFloat16:
            return "bfloat16";
        case StorageDtype::Float64:
            return "float64";
        case StorageDtype::Int64:
            return "int64";
        case StorageDtype::Int32:
            return "int32";
        case StorageDtype::Int16:
            return "int16";
        case StorageDtype::Int8:
            return "int8";
        case StorageDtype::UInt8:
            return "uint8";
        case StorageDtype::Bool:
            return "bool";
    }
    return "?";
}

bool isFloatingPoint(StorageDtype dtype) {
    return dtype == StorageDtype::Float32 || dtype == StorageDtype::Float16 || dtype == StorageDtype::BFloat16 ||
           dtype == StorageDtype::Float64;
}

void convertToFloat(const void* src, size_t count, StorageDtype dtype, bool bigEndian, float* dst) {
    const auto* p = static_cast<const unsigned char*>(src);
    const bool swap = bigEndian != (std::endian::native == std::endian::big);
    switch (dtype) {
        case StorageDtype::Float32:
            if (!swap) {
                std::memcpy(dst, p, count * 4);
            } else {
                for (size_t i = 0; i < count; ++i)
                    dst[i] = std::bit_cast<float>(loadElement<uint32_t>(p + 4 * i, bigEndian));
            }
            return;
        case StorageDtype::Float16: {
            const auto& table = halfTable();
            for (size_t i = 0; i < count; ++i) dst[i] = table[loadElement<uint16_t>(p + 2 * i, bigEndian)];
            return;
        }
        case StorageDtype::BFloat16:
            for (size_t i = 0; i < count; ++i)
                dst[i] = std::bit_cast<float>(static_cast<uint32_t>(loadElement<uint16_t>(p + 2 * i, bigEndian)) << 16);
            return;
        case StorageDtype::Float64:
            for (size_t i = 0; i < count; ++i)
                dst[i] = static_cast<float>(std::bit_cast<double>(loadElement<uint64_t>(p + 8 * i, bigEndian)));
            return;
        default:
            return;  // callers check isFloatingPoint first
    }
}

}  // namespace axs
