// Contact prediction readers (contacts/contact_prediction.hpp): one binary per format, the
// format forced by AXS_FUZZ_CONTACT_FORMAT ("" = sniffed), read without a length and with
// one. A successful read must keep the validation rules: L x L, finite scores off the
// diagonal, lists symmetric.
#include <cmath>
#include <cstdint>

#include "contacts/contact_prediction.hpp"
#include "fuzz_support.hpp"

using namespace axs;

namespace {

void checkResult(const ContactPrediction& p, size_t length) {
    const size_t l = p.length();
    if (l == 0 || (length != 0 && l != length)) fuzz::broken("wrong length");
    if (l > std::max(length, kMaxContactLength)) fuzz::broken("length above the maximum");
    if (l > 1000) return;  // the element checks below would dominate the run time
    for (size_t i = 0; i < l; ++i)
        for (size_t j = 0; j < l; ++j) {
            const double v = p.scores.at(int64_t(i), int64_t(j));
            if (i != j && std::isinf(v)) fuzz::broken("infinite score");
            if (i != j && std::isnan(v) && p.pairsRead == 0) fuzz::broken("NaN in a matrix");
            if (p.pairsRead > 0 && !(std::isnan(v) && std::isnan(p.scores.at(int64_t(j), int64_t(i)))) &&
                v != p.scores.at(int64_t(j), int64_t(i)))
                fuzz::broken("list not symmetric");
        }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in = fuzz::bytes(data, size);
    for (const size_t length : {size_t{0}, size_t{40}})
        fuzz::expectSuccessOrError("fuzz.rr", [&] {
            checkResult(readContactPredictionFromMemory(in, "fuzz.rr", length, AXS_FUZZ_CONTACT_FORMAT), length);
        });
    return 0;
}
