// gzip (common/decompression.hpp): any bytes, inflated whole and in pieces. Besides "no
// crash", both ways must agree: the same output or the same error, and the limit holds.
#include <cstdint>

#include "common/decompression.hpp"
#include "fuzz_support.hpp"

using namespace axs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in = fuzz::bytes(data, size);
    DecompressionLimits limits;
    limits.maxBytes = 1 << 20;  // small limits keep every input fast
    limits.ratioGraceBytes = 64 << 10;
    std::string whole, wholeError;
    try {
        whole = decompressIfGzip(in, "fuzz.gz", limits);
        if (whole.size() > limits.maxBytes) fuzz::broken("output above the limit");
    } catch (const Error& e) {
        wholeError = e.what();
    }
    if (isGzip(in)) {
        // The same stream fed in pieces whose sizes the input's first byte chooses.
        const size_t piece = 1 + (size > 2 ? static_cast<unsigned char>(in[2]) % 97 : 0);
        std::string pieces, piecesError;
        try {
            GzipInflater inflater("fuzz.gz", limits);
            for (size_t at = 0; at < in.size(); at += piece)
                inflater.feed(in.substr(at, piece), [&](const char* d, size_t n) { pieces.append(d, n); });
            inflater.finish();
        } catch (const Error& e) {
            piecesError = e.what();
        }
        if (wholeError.empty() != piecesError.empty() || (wholeError.empty() && whole != pieces))
            fuzz::broken("whole and piecewise inflation disagree: '" + wholeError + "' vs '" + piecesError + "'");
    }
    const std::string head = gunzipPrefix(in, 4096);
    if (head.size() > 4096) fuzz::broken("prefix above its limit");
    if (wholeError.empty() && isGzip(in) && whole.compare(0, head.size(), head) != 0)
        fuzz::broken("the prefix is not a prefix of the whole");
    return 0;
}
