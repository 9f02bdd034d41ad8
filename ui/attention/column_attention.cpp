#include "attention/column_attention.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "common/error.hpp"
#include "model/msa_transformer.hpp"

namespace axs::ui {

TensorF columnAttentionSlice(const TensorF& colAttentions, int index) {
    const auto& s = colAttentions.shape;
    if (s.size() != 6 || s[0] < 1 || s[4] != s[5])
        throw Error("column attentions must be 1 x L x H x C' x R x R, got " + colAttentions.shapeString());
    if (index < 0 || index >= s[3])
        throw Error("column index " + std::to_string(index) + " is out of range 0.." + std::to_string(s[3] - 1));
    const int64_t L = s[1], H = s[2], R = s[4];
    TensorF out({L, H, R, R});
    const size_t block = size_t(R * R);
    for (int64_t l = 0; l < L; ++l)
        for (int64_t h = 0; h < H; ++h)
            std::memcpy(out.ptr() + out.offset(l, h, 0, 0),
                        colAttentions.ptr() + colAttentions.offset(0, l, h, index, 0, 0), block * sizeof(float));
    return out;
}

TensorF computeColumnAttention(const MsaTransformer& model, const TensorI64& tokens, int msaColumn,
                               const Progress& progress) {
    if (tokens.rank() != 3 || tokens.shape[0] != 1)
        throw Error("column attention needs the tokens of one MSA (1 x R x C), got " + tokens.shapeString());
    const int64_t width = tokens.shape[2] - 1;
    if (msaColumn < 0 || msaColumn >= width)
        throw Error("MSA column " + std::to_string(msaColumn + 1) + " is outside the alignment (1.." +
                    std::to_string(width) + ")");
    ForwardOptions options;
    options.colAttentions = true;
    options.colAttentionColumns = {msaColumn + 1};  // token column: <cls> comes first
    const ForwardResult result = model.forward(tokens, options, progress);
    progress.throwIfCancelled();
    if (result.colAttentionColumns != options.colAttentionColumns)
        throw Error("the model returned column attention for other columns than requested");
    return columnAttentionSlice(result.colAttentions, 0);
}

const TensorF* ColumnAttentionCache::find(int msaColumn) {
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.column == msaColumn; });
    if (it == entries_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it);
    return &entries_.front().maps;
}

void ColumnAttentionCache::insert(int msaColumn, TensorF maps) {
    entries_.remove_if([&](const Entry& e) { return e.column == msaColumn; });
    entries_.push_front({msaColumn, std::move(maps)});
    while (entries_.size() > 1 && bytes() > maxBytes_) entries_.pop_back();
}

size_t ColumnAttentionCache::bytes() const {
    size_t total = 0;
    for (const Entry& e : entries_) total += e.maps.size() * sizeof(float);
    return total;
}

}  // namespace axs::ui
