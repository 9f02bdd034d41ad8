// The matrices the attention explorer shows, cut out of the model's attention tensors.
// Pure functions (no widgets) so tests can compare them with the engine directly.
//
// Index conventions: layer and head are 0-based (as in the tensors); token column 0 is
// <cls>, token column c >= 1 is query residue c (1-based) = MSA column c - 1 (0-based).
#pragma once

#include <vector>

#include "common/tensor.hpp"

namespace axs::ui {

enum class RowAttentionMode {
    Raw,             ///< P[i][j] as the model returns it (query column i, key column j)
    Symmetrized,     ///< P + Pᵀ over residues (<cls> removed)
    SymmetrizedApc,  ///< symmetrised + average product correction (model/contact_head.hpp), the contact head's features
};

/// One layer/head of rowAttentions (1 x L x H x C x C). includeCls = true: C x C with
/// <cls> at index 0; false: T x T over residues (T = C - 1). Throws axs::Error for a bad
/// shape or an index out of range.
TensorF rowAttentionMap(const TensorF& rowAttentions, int layer, int head, bool includeCls);

/// The map for a view mode. Symmetrised modes always drop <cls> (as the contact head
/// does, spec §5.11), so `includeCls` only affects Raw.
TensorF rowAttentionView(const TensorF& rowAttentions, int layer, int head, RowAttentionMode mode, bool includeCls);

/// A + Aᵀ of a square matrix.
TensorF symmetrized(const TensorF& map);

/// One layer/head of the column attention of one column: `maps` is L x H x R x R
/// (see column_attention.hpp); returns R x R [query row][key row].
TensorF columnAttentionMap(const TensorF& maps, int layer, int head);

/// How much each sequence is attended to in an R x R column map: column sums / R
/// (the mean over query rows of the attention each key row receives; sums to 1).
std::vector<double> attentionReceived(const TensorF& map);

}  // namespace axs::ui
