#include "workflow/model_identity.hpp"

#include <filesystem>

#include "checkpoint/checkpoint.hpp"
#include "workflow/file_digest.hpp"

namespace axs {

namespace {
constexpr uint64_t kDemoSeed = 20210212;
}

LoadedModel loadModelFile(const std::string& path, const Progress& progress) {
    progress.update(0.0, "loading the checkpoint");
    const Checkpoint checkpoint = loadCheckpoint(path);
    progress.throwIfCancelled();
    progress.update(0.6, "building the model");
    LoadedModel out;
    out.model = std::make_shared<const MsaTransformer>(MsaTransformer::fromCheckpoint(checkpoint));
    progress.throwIfCancelled();
    progress.update(0.8, "identifying the checkpoint");
    out.identity.fileName = std::filesystem::path(path).filename().string();
    out.identity.label = out.identity.fileName;
    out.identity.sha256 = sha256OfFile(path);
    return out;
}

ModelConfig demoModelConfig() {
    ModelConfig c;
    c.layers = 4;
    c.embedDim = 96;
    c.heads = 6;
    c.ffnDim = 384;
    c.maxPositions = 1024;
    c.rowEmbeddingWidth = 96;
    c.maxTokensPerMsa = 16384;
    c.hasContactHead = true;
    return c;
}

ModelIdentity demoModelIdentity() {
    ModelIdentity id;
    id.label = "demo model (random weights)";
    id.randomWeights = true;
    return id;
}

LoadedModel demoModel() {
    return {std::make_shared<const MsaTransformer>(MsaTransformer::withRandomWeights(demoModelConfig(), kDemoSeed)),
            demoModelIdentity()};
}

}  // namespace axs
