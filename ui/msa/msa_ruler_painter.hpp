// The column ruler above the grid, numbered in query residues (1-based; columns where
// the query has a gap carry no number).
#pragma once

class QPainter;

namespace axs::ui {

class MsaGridData;
struct GridLayout;

/// Paints the ruler strip (layout.rulerHeight high at y = 0) for columns [firstCol, lastCol].
void paintRuler(QPainter& painter, const MsaGridData& data, const GridLayout& layout, int firstCol, int lastCol);

/// Label spacing in query residues so that labels are at least minPixels apart.
int rulerStep(int cellWidth, int minPixels = 40);

}  // namespace axs::ui
