#include "attention/attention_maps.hpp"

#include <string>

#include "common/error.hpp"
#include "model/contact_head.hpp"

namespace axs::ui {

namespace {
void checkIndex(int value, int64_t size, const char* what) {
    if (value < 0 || value >= size)
        throw Error(std::string(what) + " " + std::to_string(value) + " is out of range 0.." +
                    std::to_string(size - 1));
}

TensorF squareBlock(const float* src, int64_t C, int64_t first) {
    const int64_t n = C - first;
    TensorF out({n, n});
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) out.data[size_t(i * n + j)] = src[(i + first) * C + (j + first)];
    return out;
}
}  // namespace

TensorF rowAttentionMap(const TensorF& rowAttentions, int layer, int head, bool includeCls) {
    const auto& s = rowAttentions.shape;
    if (s.size() != 5 || s[0] < 1 || s[3] != s[4] || s[3] < 2)
        throw Error("row attentions must be 1 x L x H x C x C (C >= 2), got " + rowAttentions.shapeString());
    checkIndex(layer, s[1], "layer");
    checkIndex(head, s[2], "head");
    const float* block = rowAttentions.ptr() + rowAttentions.offset(0, layer, head, 0, 0);
    return squareBlock(block, s[3], includeCls ? 0 : 1);
}

TensorF symmetrized(const TensorF& map) {
    if (map.rank() != 2 || map.shape[0] != map.shape[1])
        throw Error("symmetrisation needs a square matrix, got " + map.shapeString());
    const int64_t n = map.shape[0];
    TensorF out({n, n});
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            out.data[size_t(i * n + j)] = map.data[size_t(i * n + j)] + map.data[size_t(j * n + i)];
    return out;
}

TensorF rowAttentionView(const TensorF& rowAttentions, int layer, int head, RowAttentionMode mode, bool includeCls) {
    switch (mode) {
        case RowAttentionMode::Raw:
            return rowAttentionMap(rowAttentions, layer, head, includeCls);
        case RowAttentionMode::Symmetrized:
            return symmetrized(rowAttentionMap(rowAttentions, layer, head, false));
        case RowAttentionMode::SymmetrizedApc:
            return symmetrizeApc(rowAttentionMap(rowAttentions, layer, head, false));
    }
    throw Error("unknown row attention mode");
}

TensorF columnAttentionMap(const TensorF& maps, int layer, int head) {
    const auto& s = maps.shape;
    if (s.size() != 4 || s[2] != s[3] || s[2] < 1)
        throw Error("column attention maps must be L x H x R x R, got " + maps.shapeString());
    checkIndex(layer, s[0], "layer");
    checkIndex(head, s[1], "head");
    return squareBlock(maps.ptr() + maps.offset(layer, head, 0, 0), s[2], 0);
}

std::vector<double> attentionReceived(const TensorF& map) {
    if (map.rank() != 2 || map.shape[0] != map.shape[1] || map.shape[0] < 1)
        throw Error("attention received needs a non-empty square matrix, got " + map.shapeString());
    const int64_t n = map.shape[0];
    std::vector<double> received(size_t(n), 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) received[size_t(j)] += map.data[size_t(i * n + j)];
    for (double& v : received) v /= double(n);
    return received;
}

}  // namespace axs::ui
