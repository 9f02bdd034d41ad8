#include "msa/msa_cells_painter.hpp"

#include <QFontDatabase>
#include <QHash>
#include <QPainter>

#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_layout.hpp"

namespace axs::ui {
namespace {

// Pre-rendered letters, one per (character, dark/light text, cell size): drawing a small
// image is much cheaper than shaping text for every cell.
const QImage& glyph(char c, bool light, int w, int h) {
    static QHash<quint64, QImage> cache;
    const quint64 key = (quint64(uchar(c)) << 32) | (quint64(light) << 31) | (quint64(w) << 16) | quint64(h);
    auto it = cache.find(key);
    if (it != cache.end()) return *it;
    QImage img(w, h, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPixelSize(std::max(7, std::min(h - 3, w + 2)));
    font.setBold(true);
    p.setFont(font);
    p.setPen(light ? Qt::white : QColor(20, 20, 20));
    p.drawText(QRect(0, 0, w, h), Qt::AlignCenter, QString(QChar(c)));
    p.end();
    return *cache.insert(key, img);
}

void paintFromOverview(QPainter& p, const MsaGridData& data, const GridLayout& layout, int firstRow, int lastRow,
                       int yTop, int rowHeight, int firstCol, int lastCol) {
    const QImage& overview = data.overviewImage();
    const QRect source(firstCol, firstRow, lastCol - firstCol + 1, lastRow - firstRow + 1);
    // Convert only the visible part: drawing an indexed image directly may convert all of it.
    const QImage visible = overview.copy(source).convertToFormat(QImage::Format_RGB32);
    const QRect target(layout.xOfColumn(firstCol), yTop, source.width() * layout.cellW, source.height() * rowHeight);
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(target, visible);
    p.restore();
}

}  // namespace

void paintCells(QPainter& p, const MsaGridData& data, const GridLayout& layout, int firstRow, int lastRow, int yTop,
                int rowHeight, int firstCol, int lastCol) {
    if (!data.msa() || firstRow > lastRow || firstCol > lastCol) return;
    if (layout.cellW < kLetterMinCellWidth || rowHeight < 8) {
        paintFromOverview(p, data, layout, firstRow, lastRow, yTop, rowHeight, firstCol, lastCol);
        return;
    }
    const int w = layout.cellW;
    for (int r = firstRow; r <= lastRow; ++r) {
        const int y = yTop + (r - firstRow) * rowHeight;
        // Runs of equal colour are filled at once.
        int runStart = firstCol;
        QRgb runColour = data.colour(r, firstCol);
        for (int c = firstCol + 1; c <= lastCol + 1; ++c) {
            const QRgb colour = c <= lastCol ? data.colour(r, c) : ~runColour;
            if (colour == runColour) continue;
            p.fillRect(layout.xOfColumn(runStart), y, (c - runStart) * w, rowHeight, QColor::fromRgb(runColour));
            runStart = c;
            runColour = colour;
        }
        for (int c = firstCol; c <= lastCol; ++c) {
            const char residue = data.residue(r, c);
            const bool light = textColourOn(data.colour(r, c)) == QColor(Qt::white);
            p.drawImage(layout.xOfColumn(c), y, glyph(residue, light, w, rowHeight));
        }
    }
}

}  // namespace axs::ui
