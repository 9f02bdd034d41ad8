// PDB and mmCIF through gemmi (structure/structure.hpp), plain or gzip.
#include <cstdint>

#include "fuzz_support.hpp"
#include "structure/structure.hpp"

using namespace axs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    DecompressionLimits limits;
    limits.maxBytes = 1 << 20;
    fuzz::expectSuccessOrError("fuzz.cif", [&] {
        const ProteinStructure st = readStructureFromMemory(fuzz::bytes(data, size), "fuzz.cif", limits);
        if (st.chains.empty()) fuzz::broken("structure without chains returned");
        (void)st.defaultChain();
    });
    return 0;
}
