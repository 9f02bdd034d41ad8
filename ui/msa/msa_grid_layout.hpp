// Geometry of the alignment grid, in viewport pixels. Left: the names column; top: the
// header (ruler, consensus / conservation / gap tracks, then the pinned query row); the
// rest is the scrolled body holding MSA rows 1..depth-1 (row 0, the query, is pinned).
#pragma once

#include <QRect>
#include <algorithm>
#include <vector>

namespace axs::ui {

struct ZoomLevel {
    int cellWidth;   ///< px per column
    int cellHeight;  ///< px per row
};

/// From the 1-px overview up to readable letters; index 0 is the smallest.
inline const std::vector<ZoomLevel>& zoomLevels() {
    static const std::vector<ZoomLevel> levels = {{1, 1},  {2, 2},   {3, 3},   {4, 4},   {6, 6},
                                                  {8, 12}, {10, 14}, {12, 16}, {14, 18}, {18, 22}};
    return levels;
}
inline constexpr int kDefaultZoomLevel = 7;  // 12 x 16 px
/// Below this cell width cells are drawn from the cached overview image, without letters.
inline constexpr int kLetterMinCellWidth = 8;

struct GridLayout {
    int cellW = 12, cellH = 16;
    int namesWidth = 170;
    int rulerHeight = 22;
    int consensusHeight = 16;
    int conservationHeight = 18;
    int gapsHeight = 12;
    int scrollX = 0, scrollY = 0;  ///< body scroll offsets in px
    int columns = 0, rows = 0;     ///< alignment width and depth

    int queryHeight() const { return std::max(cellH, 6); }
    int consensusTop() const { return rulerHeight; }
    int conservationTop() const { return consensusTop() + consensusHeight; }
    int gapsTop() const { return conservationTop() + conservationHeight; }
    int queryTop() const { return gapsTop() + gapsHeight + 2; }
    int headerHeight() const { return queryTop() + queryHeight() + 3; }

    /// Full pixel extent of the scrolled body (for the scroll bars).
    int contentWidth() const { return columns * cellW; }
    int contentHeight() const { return std::max(0, rows - 1) * cellH; }

    int xOfColumn(int col) const { return namesWidth + col * cellW - scrollX; }
    /// y of an MSA row >= 1 in the body.
    int yOfRow(int row) const { return headerHeight() + (row - 1) * cellH - scrollY; }
    /// Column under x, or -1 (names column / beyond the alignment).
    int columnAt(int x) const {
        if (x < namesWidth) return -1;
        const int c = (x - namesWidth + scrollX) / cellW;
        return c < columns ? c : -1;
    }
    /// MSA row under y: 0 on the pinned query row, >= 1 in the body, -1 elsewhere.
    int rowAt(int y) const {
        if (y >= queryTop() && y < queryTop() + queryHeight()) return rows > 0 ? 0 : -1;
        if (y < headerHeight()) return -1;
        const int r = 1 + (y - headerHeight() + scrollY) / cellH;
        return r < rows ? r : -1;
    }
    /// Visible column range [first, last] for a viewport of width w (last < first: none).
    std::pair<int, int> visibleColumns(int w) const {
        const int first = std::max(0, scrollX / cellW);
        const int last = std::min(columns - 1, (scrollX + std::max(0, w - namesWidth)) / cellW);
        return {first, last};
    }
    /// Visible body rows [first, last] (MSA rows, >= 1) for a viewport of height h.
    std::pair<int, int> visibleRows(int h) const {
        const int first = 1 + std::max(0, scrollY / cellH);
        const int last = std::min(rows - 1, 1 + (scrollY + std::max(0, h - headerHeight())) / cellH);
        return {first, last};
    }
};

}  // namespace axs::ui
