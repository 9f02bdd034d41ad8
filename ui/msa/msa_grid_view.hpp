// The alignment grid: a custom-painted, virtualised scroll area. Paints only the visible
// cells (cost independent of depth x width), scrolls per pixel, zooms from readable
// letters down to one pixel per residue (Ctrl+wheel, zoomIn/zoomOut). The query row is
// pinned under the ruler and the consensus / conservation / gap tracks.
#pragma once

#include <QAbstractScrollArea>
#include <memory>
#include <set>
#include <vector>

#include "msa/colour_schemes.hpp"
#include "msa/msa.hpp"
#include "msa/msa_grid_layout.hpp"

namespace axs::ui {

class MsaGridData;

class MsaGridView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit MsaGridView(QWidget* parent = nullptr);

    void setMsa(std::shared_ptr<const Msa> msa);
    /// Marks the rows (0-based, in the shown MSA) that the last run kept.
    void setKeptRows(const std::vector<size_t>& rows);
    void setColourScheme(ColourScheme scheme);
    ColourScheme colourScheme() const;

    int zoomLevel() const { return zoom_; }  ///< index into zoomLevels()
    void setZoomLevel(int level);

    /// Selects an alignment column (0-based; -1 clears) without emitting columnSelected.
    void selectColumn(int col);
    int selectedColumn() const;
    /// Selects rows (0-based, as shown) without emitting rowSelected.
    void selectRows(const std::set<int>& rows);
    /// Marks columns besides the selected one (the pair partner), framed in orange.
    void setMarkedColumns(std::vector<int> columns);

    const MsaGridData& data() const { return *data_; }
    /// Current geometry (cell size, scroll offsets) in viewport coordinates.
    GridLayout layout() const;
    /// Scrolls so that column `col` and MSA row `row` are visible.
    void ensureVisible(int row, int col);

public slots:
    void zoomIn() { setZoomLevel(zoom_ + 1); }
    void zoomOut() { setZoomLevel(zoom_ - 1); }

signals:
    /// The user clicked a column (0-based alignment column). The attention explorer follows it.
    void columnSelected(int column);
    /// The user clicked a row (0-based MSA row; 0 = query).
    void rowSelected(int row);
    /// The user asked (context menu on a row) to make row `row` (0-based, > 0) the query.
    void queryRowRequested(int row);
    void zoomChanged(int level);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    void zoomAround(int level, QPoint anchor);
    QString toolTipAt(const QPoint& pos) const;

    MsaGridData* data_;
    int zoom_ = kDefaultZoomLevel;
};

}  // namespace axs::ui
