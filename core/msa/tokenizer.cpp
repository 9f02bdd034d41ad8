#include "msa/tokenizer.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "msa/alphabet.hpp"

namespace axs {
namespace {

void checkTokenizable(const Msa& msa, size_t batchIndex, size_t batchSize) {
    const std::string where =
        batchSize > 1 ? "MSA " + std::to_string(batchIndex + 1) + " of the batch: " : std::string();
    if (msa.rows.empty()) failFile(msa.sourcePath, where + "the alignment has no rows to tokenize");
    const size_t width = msa.width();
    for (size_t r = 0; r < msa.rows.size(); ++r) {
        const std::string& row = msa.rows[r];
        if (row.size() != width)
            failFile(msa.sourcePath, where + "unaligned sequences: row " + std::to_string(r + 1) + " has " +
                                         std::to_string(row.size()) + " columns but row 1 has " +
                                         std::to_string(width));
        for (size_t c = 0; c < width; ++c)
            if (alphabet::tokenIndex(row[c]) < 0)
                failFile(msa.sourcePath, where + "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) +
                                             ": character '" + std::string(1, row[c]) +
                                             "' is not a token of the ESM-MSA-1b alphabet");
    }
}

void writeMsa(const Msa& msa, TensorI64& tokens, size_t b) {
    const size_t R = static_cast<size_t>(tokens.shape[1]);
    const size_t C = static_cast<size_t>(tokens.shape[2]);
    int64_t* base = tokens.ptr() + b * R * C;
    for (size_t r = 0; r < msa.rows.size(); ++r) {
        int64_t* out = base + r * C;
        out[0] = alphabet::kCls;
        const std::string& row = msa.rows[r];
        for (size_t c = 0; c < row.size(); ++c) out[c + 1] = alphabet::tokenIndex(row[c]);
    }
}

TensorI64 tokenize(const std::vector<const Msa*>& msas) {
    if (msas.empty()) throw Error("tokenizeBatch: no alignments given");
    size_t depth = 0, width = 0;
    for (size_t b = 0; b < msas.size(); ++b) {
        checkTokenizable(*msas[b], b, msas.size());
        depth = std::max(depth, msas[b]->depth());
        width = std::max(width, msas[b]->width());
    }
    TensorI64 tokens({static_cast<int64_t>(msas.size()), static_cast<int64_t>(depth), static_cast<int64_t>(width + 1)},
                     alphabet::kPad);
    for (size_t b = 0; b < msas.size(); ++b) writeMsa(*msas[b], tokens, b);
    return tokens;
}

}  // namespace

TensorI64 tokenizeMsa(const Msa& msa) { return tokenize({&msa}); }

TensorI64 tokenizeBatch(const std::vector<Msa>& msas) {
    std::vector<const Msa*> ptrs;
    for (const auto& m : msas) ptrs.push_back(&m);
    return tokenize(ptrs);
}

}  // namespace axs
