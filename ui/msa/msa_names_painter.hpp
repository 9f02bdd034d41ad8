// The names column left of the grid: track labels beside the header, then one name per
// row, with a green strip on rows the last run kept (subsampling) and selected rows
// highlighted.
#pragma once

class QPainter;

namespace axs::ui {

class MsaGridData;
struct GridLayout;

/// Paints the header labels (ruler, tracks, query) in the names column.
void paintHeaderLabels(QPainter& painter, const MsaGridData& data, const GridLayout& layout);
/// Paints names of MSA rows [firstRow, lastRow], first row's top at yTop.
void paintNames(QPainter& painter, const MsaGridData& data, const GridLayout& layout, int firstRow, int lastRow,
                int yTop, int rowHeight);

}  // namespace axs::ui
