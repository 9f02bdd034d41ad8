// torch.save containers from disk (zip through libzip, legacy pickle + raw blocks): sniff,
// open, and load as a model checkpoint or as a tensor dict, like `axialscope-cli info`.
// One binary per container (seed corpora differ); the input goes to a temporary file
// because the readers map / zip-open files.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/torch_file.hpp"
#include "fuzz_support.hpp"

using namespace axs;

namespace {

std::string* gPath = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/axs-fuzz-XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) fuzz::broken("cannot create a temporary file");
    close(fd);
    gPath = new std::string(pattern);
    std::atexit([] { std::remove(gPath->c_str()); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::FILE* f = std::fopen(gPath->c_str(), "wb");
    if (!f || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) fuzz::broken("cannot write " + *gPath);
    fuzz::expectSuccessOrError(*gPath, [&] {
        if (!sniffTorchContainer(*gPath)) return;
        const TorchFile file = openTorchFile(*gPath);
        const pickle::PyValue* root = file.object.root;
        if (root && root->kind == pickle::PyKind::Dict && root->find("args"))
            (void)loadCheckpoint(*gPath);
        else
            (void)readTensorDict(*gPath);
    });
    return 0;
}
