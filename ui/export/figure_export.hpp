// Figures for papers: any QCustomPlot or widget as PNG (at a chosen DPI), SVG or PDF.
// The figure is rendered in memory first and then written atomically, so a failed export
// never damages an existing file. QCustomPlots are drawn as vectors into SVG/PDF (the
// heatmap itself stays an embedded image, one block per cell); other widgets are painted
// as they appear on screen.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <optional>

class QCustomPlot;
class QWidget;

namespace axs::ui {

enum class FigureFormat { Png, Svg, Pdf };

struct FigureOptions {
    int dpi = 300;  ///< PNG resolution; the figure's logical size is taken at 96 DPI (screen pixels)
    QSize size;     ///< logical size in screen pixels; empty: the widget's current size
    QString title;  ///< SVG/PDF document title
};

/// Format from the file extension (.png, .svg, .pdf; case-insensitive), or nullopt.
std::optional<FigureFormat> figureFormatForPath(const QString& path);
/// "PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)" for file dialogs.
QString figureFileFilter();

/// `image` as PNG bytes tagged with `dpi` (also used for the 3D view's OpenGL renderings).
/// Throws axs::Error when encoding fails.
QByteArray pngBytes(QImage image, int dpi);

/// The encoded file content. Throws axs::Error for an empty widget or a failed encoding.
/// `widget` may be a QCustomPlot (vector output) or any widget.
QByteArray renderFigure(QWidget* widget, FigureFormat format, const FigureOptions& options = {});

/// renderFigure, then an atomic write to `path`. Throws axs::Error naming `path`; the file
/// is then unchanged.
void exportFigure(QWidget* widget, const QString& path, FigureFormat format, const FigureOptions& options = {});
/// Format from the extension; throws axs::Error naming `path` for an unknown extension.
void exportFigure(QWidget* widget, const QString& path, const FigureOptions& options = {});

}  // namespace axs::ui
