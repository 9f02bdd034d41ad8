#include "selection/selection_model.hpp"

#include <algorithm>

namespace axs::ui {

std::vector<int> SelectionModel::residues() const {
    if (hasPair()) return {pair_.first, pair_.second};
    if (position_ >= 0) return {position_};
    return {};
}

void SelectionModel::selectPosition(int position) {
    if (position < -1) position = -1;
    const bool hadPair = hasPair();
    pair_ = {-1, -1};
    if (hadPair) emit pairChanged(-1, -1);
    if (position == position_) return;
    position_ = position;
    emit positionChanged(position_);
}

void SelectionModel::selectPair(int i, int j) {
    if (i < 0 || j < 0) return clearResidues();
    if (i == j) return selectPosition(i);
    const std::pair<int, int> pair{std::min(i, j), std::max(i, j)};
    if (pair != pair_) {
        pair_ = pair;
        emit pairChanged(pair_.first, pair_.second);
    }
    if (position_ != pair_.first) {
        position_ = pair_.first;
        emit positionChanged(position_);
    }
}

void SelectionModel::selectHead(int layer, int head) {
    if (layer < 0 || head < 0 || (layer == layer_ && head == head_)) return;
    layer_ = layer;
    head_ = head;
    emit headChanged(layer_, head_);
}

void SelectionModel::clearResidues() { selectPosition(-1); }

}  // namespace axs::ui
