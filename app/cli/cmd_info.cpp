// PLACEHOLDER until the owning module lands; replaced by the real command.
#include "commands.hpp"
#include "common/error.hpp"

namespace axs::cli {
int runInfo(const Args&) { throw Error("the 'info' command is not built yet"); }
}  // namespace axs::cli
