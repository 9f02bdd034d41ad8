// Time to load a checkpoint from a warm page cache: wall and CPU seconds (median of --reps)
// and the parameter count. Without a path it writes an official-size ESM-MSA-1b file
// (115.6 M float32 parameters, ~463 MB, in the released layout: zip and legacy containers)
// into a temporary directory first, with the test suite's torch.save writer.
//
//   bench_checkpoint_load [--reps 5] [PATH|NAME ...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "checkpoint/checkpoint.hpp"
#include "common/resource_usage.hpp"
#include "model/msa_transformer.hpp"
#include "torch_writer.hpp"

namespace {

void timeLoads(const std::string& path, int reps) {
    axs::loadCheckpoint(path);  // warm the page cache
    std::vector<double> wall, cpu;
    int64_t parameters = 0;
    for (int i = 0; i < reps; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu0 = axs::processCpuSeconds();
        const axs::Checkpoint ck = axs::loadCheckpoint(path);
        cpu.push_back(axs::processCpuSeconds() - cpu0);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        parameters = ck.parameterCount();
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-60s %8.0f MB %12lld params %8.3f s wall %8.3f s CPU\n", path.c_str(),
                static_cast<double>(std::filesystem::file_size(path)) / 1e6, static_cast<long long>(parameters),
                wall[wall.size() / 2], cpu[cpu.size() / 2]);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) try {
    int reps = 5;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--reps" && i + 1 < argc)
            reps = std::max(1, std::atoi(argv[++i]));
        else
            paths.push_back(axs::resolveModelPath(a));
    }
    std::printf("median of %d loads after one warm-up load\n", reps);
    if (!paths.empty()) {
        for (const std::string& p : paths) timeLoads(p, reps);
        return 0;
    }
    const auto dir = std::filesystem::temp_directory_path() / "axialscope-bench-checkpoint";
    std::filesystem::create_directories(dir);
    const axs::ModelConfig official = axs::ModelConfig::esmMsa1b();  // the one place the sizes are written
    axs::test::SyntheticModel m;
    m.layers = official.layers;
    m.embedDim = official.embedDim;
    m.heads = official.heads;
    m.ffnDim = official.ffnDim;
    m.maxPositions = official.maxPositions;
    m.rowEmbeddingWidth = official.rowEmbeddingWidth;
    for (const bool legacy : {false, true}) {
        const std::string path = (dir / (legacy ? "official_size_legacy.pt" : "official_size.pt")).string();
        {
            const axs::test::FakeCheckpoint ck = axs::test::syntheticModel(m, 1);
            legacy ? axs::test::writeLegacyCheckpoint(path, ck) : axs::test::writeZipCheckpoint(path, ck);
        }
        axs::test::writeZipCheckpoint(axs::regressionPathFor(path), axs::test::syntheticRegression(m, 2));
        timeLoads(path, reps);
    }
    std::filesystem::remove_all(dir);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_checkpoint_load: %s\n", e.what());
    return 1;
}
