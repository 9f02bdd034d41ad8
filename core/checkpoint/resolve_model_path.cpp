#include <cstdlib>
#include <filesystem>

#include "checkpoint/checkpoint.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

// torch.hub's cache: $TORCH_HOME, else $XDG_CACHE_HOME/torch, else ~/.cache/torch.
std::vector<std::filesystem::path> hubCheckpointDirs() {
    std::vector<std::filesystem::path> dirs;
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    };
    if (!env("TORCH_HOME").empty()) dirs.push_back(std::filesystem::path(env("TORCH_HOME")) / "hub" / "checkpoints");
    if (!env("XDG_CACHE_HOME").empty())
        dirs.push_back(std::filesystem::path(env("XDG_CACHE_HOME")) / "torch" / "hub" / "checkpoints");
    if (!env("HOME").empty())
        dirs.push_back(std::filesystem::path(env("HOME")) / ".cache" / "torch" / "hub" / "checkpoints");
    return dirs;
}

}  // namespace

std::string resolveModelPath(const std::string& pathOrName) {
    if (pathOrName.empty())
        throw Error("no model given (a checkpoint path or a released name such as esm_msa1b_t12_100M_UR50S)");
    std::error_code ec;
    if (std::filesystem::is_regular_file(pathOrName, ec)) return pathOrName;
    if (std::filesystem::is_directory(pathOrName, ec)) failFile(pathOrName, "is a directory, not a checkpoint file");

    const bool looksLikePath = pathOrName.find('/') != std::string::npos;
    std::string looked = "'" + pathOrName + "'";
    if (!looksLikePath) {
        const bool hasExtension = pathOrName.size() > 3 && pathOrName.compare(pathOrName.size() - 3, 3, ".pt") == 0;
        const std::string file = hasExtension ? pathOrName : pathOrName + ".pt";
        for (const auto& dir : hubCheckpointDirs()) {
            const std::filesystem::path candidate = dir / file;
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
            looked += ", '" + candidate.string() + "'";
        }
    }
    throw Error("model '" + pathOrName + "' not found; looked for " + looked +
                (looksLikePath ? "" : " (download it with torch.hub, or pass the path of the .pt file)"));
}

}  // namespace axs
