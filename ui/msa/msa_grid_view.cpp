#include "msa/msa_grid_view.hpp"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include "msa/msa_cells_painter.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_names_painter.hpp"
#include "msa/msa_ruler_painter.hpp"
#include "msa/msa_tracks_painter.hpp"

namespace axs::ui {

MsaGridView::MsaGridView(QWidget* parent) : QAbstractScrollArea(parent), data_(new MsaGridData(this)) {
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    connect(data_, &MsaGridData::msaChanged, this, [this] {
        updateScrollBars();
        viewport()->update();
    });
    connect(data_, &MsaGridData::appearanceChanged, viewport(), qOverload<>(&QWidget::update));
    connect(data_, &MsaGridData::selectionChanged, viewport(), qOverload<>(&QWidget::update));
}

void MsaGridView::setMsa(std::shared_ptr<const Msa> msa) {
    horizontalScrollBar()->setValue(0);
    verticalScrollBar()->setValue(0);
    data_->setMsa(std::move(msa));
}

void MsaGridView::setKeptRows(const std::vector<size_t>& rows) { data_->setKeptRows(rows); }
void MsaGridView::setColourScheme(ColourScheme scheme) { data_->setScheme(scheme); }
ColourScheme MsaGridView::colourScheme() const { return data_->scheme(); }
void MsaGridView::selectColumn(int col) { data_->setSelectedColumn(col); }
int MsaGridView::selectedColumn() const { return data_->selectedColumn(); }
void MsaGridView::selectRows(const std::set<int>& rows) { data_->setSelectedRows(rows); }
void MsaGridView::setMarkedColumns(std::vector<int> columns) { data_->setMarkedColumns(std::move(columns)); }

GridLayout MsaGridView::layout() const {
    GridLayout l;
    const ZoomLevel z = zoomLevels()[size_t(zoom_)];
    l.cellW = z.cellWidth;
    l.cellH = z.cellHeight;
    l.columns = data_->width();
    l.rows = data_->depth();
    l.scrollX = horizontalScrollBar()->value();
    l.scrollY = verticalScrollBar()->value();
    return l;
}

void MsaGridView::setZoomLevel(int level) { zoomAround(level, viewport()->rect().center()); }

void MsaGridView::zoomAround(int level, QPoint centre) {
    level = std::clamp(level, 0, int(zoomLevels().size()) - 1);
    if (level == zoom_) return;
    // Keep the cell under `centre` (viewport centre, or the mouse for Ctrl+wheel) in place.
    const GridLayout before = layout();
    centre.setX(std::max(centre.x(), before.namesWidth));
    centre.setY(std::max(centre.y(), before.headerHeight()));
    const double colAtCentre = double(centre.x() - before.namesWidth + before.scrollX) / before.cellW;
    const double rowAtCentre = double(centre.y() - before.headerHeight() + before.scrollY) / before.cellH;
    zoom_ = level;
    updateScrollBars();
    const GridLayout after = layout();
    horizontalScrollBar()->setValue(int(colAtCentre * after.cellW) - (centre.x() - after.namesWidth));
    verticalScrollBar()->setValue(int(rowAtCentre * after.cellH) - (centre.y() - after.headerHeight()));
    viewport()->update();
    emit zoomChanged(zoom_);
}

void MsaGridView::ensureVisible(int row, int col) {
    const GridLayout l = layout();
    const int bodyW = viewport()->width() - l.namesWidth, bodyH = viewport()->height() - l.headerHeight();
    const int x = col * l.cellW, y = (row - 1) * l.cellH;
    if (x < l.scrollX || x + l.cellW > l.scrollX + bodyW) horizontalScrollBar()->setValue(x - bodyW / 2);
    if (row >= 1 && (y < l.scrollY || y + l.cellH > l.scrollY + bodyH)) verticalScrollBar()->setValue(y - bodyH / 2);
}

void MsaGridView::updateScrollBars() {
    const GridLayout l = layout();
    const int bodyW = std::max(0, viewport()->width() - l.namesWidth);
    const int bodyH = std::max(0, viewport()->height() - l.headerHeight());
    horizontalScrollBar()->setRange(0, std::max(0, l.contentWidth() - bodyW));
    horizontalScrollBar()->setPageStep(std::max(1, bodyW));
    horizontalScrollBar()->setSingleStep(std::max(l.cellW, 8));
    verticalScrollBar()->setRange(0, std::max(0, l.contentHeight() - bodyH));
    verticalScrollBar()->setPageStep(std::max(1, bodyH));
    verticalScrollBar()->setSingleStep(std::max(l.cellH, 8));
}

void MsaGridView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void MsaGridView::scrollContentsBy(int, int) { viewport()->update(); }

void MsaGridView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const QRect all = viewport()->rect();
    p.fillRect(all, Qt::white);
    if (!data_->msa() || data_->depth() == 0) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(all, Qt::AlignCenter, tr("No alignment open.\nDrop an MSA file here or use File \u25b8 Open\u2026"));
        return;
    }
    const GridLayout l = layout();
    const auto [c0, c1] = l.visibleColumns(all.width());
    const auto [r0, r1] = l.visibleRows(all.height());
    const QRect body(l.namesWidth, l.headerHeight(), all.width() - l.namesWidth, all.height() - l.headerHeight());
    const QRect header(l.namesWidth, 0, all.width() - l.namesWidth, l.headerHeight());

    // Body: scrolled rows 1..depth-1.
    p.setClipRect(body);
    paintCells(p, *data_, l, r0, r1, l.yOfRow(r0), l.cellH, c0, c1);
    // Header: ruler, tracks and the pinned query row; scrolls horizontally only.
    p.setClipRect(header);
    p.fillRect(header, QColor(248, 248, 248));
    paintRuler(p, *data_, l, c0, c1);
    paintTracks(p, *data_, l, c0, c1);
    paintCells(p, *data_, l, 0, 0, l.queryTop(), l.queryHeight(), c0, c1);
    p.fillRect(QRect(l.namesWidth, l.headerHeight() - 2, header.width(), 2), QColor(120, 120, 120));

    // Names column (scrolls vertically only).
    const QRect namesHeader(0, 0, l.namesWidth, l.headerHeight());
    p.setClipRect(namesHeader);
    p.fillRect(namesHeader, QColor(240, 240, 240));
    paintHeaderLabels(p, *data_, l);
    paintNames(p, *data_, l, 0, 0, l.queryTop(), l.queryHeight());
    const QRect namesBody(0, l.headerHeight(), l.namesWidth, body.height());
    p.setClipRect(namesBody);
    p.fillRect(namesBody, QColor(250, 250, 250));
    paintNames(p, *data_, l, r0, r1, l.yOfRow(r0), l.cellH);

    // Selected column: a frame over header and body.
    p.setClipRect(QRect(l.namesWidth, 0, all.width() - l.namesWidth, all.height()));
    if (const int sel = data_->selectedColumn(); sel >= c0 && sel <= c1) {
        const QRect column(l.xOfColumn(sel), 0, l.cellW, all.height());
        p.fillRect(column, QColor(60, 110, 200, 50));
        p.setPen(QPen(QColor(40, 80, 180), 1));
        p.drawRect(column.adjusted(0, 0, -1, -1));
    }
    for (int col : data_->markedColumns()) {
        if (col < c0 || col > c1) continue;
        const QRect column(l.xOfColumn(col), 0, l.cellW, all.height());
        p.fillRect(column, QColor(230, 110, 20, 45));
        p.setPen(QPen(QColor(210, 90, 0), 1));
        p.drawRect(column.adjusted(0, 0, -1, -1));
    }
    for (int row : data_->selectedRows()) {
        const int y = row == 0 ? l.queryTop() : l.yOfRow(row);
        const int h = row == 0 ? l.queryHeight() : l.cellH;
        if (row == 0 || (row >= r0 && row <= r1))
            p.fillRect(QRect(l.namesWidth, y, all.width(), h), QColor(60, 110, 200, 40));
    }
    p.setClipping(false);
    p.setPen(QColor(190, 190, 190));
    p.drawLine(l.namesWidth - 1, 0, l.namesWidth - 1, all.height());
}

void MsaGridView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0) zoomAround(zoom_ + steps, event->position().toPoint());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void MsaGridView::mousePressEvent(QMouseEvent* event) {
    const GridLayout l = layout();
    const QPoint pos = event->position().toPoint();
    const int col = l.columnAt(pos.x());
    const int row = pos.x() < l.namesWidth || col >= 0 ? l.rowAt(pos.y()) : -1;
    if (col >= 0 && (pos.y() < l.queryTop() || row >= 0)) {
        data_->setSelectedColumn(col);
        emit columnSelected(col);
    }
    if (row >= 0) {
        std::set<int> rows;
        if (event->modifiers() & Qt::ControlModifier) rows = data_->selectedRows();
        if (!rows.erase(row)) rows.insert(row);
        data_->setSelectedRows(rows);
        emit rowSelected(row);
    }
    event->accept();
}

void MsaGridView::contextMenuEvent(QContextMenuEvent* event) {
    const GridLayout l = layout();
    const int row = data_->msa() ? l.rowAt(event->pos().y()) : -1;
    if (row <= 0) return;  // the query itself, the ruler or the tracks
    const auto& names = data_->msa()->names;
    const QString name = size_t(row) < names.size() ? QString::fromStdString(names[size_t(row)]) : QString();
    QMenu menu(this);
    menu.addAction(name.isEmpty() ? tr("Use Row %1 as the Query").arg(row + 1)
                                  : tr("Use Row %1 (%2) as the Query").arg(row + 1).arg(name.left(40)),
                   this, [this, row] { emit queryRowRequested(row); });
    menu.exec(event->globalPos());
}

QString MsaGridView::toolTipAt(const QPoint& pos) const {
    if (!data_->msa()) return {};
    const GridLayout l = layout();
    const int col = l.columnAt(pos.x());
    const int row = l.rowAt(pos.y());
    if (col < 0) return {};
    const int number = data_->queryNumber(col);
    const QString where = number ? tr("column %1, query residue %2").arg(col + 1).arg(number)
                                 : tr("column %1 (gap in query)").arg(col + 1);
    if (row < 0) {
        const ColumnStats& s = data_->stats()[size_t(col)];
        return tr("%1\nconsensus %2 (%3 %)\nconservation %4\ngaps %5 %")
            .arg(where)
            .arg(QChar(s.consensus))
            .arg(qRound(100 * s.consensusFraction))
            .arg(s.conservation, 0, 'f', 2)
            .arg(qRound(100 * s.gapFraction));
    }
    const auto& names = data_->msa()->names;
    QString name = size_t(row) < names.size() ? QString::fromStdString(names[size_t(row)]).trimmed() : QString();
    if (name.isEmpty()) name = tr("row %1").arg(row);
    const char residue = data_->residue(row, col);
    return tr("%1%2\n%3: %4")
        .arg(name, row == 0 ? tr(" (query)") : QString(), where,
             residueSlot(residue) == kGapSlot ? tr("gap") : QString(QChar(residue)));
}

bool MsaGridView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

}  // namespace axs::ui
