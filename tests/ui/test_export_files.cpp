// Figure and contact exports: files load back, carry the requested resolution, and a
// failed export never damages an existing file.
#include <qcustomplot.h>
#include <unistd.h>

#include <QFile>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "export/contact_export.hpp"
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

    void contactTable() {
        // T = 5, query ACDEF; probabilities p(i,j) = (i + 2j) / 20
        TensorF probs({5, 5}, 0.f);
        TensorI64 truth({5, 5}, 0);
        TensorF dist({5, 5}, std::nanf(""));
        for (int i = 0; i < 5; ++i)
            for (int j = i + 1; j < 5; ++j) {
                probs.at(i, j) = probs.at(j, i) = float(i + 2 * j) / 20.f;
                dist.at(i, j) = dist.at(j, i) = 4.f + float(j - i);
                truth.at(i, j) = truth.at(j, i) = (j - i) <= 2 ? 1 : 0;
            }
        truth.at(0, 4) = truth.at(4, 0) = -1;  // unknown
        dist.at(0, 4) = dist.at(4, 0) = std::nanf("");
        const QString path = dir_.filePath("contacts.csv");
        ContactTableOptions options;
        options.minSeparation = 2;
        writeContactTable(path, probs, "ACDEF", &truth, &dist, options);
        const QStringList lines = QString(readAll(path)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines[0], QString("i,j,residue_i,residue_j,probability,cb_distance,true_contact"));
        QCOMPARE(lines.size(), 1 + 6);                         // pairs with j - i >= 2 among 5 positions
        QCOMPARE(lines[1], QString("3,5,D,F,0.5,6.00,true"));  // (2+8)/20, separation 2
        QCOMPARE(lines[2], QString("2,5,C,F,0.45,7.00,false"));
        QCOMPARE(lines[3], QString("1,5,A,F,0.4,,"));  // unknown truth and distance stay empty
        QCOMPARE(lines[4], QString("2,4,C,E,0.35,6.00,true"));
        // without a structure
        writeContactTable(path, probs, "ACDEF", nullptr, nullptr, {1, 3});
        const QStringList top = QString(readAll(path)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(top.size(), 4);
        QCOMPARE(top[1], QString("4,5,E,F,0.55,,"));
        QVERIFY_THROWS_EXCEPTION(Error, writeContactTable(path, probs, "ACD", nullptr, nullptr));
    }

    void rrAndNpy() {
        TensorF probs({4, 4}, 0.25f);
        const QString rr = dir_.filePath("c.rr");
        writeContactRr(rr, probs, "MKVL");
        QVERIFY(readAll(rr).startsWith("PFRMAT RR"));
        const QString npy = dir_.filePath("m.npy");
        writeMatrixNpy(npy, probs);
        const TensorF back = readNpyFloat(npy.toStdString());
        QCOMPARE(back.shape, probs.shape);
        QCOMPARE(back.data, probs.data);
    }
};

QTEST_MAIN(TestExportFiles)
#include "test_export_files.moc"
