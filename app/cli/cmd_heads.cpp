// PLACEHOLDER until the owning module lands; replaced by the real command.
#include "commands.hpp"
#include "common/error.hpp"

namespace axs::cli {
int runHeads(const Args&) { throw Error("the 'heads' command is not built yet"); }
}  // namespace axs::cli
