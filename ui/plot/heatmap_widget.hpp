// A matrix as a heatmap: QCustomPlot's QCPColorMap with one data cell per matrix entry
// (no interpolation), cell centres at integer axis coordinates, a colour scale, square
// cells, linear or logarithmic colours, a hover tooltip and click signals.
//
// Orientation: matrix row r is drawn at y = yAxis.firstNumber + r, top to bottom (like a
// printed matrix), column c at x = xAxis.firstNumber + c, left to right. In the
// QCPColorMapData, key index = column c and value index = row r.
#pragma once

#include <QMap>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>

#include "common/tensor.hpp"
#include "plot/color_maps.hpp"
#include "plot/matrix_image.hpp"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QMouseEvent;
class QCPTextElement;
class QCPItemStraightLine;
class QCPItemRect;

namespace axs::ui {

/// How one axis of the heatmap is numbered and named.
struct HeatmapAxis {
    QString title;                     ///< axis label, e.g. "key residue j"
    QString symbol;                    ///< short name used in the tooltip, e.g. "j"
    int firstNumber = 1;               ///< number (and coordinate) of cell 0, e.g. 1 for 1-based residues
    QStringList cellNames;             ///< optional per-cell name for the tooltip ("K", a sequence name)
    bool namesAsTicks = false;         ///< label each cell with its name instead of numbers (short axes only)
    QMap<int, QString> tickOverrides;  ///< numeric tick label replacements, e.g. {0: "<cls>"}
};

class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    /// Shows `matrix` (rank 2, rows x cols; copied). `valueLabel` titles the colour scale.
    void setMatrix(const TensorF& matrix, const HeatmapAxis& xAxis, const HeatmapAxis& yAxis,
                   const QString& valueLabel);
    /// Removes the data (an empty plot with `message` as title, e.g. "no structure loaded").
    void clear(const QString& message = QString());
    const TensorF& matrix() const { return matrix_; }

    void setColorMap(ColorMap map);
    ColorMap colorMap() const { return colorMap_; }
    /// Logarithmic colours (falls back to linear when no value is positive).
    void setLogScale(bool on);
    bool logScale() const { return log_; }
    /// Fixed colour range (e.g. [0, 1] for probabilities); nullopt: fit to the data.
    void setFixedRange(std::optional<ValueRange> range);
    /// The colour range in use.
    ValueRange currentRange() const { return range_; }
    /// Keep cells square (default on).
    void setSquareCells(bool on);
    /// Replaces the tooltip text of a cell (row, col: 0-based matrix indices).
    void setTooltipProvider(std::function<QString(int row, int col)> provider) { tooltip_ = std::move(provider); }
    void setTitle(const QString& title);

    /// Default tooltip text for a cell: both indices with names and the value.
    QString cellDescription(int row, int col) const;
    /// The tooltip a cell shows: the provider's text, else cellDescription.
    QString tooltipText(int row, int col) const { return tooltip_ ? tooltip_(row, col) : cellDescription(row, col); }
    /// The matrix cell under a position in plot() widget coordinates, if any.
    std::optional<QPoint> cellAt(const QPointF& plotPos) const;  ///< QPoint(col, row)
    /// Plot coordinates of a cell's centre (x, y).
    QPointF cellCenter(int row, int col) const;

    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMapItem() const { return map_; }
    QCPColorScale* colorScale() const { return scale_; }

    /// Back to the full matrix (undo zoom/drag); also on double-click.
    void resetView();

    /// Marks a cell with a crosshair: a line along its row and one along its column across
    /// the map, and a frame around the cell (0-based matrix indices; -1 hides that line; the
    /// frame needs both). Kept over setMatrix; cleared by setCrosshair(-1, -1).
    void setCrosshair(int row, int col);
    /// The crosshair's (row, col), -1 where none.
    std::pair<int, int> crosshair() const { return crosshair_; }

signals:
    void cellClicked(int row, int col);
    void cellHovered(int row, int col);

private:
    void applyColors();
    void placeCrosshair();
    void applyAxis(int which, const HeatmapAxis& axis, int cells);
    void fitRangesToRect();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);

    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPTextElement* title_ = nullptr;
    TensorF matrix_;
    HeatmapAxis xAxis_, yAxis_;
    QString valueLabel_;
    ColorMap colorMap_ = ColorMap::Viridis;
    bool log_ = false;
    std::optional<ValueRange> fixedRange_;
    ValueRange range_;
    bool square_ = true;
    bool autoFit_ = true;  ///< ranges follow the widget size until the user zooms or drags
    bool settingRanges_ = false;
    QPoint pressPos_;
    std::function<QString(int, int)> tooltip_;
    std::pair<int, int> crosshair_{-1, -1};
    QCPItemStraightLine* rowLine_ = nullptr;
    QCPItemStraightLine* columnLine_ = nullptr;
    QCPItemRect* cellFrame_ = nullptr;
};

}  // namespace axs::ui
