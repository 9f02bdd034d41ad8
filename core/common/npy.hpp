// NumPy .npy files (format version 1.0 and 2.0, little-endian, C order).
// Used for golden reference data, CLI outputs and matrix exports.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/atomic_file.hpp"
#include "common/tensor.hpp"

namespace axs {

/// Reads a float array (dtype <f4, <f8 or <f2, converted to float32).
/// Throws axs::Error naming the file for anything else (Fortran order, big-endian, ...).
TensorF readNpyFloat(const std::string& path);

/// The same for the bytes of a .npy file held in memory; `nameForMessages` names it in errors.
TensorF readNpyFloatFromMemory(std::string_view bytes, const std::string& nameForMessages);

/// Reads an integer array (dtype <i8, <i4, <i2, |i1, |u1, converted to int64).
TensorI64 readNpyInt64(const std::string& path);

/// Writes dtype <f4 / <i8, atomically (see atomic_file.hpp).
void writeNpy(const std::string& path, const TensorF& t);
void writeNpy(const std::string& path, const TensorI64& t);

/// Writes a <f4 array of known shape piece by piece in C order, so arrays larger than one
/// wants to hold in memory (all layers' column attentions) go straight to disk. Atomic like
/// writeNpy: `path` appears only at commit(), which checks that exactly the declared number
/// of values arrived; abandoning the writer leaves `path` untouched.
class NpyFloatStreamWriter {
public:
    NpyFloatStreamWriter(const std::string& path, std::vector<int64_t> shape);
    void append(const float* values, size_t count);
    void commit();

private:
    AtomicFileWriter file_;
    size_t expected_ = 0, written_ = 0;
};

}  // namespace axs
