// Residue colour schemes of the alignment grid. Every scheme maps (residue, column
// statistics) to an entry of one shared palette of at most 256 colours, so the overview
// can be an 8-bit indexed image and a scheme switch only re-indexes.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cstdint>

#include "msa/column_stats.hpp"

namespace axs::ui {

enum class ColourScheme { ClustalX, Zappo, Taylor, Hydrophobicity, PercentIdentity, None };

/// All schemes in menu order, with their display names.
QList<ColourScheme> allColourSchemes();
QString colourSchemeName(ColourScheme scheme);
/// Stable key for QSettings ("clustalx", "zappo", ...); fromKey falls back to ClustalX.
QString colourSchemeKey(ColourScheme scheme);
ColourScheme colourSchemeFromKey(const QString& key);

/// Palette index of one cell. Gaps (and '.') always map to the gap colour.
uint8_t cellPaletteIndex(ColourScheme scheme, char residue, const ColumnStats& column);

/// The shared palette (QImage colour table for the indexed overview), <= 256 entries.
const QVector<QRgb>& cellPalette();
inline QRgb cellColour(ColourScheme scheme, char residue, const ColumnStats& column) {
    return cellPalette()[cellPaletteIndex(scheme, residue, column)];
}
/// Black or white, whichever reads better on `background`.
QColor textColourOn(QRgb background);

}  // namespace axs::ui
