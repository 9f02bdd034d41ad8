// Heatmap axes numbered by query residue (1-based), named by the residue letter, with
// <cls> as position 0 when the matrix includes the model's <cls> token.
#pragma once

#include <string>

#include "plot/heatmap_widget.hpp"

namespace axs::ui {

/// Axis over the query residues: cell k is residue k + 1 (letter query[k]); with
/// `withCls`, cell 0 is <cls> (numbered 0) and cell k is residue k.
HeatmapAxis residueAxis(const QString& title, const QString& symbol, const std::string& query, bool withCls);

}  // namespace axs::ui
