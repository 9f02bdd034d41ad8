// Summary tracks above the grid, one value per column: consensus residue, conservation
// (entropy based, see column_stats.hpp) and gap occupancy.
#pragma once

class QPainter;

namespace axs::ui {

class MsaGridData;
struct GridLayout;

/// Paints the three tracks at their layout positions for columns [firstCol, lastCol].
void paintTracks(QPainter& painter, const MsaGridData& data, const GridLayout& layout, int firstCol, int lastCol);

}  // namespace axs::ui
