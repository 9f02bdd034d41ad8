#include "msa/msa_names_painter.hpp"

#include <QPainter>

#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_layout.hpp"

namespace axs::ui {
namespace {
constexpr int kMarkerWidth = 4;  // strip marking rows kept by subsampling
const QColor kKeptColour(40, 160, 70);
const QColor kSelectedColour(60, 110, 200, 70);
}  // namespace

void paintHeaderLabels(QPainter& p, const MsaGridData&, const GridLayout& layout) {
    p.save();
    QFont font = p.font();
    font.setPixelSize(10);
    p.setFont(font);
    p.setPen(QColor(70, 70, 70));
    const int x = kMarkerWidth + 4, w = layout.namesWidth - x - 4;
    const auto label = [&](int top, int height, const QString& text) {
        p.drawText(QRect(x, top, w, height), Qt::AlignVCenter | Qt::AlignRight, text);
    };
    label(0, layout.rulerHeight, QStringLiteral("query residue #"));
    label(layout.consensusTop(), layout.consensusHeight, QStringLiteral("consensus"));
    label(layout.conservationTop(), layout.conservationHeight, QStringLiteral("conservation"));
    label(layout.gapsTop(), layout.gapsHeight, QStringLiteral("gaps"));
    p.restore();
}

void paintNames(QPainter& p, const MsaGridData& data, const GridLayout& layout, int firstRow, int lastRow, int yTop,
                int rowHeight) {
    if (!data.msa()) return;
    p.save();
    QFont font = p.font();
    font.setPixelSize(std::clamp(rowHeight - 4, 8, 12));
    p.setFont(font);
    const QFontMetrics metrics(font);
    const bool text = rowHeight >= 9;
    const int x = kMarkerWidth + 4, w = layout.namesWidth - x - 4;
    for (int r = firstRow; r <= lastRow; ++r) {
        const int y = yTop + (r - firstRow) * rowHeight;
        if (data.isKept(r)) p.fillRect(0, y, kMarkerWidth, rowHeight, kKeptColour);
        if (data.selectedRows().count(r))
            p.fillRect(kMarkerWidth, y, layout.namesWidth - kMarkerWidth, rowHeight, kSelectedColour);
        if (!text) continue;
        const auto& names = data.msa()->names;
        QString name = size_t(r) < names.size() ? QString::fromStdString(names[size_t(r)]).trimmed() : QString();
        if (name.isEmpty()) name = QStringLiteral("row %1").arg(r);
        if (r == 0) name = QStringLiteral("query: ") + name;
        p.setPen(r == 0 ? QColor(0, 0, 0) : QColor(50, 50, 50));
        p.drawText(QRect(x, y, w, rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   metrics.elidedText(name, Qt::ElideRight, w));
    }
    p.restore();
}

}  // namespace axs::ui
