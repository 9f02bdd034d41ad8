// Paints residue cells. Only the cells inside the given ranges are touched, so the cost
// is proportional to what is visible, not to the alignment size.
#pragma once

class QPainter;

namespace axs::ui {

class MsaGridData;
struct GridLayout;

/// Paints MSA rows [firstRow, lastRow] and columns [firstCol, lastCol]; the first row's
/// top edge is at yTop, every row is rowHeight px high, columns follow layout.xOfColumn.
/// Below kLetterMinCellWidth the cells come from the cached overview image (scaled, no
/// letters); above it, each cell is a filled rectangle with its residue letter.
void paintCells(QPainter& painter, const MsaGridData& data, const GridLayout& layout, int firstRow, int lastRow,
                int yTop, int rowHeight, int firstCol, int lastCol);

}  // namespace axs::ui
