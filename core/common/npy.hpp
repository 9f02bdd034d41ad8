// NumPy .npy files (format version 1.0 and 2.0, little-endian, C order).
// Used for golden reference data, CLI outputs and matrix exports.
#pragma once

#include <string>

#include "common/tensor.hpp"

namespace axs {

/// Reads a float array (dtype <f4, <f8 or <f2, converted to float32).
/// Throws axs::Error naming the file for anything else (Fortran order, big-endian, ...).
TensorF readNpyFloat(const std::string& path);

/// Reads an integer array (dtype <i8, <i4, <i2, |i1, |u1, converted to int64).
TensorI64 readNpyInt64(const std::string& path);

/// Writes dtype <f4 / <i8, atomically (see atomic_file.hpp).
void writeNpy(const std::string& path, const TensorF& t);
void writeNpy(const std::string& path, const TensorI64& t);

}  // namespace axs
