// The two torch.save containers; used by openTorchFile (torch_file.cpp) after sniffing.
#pragma once

#include <string>

#include "checkpoint/torch_file.hpp"

namespace axs {

/// Zip container (spec §8.1), read through libzip.
TorchFile openTorchZip(const std::string& path);

/// Legacy container (spec §8.3), memory-mapped.
TorchFile openTorchLegacy(const std::string& path);

}  // namespace axs
