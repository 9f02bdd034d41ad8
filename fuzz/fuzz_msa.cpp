// Alignment readers (msa/msa_io.hpp): one binary per format of the registry, the format
// forced by AXS_FUZZ_MSA_FORMAT ("" = sniffed from the content, as for dropped files).
// A successful read must give a valid Msa.
#include <cstdint>

#include "fuzz_support.hpp"
#include "msa/msa_formats.hpp"
#include "msa/msa_io.hpp"

using namespace axs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(fuzz::bytes(data, size));
    MsaReadOptions options;
    options.format = AXS_FUZZ_MSA_FORMAT;
    options.maxBytes = 1 << 20;
    options.maxRows = 2000;
    options.maxColumns = 2000;
    fuzz::expectSuccessOrError("fuzz.a3m", [&] {
        const Msa msa = readMsaFromString(text, "fuzz.a3m", options);
        if (msa.depth() == 0 || msa.width() == 0) fuzz::broken("empty alignment returned");
        for (const std::string& row : msa.rows)
            if (row.size() != msa.width()) fuzz::broken("rows of different length returned");
    });
    (void)sniffMsaFormat(text, "fuzz.sto");
    return 0;
}
