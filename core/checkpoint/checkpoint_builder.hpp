// The part of loadCheckpoint that works on already opened files; separate so that tests
// (fuzzing) can drive the whole interpretation from in-memory containers.
#pragma once

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/torch_file.hpp"

namespace axs {

/// Interprets an opened model file (and its regression file, may be nullptr): args,
/// regression merge, key conversion, key/shape validation, tensor loading, tied matrix.
Checkpoint buildCheckpoint(TorchFile& model, TorchFile* regression);

}  // namespace axs
