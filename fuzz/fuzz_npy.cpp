// NumPy .npy (common/npy.hpp): headers that declare any shape, truncated data.
#include <cstdint>

#include "common/npy.hpp"
#include "fuzz_support.hpp"

using namespace axs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::expectSuccessOrError("fuzz.npy", [&] {
        const TensorF t = readNpyFloatFromMemory(fuzz::bytes(data, size), "fuzz.npy");
        if (t.size() != TensorF::numel(t.shape)) fuzz::broken("data size does not match the shape");
    });
    return 0;
}
