#include "msa/msa_tracks_painter.hpp"

#include <QFontDatabase>
#include <QPainter>

#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_layout.hpp"

namespace axs::ui {
namespace {

void bar(QPainter& p, int x, int w, int top, int height, float value, const QColor& colour) {
    const int h = static_cast<int>(std::lround(std::clamp(value, 0.f, 1.f) * (height - 2)));
    if (h > 0) p.fillRect(x, top + height - 1 - h, std::max(1, w - (w > 3 ? 1 : 0)), h, colour);
}

}  // namespace

void paintTracks(QPainter& p, const MsaGridData& data, const GridLayout& layout, int firstCol, int lastCol) {
    const auto& stats = data.stats();
    const int w = layout.cellW;
    p.save();
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPixelSize(std::min(layout.consensusHeight - 3, w + 2));
    font.setBold(true);
    p.setFont(font);
    const bool letters = w >= kLetterMinCellWidth;
    for (int c = firstCol; c <= lastCol; ++c) {
        const ColumnStats& s = stats[size_t(c)];
        const int x = layout.xOfColumn(c);
        // Consensus: coloured like a residue of the current scheme, faded by its share.
        const QRgb rgb = cellColour(data.scheme(), s.consensus, s);
        QColor colour = QColor::fromRgb(rgb);
        colour.setAlphaF(0.35 + 0.65 * s.consensusFraction);
        p.fillRect(x, layout.consensusTop() + 1, w, layout.consensusHeight - 2, colour);
        if (letters && s.consensus != '-') {
            p.setPen(QColor(20, 20, 20));
            p.drawText(QRect(x, layout.consensusTop(), w, layout.consensusHeight), Qt::AlignCenter,
                       QString(QChar(s.consensus)));
        }
        bar(p, x, w, layout.conservationTop(), layout.conservationHeight, s.conservation, QColor(32, 120, 120));
        bar(p, x, w, layout.gapsTop(), layout.gapsHeight, s.gapFraction, QColor(150, 150, 150));
    }
    p.restore();
}

}  // namespace axs::ui
