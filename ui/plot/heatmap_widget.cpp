#include "plot/heatmap_widget.hpp"

#include <qcustomplot.h>

#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

#include "common/error.hpp"
#include "plot/integer_ticker.hpp"

namespace axs::ui {

namespace {
constexpr int kMaxNameTicks = 60;  // more names than this are unreadable as tick labels

QString formatValue(double v) {
    if (std::isnan(v)) return QStringLiteral("undefined");
    return QString::number(v, 'g', 4);
}
}  // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setMouseTracking(true);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMinimumSize(200, 200);

    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, QString(), QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);

    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);  // one flat cell per entry: never blend neighbouring values
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(14);
    map_->setColorScale(scale_);
    // Keep the colour bar exactly as tall as the map.
    auto* group = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    plot_->yAxis->setRangeReversed(true);  // row 0 at the top, like a printed matrix
    plot_->xAxis2->setVisible(true);       // frame the map
    plot_->yAxis2->setVisible(true);
    plot_->xAxis2->setTicks(false);
    plot_->yAxis2->setTicks(false);
    plot_->xAxis2->setTickLabels(false);
    plot_->yAxis2->setTickLabels(false);

    // The crosshair of a selected cell: light lines with a dark edge show on every colour map.
    const QPen crossPen(QColor(255, 255, 255, 210), 1.4, Qt::DashLine);
    rowLine_ = new QCPItemStraightLine(plot_);
    columnLine_ = new QCPItemStraightLine(plot_);
    cellFrame_ = new QCPItemRect(plot_);
    for (QCPItemStraightLine* line : {rowLine_, columnLine_}) {
        line->setPen(crossPen);
        line->setSelectable(false);
        line->setVisible(false);
    }
    cellFrame_->setPen(QPen(QColor(255, 90, 0), 2));
    cellFrame_->setBrush(Qt::NoBrush);
    cellFrame_->setSelectable(false);
    cellFrame_->setVisible(false);

    connect(plot_, &QCustomPlot::afterLayout, this, [this] { fitRangesToRect(); });
    connect(plot_, &QCustomPlot::mouseMove, this, &HeatmapWidget::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &HeatmapWidget::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &HeatmapWidget::onMouseRelease);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    auto userMoved = [this] {
        if (!settingRanges_) autoFit_ = false;
    };
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, userMoved);
    connect(plot_->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, userMoved);
    applyColors();
}

void HeatmapWidget::setTitle(const QString& title) {
    title_->setText(title);
    plot_->replot();
}

void HeatmapWidget::setMatrix(const TensorF& matrix, const HeatmapAxis& xAxis, const HeatmapAxis& yAxis,
                              const QString& valueLabel) {
    if (matrix.rank() != 2 || matrix.shape[0] < 1 || matrix.shape[1] < 1)
        throw Error("heatmap: expected a non-empty matrix, got shape " + matrix.shapeString());
    matrix_ = matrix;
    xAxis_ = xAxis;
    yAxis_ = yAxis;
    valueLabel_ = valueLabel;
    const int rows = static_cast<int>(matrix.shape[0]), cols = static_cast<int>(matrix.shape[1]);

    auto* data = map_->data();
    data->setSize(cols, rows);
    // Cell centres at integer coordinates: cell k of an axis sits at firstNumber + k.
    data->setRange(QCPRange(xAxis.firstNumber, xAxis.firstNumber + cols - 1),
                   QCPRange(yAxis.firstNumber, yAxis.firstNumber + rows - 1));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) data->setCell(c, r, matrix.data[size_t(r) * cols + c]);
    map_->setVisible(true);

    applyAxis(0, xAxis, cols);
    applyAxis(1, yAxis, rows);
    scale_->axis()->setLabel(valueLabel);
    applyColors();
    placeCrosshair();
    resetView();
}

void HeatmapWidget::setCrosshair(int row, int col) {
    crosshair_ = {row, col};
    placeCrosshair();
    plot_->replot();
}

void HeatmapWidget::placeCrosshair() {
    const auto [row, col] = crosshair_;
    const bool haveMatrix = matrix_.rank() == 2;
    const bool rowOk = haveMatrix && row >= 0 && row < matrix_.shape[0];
    const bool colOk = haveMatrix && col >= 0 && col < matrix_.shape[1];
    rowLine_->setVisible(rowOk);
    columnLine_->setVisible(colOk);
    cellFrame_->setVisible(rowOk && colOk);
    const double y = yAxis_.firstNumber + row, x = xAxis_.firstNumber + col;
    if (rowOk) {
        rowLine_->point1->setCoords(xAxis_.firstNumber - 1, y);
        rowLine_->point2->setCoords(xAxis_.firstNumber + 1, y);
    }
    if (colOk) {
        columnLine_->point1->setCoords(x, yAxis_.firstNumber - 1);
        columnLine_->point2->setCoords(x, yAxis_.firstNumber + 1);
    }
    if (rowOk && colOk) {
        cellFrame_->topLeft->setCoords(x - 0.5, y - 0.5);
        cellFrame_->bottomRight->setCoords(x + 0.5, y + 0.5);
    }
}

void HeatmapWidget::clear(const QString& message) {
    matrix_ = TensorF();
    placeCrosshair();
    map_->data()->clear();
    map_->setVisible(false);
    title_->setText(message);
    plot_->replot();
}

void HeatmapWidget::applyAxis(int which, const HeatmapAxis& axis, int cells) {
    QCPAxis* a = which == 0 ? plot_->xAxis : plot_->yAxis;
    a->setLabel(axis.title);
    if (axis.namesAsTicks && axis.cellNames.size() == cells && cells <= kMaxNameTicks) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int k = 0; k < cells; ++k) ticker->addTick(axis.firstNumber + k, axis.cellNames[k]);
        a->setTicker(ticker);
        a->setSubTicks(false);
    } else {
        auto ticker = QSharedPointer<IntegerTicker>::create();
        ticker->setLabelOverrides(axis.tickOverrides);
        ticker->setTickCount(8);
        a->setTicker(ticker);
        a->setSubTicks(true);
    }
}

void HeatmapWidget::setColorMap(ColorMap map) {
    colorMap_ = map;
    applyColors();
    plot_->replot();
}

void HeatmapWidget::setLogScale(bool on) {
    log_ = on;
    applyColors();
    plot_->replot();
}

void HeatmapWidget::setFixedRange(std::optional<ValueRange> range) {
    fixedRange_ = range;
    applyColors();
    plot_->replot();
}

void HeatmapWidget::setSquareCells(bool on) {
    square_ = on;
    resetView();
}

void HeatmapWidget::applyColors() {
    if (fixedRange_) {
        range_ = *fixedRange_;
        if (log_ && range_.lower <= 0) range_.lower = std::max(range_.upper * 1e-4, 1e-12);
        range_.logarithmic = log_;
    } else {
        range_ = matrix_.size() ? displayRange(matrix_, colorMap_, log_) : ValueRange{};
    }
    const bool logScale = range_.logarithmic;
    map_->setGradient(colorGradient(colorMap_));
    map_->setDataScaleType(logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    map_->setDataRange(QCPRange(range_.lower, range_.upper));
    if (logScale)
        scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    scale_->axis()->setNumberFormat(logScale ? "eb" : "gb");
}

void HeatmapWidget::resetView() {
    autoFit_ = true;
    plot_->replot();  // lays out, and afterLayout fits the ranges to the axis rect
}

void HeatmapWidget::fitRangesToRect() {
    if (!autoFit_ || matrix_.rank() != 2) return;
    const double cols = matrix_.shape[1], rows = matrix_.shape[0];
    double xLo = xAxis_.firstNumber - 0.5, xSize = cols;
    double yLo = yAxis_.firstNumber - 0.5, ySize = rows;
    const QRect rect = plot_->axisRect()->rect();
    if (square_ && rect.width() > 0 && rect.height() > 0) {
        // Widen the axis whose cells would be stretched so that one cell is square.
        const double pxX = rect.width() / xSize, pxY = rect.height() / ySize;
        if (pxX > pxY) {
            const double wider = rect.width() / pxY;
            xLo -= (wider - xSize) / 2;
            xSize = wider;
        } else if (pxY > pxX) {
            const double taller = rect.height() / pxX;
            yLo -= (taller - ySize) / 2;
            ySize = taller;
        }
    }
    const QCPRange x(xLo, xLo + xSize), y(yLo, yLo + ySize);
    if (qFuzzyCompare(plot_->xAxis->range().lower, x.lower) && qFuzzyCompare(plot_->xAxis->range().upper, x.upper) &&
        qFuzzyCompare(plot_->yAxis->range().lower, y.lower) && qFuzzyCompare(plot_->yAxis->range().upper, y.upper))
        return;
    settingRanges_ = true;
    plot_->xAxis->setRange(x);
    plot_->yAxis->setRange(y);
    settingRanges_ = false;
    // The ranges changed after this replot's layout pass: redo it so ticks match.
    plot_->plotLayout()->update(QCPLayoutElement::upPreparation);
    plot_->plotLayout()->update(QCPLayoutElement::upMargins);
    plot_->plotLayout()->update(QCPLayoutElement::upLayout);
}

std::optional<QPoint> HeatmapWidget::cellAt(const QPointF& plotPos) const {
    if (matrix_.rank() != 2 || !plot_->axisRect()->rect().contains(plotPos.toPoint())) return std::nullopt;
    const double x = plot_->xAxis->pixelToCoord(plotPos.x());
    const double y = plot_->yAxis->pixelToCoord(plotPos.y());
    const int col = static_cast<int>(std::lround(x)) - xAxis_.firstNumber;
    const int row = static_cast<int>(std::lround(y)) - yAxis_.firstNumber;
    if (col < 0 || row < 0 || col >= matrix_.shape[1] || row >= matrix_.shape[0]) return std::nullopt;
    return QPoint(col, row);
}

QPointF HeatmapWidget::cellCenter(int row, int col) const {
    return QPointF(xAxis_.firstNumber + col, yAxis_.firstNumber + row);
}

QString HeatmapWidget::cellDescription(int row, int col) const {
    if (matrix_.rank() != 2 || row < 0 || col < 0 || row >= matrix_.shape[0] || col >= matrix_.shape[1]) return {};
    auto describe = [](const HeatmapAxis& a, int k) {
        const int number = a.firstNumber + k;
        QString s = QStringLiteral("%1 = %2").arg(a.symbol.isEmpty() ? a.title : a.symbol,
                                                  a.tickOverrides.value(number, QString::number(number)));
        if (k < a.cellNames.size() && !a.cellNames[k].isEmpty()) s += QStringLiteral(" (%1)").arg(a.cellNames[k]);
        return s;
    };
    const double v = matrix_.data[size_t(row) * matrix_.shape[1] + col];
    return QStringLiteral("%1\n%2\n%3: %4")
        .arg(describe(yAxis_, row), describe(xAxis_, col),
             valueLabel_.isEmpty() ? QStringLiteral("value") : valueLabel_, formatValue(v));
}

void HeatmapWidget::onMouseMove(QMouseEvent* event) {
    const auto cell = cellAt(event->position());
    if (!cell) {
        QToolTip::hideText();
        return;
    }
    emit cellHovered(cell->y(), cell->x());
    const QString text = tooltipText(cell->y(), cell->x());
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void HeatmapWidget::onMousePress(QMouseEvent* event) { pressPos_ = event->position().toPoint(); }

void HeatmapWidget::onMouseRelease(QMouseEvent* event) {
    if ((event->position().toPoint() - pressPos_).manhattanLength() > 3) return;  // that was a drag
    if (const auto cell = cellAt(event->position())) emit cellClicked(cell->y(), cell->x());
}

}  // namespace axs::ui
