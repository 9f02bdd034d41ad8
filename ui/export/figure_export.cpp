#include "export/figure_export.hpp"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace axs::ui {

namespace {

constexpr double kScreenDpi = 96.0;  // logical pixels per inch of the on-screen figure

// Draws the figure at logical size `size` onto `device` (which has that size in its own units).
void paintFigure(QWidget* widget, QPaintDevice* device, const QSize& size, double scale) {
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        QCPPainter painter(device);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        if (scale != 1.0) painter.scale(scale, scale);
        plot->toPainter(&painter, size.width(), size.height());
        return;
    }
    QPainter painter(device);
    painter.setRenderHint(QPainter::Antialiasing);
    if (scale != 1.0) painter.scale(scale, scale);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren | QWidget::DrawWindowBackground);
}

QByteArray encodePng(QWidget* widget, const QSize& size, int dpi) {
    const double scale = dpi / kScreenDpi;
    QImage image(QSize(int(std::lround(size.width() * scale)), int(std::lround(size.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) throw Error("the figure is too large for a PNG at " + std::to_string(dpi) + " DPI");
    image.fill(Qt::white);
    paintFigure(widget, &image, size, scale);
    return pngBytes(std::move(image), dpi);
}

QByteArray encodeSvg(QWidget* widget, const QSize& size, const QString& title) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(int(kScreenDpi));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("AxialScope figure"));
    paintFigure(widget, &svg, size, 1.0);
    return bytes;
}

QByteArray encodePdf(QWidget* widget, const QSize& size, const QString& title) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("AxialScope"));
        pdf.setResolution(int(kScreenDpi));  // one device unit = one logical pixel
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / kScreenDpi, size.height() * 72.0 / kScreenDpi),
                                  QPageSize::Point, QString(), QPageSize::ExactMatch));
        paintFigure(widget, &pdf, size, 1.0);
    }  // the writer finishes the document when destroyed
    return bytes;
}

}  // namespace

QByteArray pngBytes(QImage image, int dpi) {
    const int dotsPerMeter = int(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.convertToFormat(QImage::Format_RGB32).save(&buffer, "PNG")) throw Error("PNG encoding failed");
    return bytes;
}

std::optional<FigureFormat> figureFormatForPath(const QString& path) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png")) return FigureFormat::Png;
    if (ext == QLatin1String("svg")) return FigureFormat::Svg;
    if (ext == QLatin1String("pdf")) return FigureFormat::Pdf;
    return std::nullopt;
}

QString figureFileFilter() { return QObject::tr("PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"); }

QByteArray renderFigure(QWidget* widget, FigureFormat format, const FigureOptions& options) {
    if (!widget) throw Error("no figure to export");
    const QSize size = options.size.isEmpty() ? widget->size() : options.size;
    if (size.isEmpty()) throw Error("the figure has no size (is the view shown?)");
    if (options.dpi < 10 || options.dpi > 2400)
        throw Error("DPI must be between 10 and 2400, got " + std::to_string(options.dpi));
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) plot->replot(QCustomPlot::rpImmediateRefresh);
    switch (format) {
        case FigureFormat::Png:
            return encodePng(widget, size, options.dpi);
        case FigureFormat::Svg:
            return encodeSvg(widget, size, options.title);
        case FigureFormat::Pdf:
            return encodePdf(widget, size, options.title);
    }
    throw Error("unknown figure format");
}

void exportFigure(QWidget* widget, const QString& path, FigureFormat format, const FigureOptions& options) {
    QByteArray bytes;
    try {
        bytes = renderFigure(widget, format, options);
    } catch (const Error& e) {
        failFile(path.toStdString(), e.what());
    }
    if (bytes.isEmpty()) failFile(path.toStdString(), "the figure could not be rendered");
    writeFileAtomically(path.toStdString(), bytes.toStdString());
}

void exportFigure(QWidget* widget, const QString& path, const FigureOptions& options) {
    const auto format = figureFormatForPath(path);
    if (!format) failFile(path.toStdString(), "unknown figure format (use .png, .svg or .pdf)");
    exportFigure(widget, path, *format, options);
}

}  // namespace axs::ui
