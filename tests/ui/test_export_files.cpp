// Figure exports: files load back, carry the requested resolution, and a failed export
// never damages an existing file. (Contact exports are core's writers:
// tests/contacts/test_contact_io and the CLI-vs-workbench comparison in test_workflow_exports.)
#include <qcustomplot.h>
#include <unistd.h>

#include <QFile>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "export/figure_export.hpp"
#include "plot/heatmap_widget.hpp"

using namespace axs;
using namespace axs::ui;

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}
/// Number of distinct colours in an image (a blank render has one).
int colourCount(const QImage& img) {
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) colours.insert(img.pixel(x, y));
    return colours.size();
}
}  // namespace

class TestExportFiles : public QObject {
    Q_OBJECT
    HeatmapWidget* heatmap_ = nullptr;
    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        // AXS_KEEP_EXPORTS=1 keeps the exported files to look at (the path is printed).
        if (qEnvironmentVariableIsSet("AXS_KEEP_EXPORTS")) {
            dir_.setAutoRemove(false);
            qInfo("exports kept in %s", qPrintable(dir_.path()));
        }
        heatmap_ = new HeatmapWidget;
        heatmap_->resize(480, 400);
        heatmap_->show();
        QVERIFY(QTest::qWaitForWindowExposed(heatmap_));
        TensorF m({12, 12});
        for (size_t k = 0; k < m.size(); ++k) m.data[k] = float(k % 13) / 12.f;
        HeatmapAxis axis;
        axis.title = "residue";
        heatmap_->setMatrix(m, axis, axis, "value");
        heatmap_->setTitle("export test");
    }
    void cleanupTestCase() { delete heatmap_; }

    void formatFromExtension() {
        QCOMPARE(figureFormatForPath("a/b.PNG"), std::make_optional(FigureFormat::Png));
        QCOMPARE(figureFormatForPath("x.svg"), std::make_optional(FigureFormat::Svg));
        QCOMPARE(figureFormatForPath("x.pdf"), std::make_optional(FigureFormat::Pdf));
        QVERIFY(!figureFormatForPath("x.jpg"));
        QVERIFY_THROWS_EXCEPTION(Error, exportFigure(heatmap_->plot(), dir_.filePath("x.jpg")));
    }

    void pngAtRequestedDpi_data() {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<bool>("wholeWidget");
        QTest::addRow("plot 300 dpi") << 300 << false;
        QTest::addRow("plot 96 dpi") << 96 << false;
        QTest::addRow("widget 150 dpi") << 150 << true;
    }
    void pngAtRequestedDpi() {
        QFETCH(int, dpi);
        QFETCH(bool, wholeWidget);
        QWidget* target = wholeWidget ? static_cast<QWidget*>(heatmap_) : heatmap_->plot();
        const QString path = dir_.filePath(QString("fig-%1.png").arg(dpi));
        FigureOptions options;
        options.dpi = dpi;
        exportFigure(target, path, options);
        QImage img(path);
        QVERIFY(!img.isNull());
        const double scale = dpi / 96.0;
        QVERIFY(std::abs(img.width() - target->width() * scale) <= 1);
        QVERIFY(std::abs(img.height() - target->height() * scale) <= 1);
        QVERIFY(std::abs(img.dotsPerMeterX() - dpi / 0.0254) <= 1);
        QVERIFY(colourCount(img) > 10);  // the map is there, not a blank page
    }

    void svgLoadsBack() {
        const QString path = dir_.filePath("fig.svg");
        exportFigure(heatmap_->plot(), path);
        QSvgRenderer svg(path);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBox(), QRect(QPoint(0, 0), heatmap_->plot()->size()));  // physical size is at 96 DPI (CSS px)
        QImage img(svg.defaultSize(), QImage::Format_RGB32);
        img.fill(Qt::white);
        QPainter p(&img);
        svg.render(&p);
        p.end();
        QVERIFY(colourCount(img) > 10);
    }

    void pdfIsAPdf() {
        const QString path = dir_.filePath("fig.pdf");
        FigureOptions options;
        options.title = "heatmap";
        exportFigure(heatmap_->plot(), path, options);
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY(pdf.size() > 2000);
        QVERIFY(pdf.contains("/Image") || pdf.contains("/XObject"));  // the colour map went in
    }

    void failedExportKeepsExistingFile() {
        const QString existing = dir_.filePath("precious.png");
        QVERIFY(writeBytes(existing, "precious bytes"));
        // 1. the destination's "directory" is that existing file
        QVERIFY_THROWS_EXCEPTION(Error, exportFigure(heatmap_->plot(), existing + "/inside.png"));
        // 2. the destination is a directory: the write cannot replace it
        QDir(dir_.path()).mkdir("taken.png");
        QVERIFY(writeBytes(dir_.filePath("taken.png/keep.txt"), "inside"));
        QVERIFY_THROWS_EXCEPTION(Error, exportFigure(heatmap_->plot(), dir_.filePath("taken.png")));
        QCOMPARE(readAll(dir_.filePath("taken.png/keep.txt")), QByteArray("inside"));
        // 3. rendering fails (absurd DPI): nothing is written
        FigureOptions bad;
        bad.dpi = 5;
        QVERIFY_THROWS_EXCEPTION(Error, exportFigure(heatmap_->plot(), existing, bad));
        // 4. an unwritable directory (root may write anywhere, so only as a normal user)
        if (::geteuid() != 0) {
            QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::ExeOwner);
            QVERIFY_THROWS_EXCEPTION(Error, exportFigure(heatmap_->plot(), existing));
            QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        QCOMPARE(readAll(existing), QByteArray("precious bytes"));
        const QStringList left = QDir(dir_.path()).entryList(QStringList() << "*.tmp-*", QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }
};

QTEST_MAIN(TestExportFiles)
#include "test_export_files.moc"
