#include "plot/residue_axis.hpp"

namespace axs::ui {

HeatmapAxis residueAxis(const QString& title, const QString& symbol, const std::string& query, bool withCls) {
    HeatmapAxis axis;
    axis.title = title;
    axis.symbol = symbol;
    axis.firstNumber = withCls ? 0 : 1;
    if (withCls) {
        axis.cellNames << QStringLiteral("<cls>");
        axis.tickOverrides.insert(0, QStringLiteral("cls"));
    }
    for (char c : query) axis.cellNames << QString(QChar::fromLatin1(c));
    return axis;
}

}  // namespace axs::ui
