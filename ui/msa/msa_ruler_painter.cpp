#include "msa/msa_ruler_painter.hpp"

#include <QPainter>

#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_layout.hpp"

namespace axs::ui {

int rulerStep(int cellWidth, int minPixels) {
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
        if (step * cellWidth >= minPixels) return step;
    return 10000;
}

void paintRuler(QPainter& p, const MsaGridData& data, const GridLayout& layout, int firstCol, int lastCol) {
    const int h = layout.rulerHeight;
    const int step = rulerStep(layout.cellW);
    p.save();
    QFont font = p.font();
    font.setPixelSize(10);
    p.setFont(font);
    const QColor tick(90, 90, 90);
    for (int c = firstCol; c <= lastCol; ++c) {
        const int n = data.queryNumber(c);
        if (n == 0) continue;
        const int x = layout.xOfColumn(c) + layout.cellW / 2;
        if (n % step == 0 || (step > 1 && n == 1)) {
            p.setPen(tick);
            p.drawLine(x, h - 7, x, h - 1);
            if (n % step == 0)
                p.drawText(QRect(x - 30, 1, 60, h - 8), Qt::AlignHCenter | Qt::AlignBottom, QString::number(n));
        } else if (layout.cellW >= 6) {
            p.setPen(QColor(170, 170, 170));
            p.drawLine(x, h - 3, x, h - 1);
        }
    }
    p.restore();
}

}  // namespace axs::ui
