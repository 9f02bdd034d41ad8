// The saved-analysis manifest (workflow/analysis_document.hpp): analysis.json read together
// with the files beside it. At start the harness saves a small, complete analysis (the
// hand-made 3 x 10 alignment, one model run with tokens, row attentions and contacts, one
// coevolution run, one comparison) into a private temporary folder, removed at exit; every
// input then replaces its analysis.json. The manifest as saved is also put into the corpus
// folder given on the command line, so the seed always follows the current format.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "fuzz_support.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"
#include "workflow/analysis_document.hpp"

using namespace axs;
namespace fs = std::filesystem;

namespace {

TensorF randomTensor(std::vector<int64_t> shape, std::mt19937& rng) {
    std::uniform_real_distribution<float> dist(0.f, 1.f);
    TensorF t;
    t.data.resize(static_cast<size_t>(TensorF::numel(shape)));
    for (float& v : t.data) v = dist(rng);
    t.shape = std::move(shape);
    return t;
}

fs::path folder;  // the saved analysis the inputs are read against

void removeFolder() {
    std::error_code ec;
    fs::remove_all(folder, ec);
}

/// Saves the analysis into a fresh temporary folder.
fs::path makeAnalysisFolder() {
    const fs::path d = fs::temp_directory_path() / ("axs-fuzz-analysis-" + std::to_string(getpid()));
    fs::remove_all(d);
    std::mt19937 rng(7);
    AnalysisDocument doc;
    doc.createdBy = "fuzz_analysis";
    auto msa = std::make_shared<Msa>(readMsa(AXS_TEST_DATA "/reference/inputs/handmade_3x10.a3m"));
    const int64_t T = static_cast<int64_t>(msa->width()), C = T + 1;
    auto run = std::make_shared<ModelRun>();
    run->keptRows = {0, 1, 2};
    run->openedRows = msa->depth();
    run->msa = keepRows(*msa, run->keptRows);
    run->tokens = tokenizeMsa(run->msa);
    run->rowAttentions = randomTensor({1, 2, 2, C, C}, rng);
    run->contacts = randomTensor({1, T, T}, rng);
    run->regressionWeights = {0.1f, 0.2f, 0.3f, 0.4f};
    run->model = ModelIdentity{"demo model", "", "", true};
    doc.model = run->model;
    doc.runs.push_back(run);
    auto coevolution = std::make_shared<CoevolutionRun>();
    coevolution->scores = randomTensor({T, T}, rng);
    coevolution->summary = "Beff 3.0";
    doc.coevolution.push_back(coevolution);
    doc.comparisons.push_back({"imported", randomTensor({T, T}, rng)});
    doc.alignment = msa;
    saveAnalysis(d.string(), doc);
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    folder = makeAnalysisFolder();
    std::atexit(removeFolder);
    for (int k = 1; k < *argc; ++k) {  // the first corpus folder: libFuzzer's first argument not a flag
        const std::string arg = (*argv)[k];
        if (arg.empty() || arg[0] == '-') continue;
        std::error_code ec;
        if (fs::is_directory(arg, ec))
            fs::copy_file(folder / kAnalysisManifestName, fs::path(arg) / "saved-analysis.json",
                          fs::copy_options::overwrite_existing, ec);
        break;
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string manifest = (folder / kAnalysisManifestName).string();
    {
        std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Errors name the manifest or the file it points to (inside the folder, or an absolute path).
    try {
        readAnalysis(folder.string());
    } catch (const Error& e) {
        const std::string what = e.what();
        const bool namesAFile =
            what.rfind(folder.string(), 0) == 0 || (what.rfind('/', 0) == 0 && what.find(": ") != std::string::npos);
        if (!namesAFile) fuzz::broken("error does not name the manifest or a file: " + what);
    } catch (const std::exception& e) {
        fuzz::broken(std::string("exception other than axs::Error: ") + e.what());
    }
    return 0;
}
