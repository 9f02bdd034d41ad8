// The checkpoint's `args` (an argparse.Namespace of training options) -> ModelArgs.
#pragma once

#include <string>

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/pickle_value.hpp"

namespace axs {

/// Applies the official renaming (key_mapping.hpp: convertArgName) and reads the fields
/// of spec §7.2. `args` is the Namespace object (or a plain dict of fields). Unknown
/// fields (training options) are ignored. Throws axs::Error naming `path` when a required
/// field is missing or has the wrong type or an impossible value, or when arch is not
/// "msa_transformer".
ModelArgs parseModelArgs(const pickle::PyValue& args, const std::string& path);

}  // namespace axs
