// Colour maps for every heatmap in the workbench. Viridis and magma are perceptually
// uniform sequential maps (lightness rises monotonically, readable in grey scale and by
// most colour-blind viewers); blue-white-red is diverging, for signed values such as
// APC-corrected attention, centred on white at 0.
#pragma once

#include <QColor>
#include <QList>
#include <QString>

class QCPColorGradient;

namespace axs::ui {

enum class ColorMap { Viridis, Magma, BlueWhiteRed };

/// All maps, in the order the colour-map selectors list them.
QList<ColorMap> allColorMaps();
/// Human-readable name ("viridis", "magma", "blue-white-red").
QString colorMapName(ColorMap map);
/// True for maps meant for signed data centred on 0.
bool isDiverging(ColorMap map);

/// Colour at position t in [0, 1] (clamped; NaN gives the map's NaN colour, light grey).
/// Viridis and magma come from 6th-degree polynomial fits to the matplotlib tables;
/// blue-white-red interpolates the 9-class ColorBrewer RdBu control points linearly in RGB.
QColor colorMapColor(ColorMap map, double t);

/// The colour used for undefined cells (NaN), e.g. unknown true contacts.
QColor nanColor();

/// The same map as a QCustomPlot gradient (256 stops, NaN drawn in nanColor()).
QCPColorGradient colorGradient(ColorMap map);

}  // namespace axs::ui
