// The alignment grid: column statistics, colour schemes, that painting puts the right
// colour in a known cell (at letter zoom and at the 1-px overview), the pinned query row,
// selection by click, and that painting a 20,000 x 1,000 alignment stays fast because
// only the visible cells are drawn.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <random>

#include "msa/colour_schemes.hpp"
#include "msa/column_stats.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_ruler_painter.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

std::shared_ptr<const Msa> smallMsa() {
    auto m = std::make_shared<Msa>();
    m->names = {"query", "seq1", "seq2", "seq3"};
    m->rows = {"KLGAWD-C", "KIGAWE-C", "KLPAYD-C", "K-GSWDAC"};
    return m;
}

std::shared_ptr<const Msa> randomMsa(int depth, int width) {
    auto m = std::make_shared<Msa>();
    std::mt19937 rng(7);
    const std::string letters = "ACDEFGHIKLMNPQRSTVWY--";
    for (int r = 0; r < depth; ++r) {
        std::string row(size_t(width), 'A');
        for (char& c : row) c = letters[rng() % letters.size()];
        m->rows.push_back(std::move(row));
        m->names.push_back("seq" + std::to_string(r));
    }
    return m;
}

QImage render(MsaGridView& view) {
    QImage img(view.viewport()->size(), QImage::Format_RGB32);
    view.viewport()->render(&img);
    return img;
}

// A pixel of cell (row, col) away from its letter: the cell's top-left corner.
QRgb cellCorner(const QImage& img, const GridLayout& l, int row, int col) {
    const int inset = l.cellW >= 3 ? 1 : 0;
    const int x = l.xOfColumn(col) + inset;
    const int y = (row == 0 ? l.queryTop() : l.yOfRow(row)) + inset;
    return img.pixel(x, y) | 0xff000000;
}

}  // namespace

class TestUiMsaGrid : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void columnStatistics() {
        const auto msa = smallMsa();
        const auto stats = computeColumnStats(*msa);
        QCOMPARE(stats.size(), size_t(8));
        // Column 0: all K -> consensus K, fully conserved, no gaps.
        QCOMPARE(stats[0].consensus, 'K');
        QCOMPARE(stats[0].consensusFraction, 1.0f);
        QCOMPARE(stats[0].conservation, 1.0f);
        QCOMPARE(stats[0].gapFraction, 0.0f);
        QCOMPARE(stats[0].queryIdentity, 1.0f);
        // Column 1: L I L - -> one gap in four, query L shared by half the rows.
        QCOMPARE(stats[1].gapFraction, 0.25f);
        QCOMPARE(stats[1].queryIdentity, 0.5f);
        QVERIFY(stats[1].conservation > 0 && stats[1].conservation < 1);
        // Column 6: gap in the query.
        QCOMPARE(stats[6].queryResidue, '-');
        QCOMPARE(stats[6].gapFraction, 0.75f);
        QCOMPARE(stats[6].queryIdentity, 0.0f);
        QCOMPARE(queryNumbering(*msa), (std::vector<int>{1, 2, 3, 4, 5, 6, 0, 7}));
    }

    void colourSchemes_data() {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<char>("residue");
        QTest::addColumn<QRgb>("colour");
        QTest::newRow("zappo K") << int(ColourScheme::Zappo) << 'K' << QRgb(0xff6464ff);
        QTest::newRow("zappo D") << int(ColourScheme::Zappo) << 'D' << QRgb(0xffff0000);
        QTest::newRow("taylor W") << int(ColourScheme::Taylor) << 'W' << QRgb(0xff00ccff);
        QTest::newRow("hydrophobicity I (most hydrophobic: red)")
            << int(ColourScheme::Hydrophobicity) << 'I' << QRgb(0xffff0000);
        QTest::newRow("hydrophobicity R (most hydrophilic: blue)")
            << int(ColourScheme::Hydrophobicity) << 'R' << QRgb(0xff0000ff);
        QTest::newRow("gap is white in every scheme") << int(ColourScheme::Taylor) << '-' << QRgb(0xffffffff);
        QTest::newRow("none") << int(ColourScheme::None) << 'W' << QRgb(0xffe4e4e4);
    }
    void colourSchemes() {
        QFETCH(int, scheme);
        QFETCH(char, residue);
        QFETCH(QRgb, colour);
        QCOMPARE(cellColour(ColourScheme(scheme), residue, ColumnStats{}), colour);
    }

    void clustalDependsOnTheColumn() {
        Msa m;
        m.rows = {"KK", "KA", "KL", "RI"};
        const auto stats = computeColumnStats(m);
        // Column 0 is all positive: K is red. Column 1 has one K among hydrophobics: not coloured as positive.
        QCOMPARE(cellColour(ColourScheme::ClustalX, 'K', stats[0]), QRgb(0xfff01505));
        QVERIFY(cellColour(ColourScheme::ClustalX, 'K', stats[1]) != QRgb(0xfff01505));
        QCOMPARE(cellColour(ColourScheme::ClustalX, 'A', stats[1]), QRgb(0xff80a0f0));  // 3/4 hydrophobic
        QCOMPARE(cellColour(ColourScheme::ClustalX, 'G', stats[1]), QRgb(0xfff09048));  // glycine always
    }

    void paletteFitsAnIndexedImage() { QVERIFY(cellPalette().size() <= 256); }

    void paintsTheRightColourInAKnownCell_data() {
        QTest::addColumn<int>("zoom");
        QTest::newRow("letters") << kDefaultZoomLevel;
        QTest::newRow("small cells") << 4;
        QTest::newRow("1 px overview") << 0;
    }
    void paintsTheRightColourInAKnownCell() {
        QFETCH(int, zoom);
        MsaGridView view;
        view.resize(700, 400);
        view.setMsa(smallMsa());
        view.setColourScheme(ColourScheme::Zappo);
        view.setZoomLevel(zoom);
        const QImage img = render(view);
        const GridLayout l = view.layout();
        QCOMPARE(l.cellW, zoomLevels()[size_t(zoom)].cellWidth);
        // Row 2, column 2 holds P: Zappo magenta; row 1, column 5 holds E: red; row 3 col 1 a gap: white.
        QCOMPARE(cellCorner(img, l, 2, 2), QRgb(0xffff00ff));
        QCOMPARE(cellCorner(img, l, 1, 5), QRgb(0xffff0000));
        QCOMPARE(cellCorner(img, l, 3, 1), QRgb(0xffffffff));
        // The pinned query row: K in column 0 is Zappo blue.
        QCOMPARE(cellCorner(img, l, 0, 0), QRgb(0xff6464ff));
        // Switching the scheme repaints: Taylor P is #ffcc00.
        view.setColourScheme(ColourScheme::Taylor);
        QCOMPARE(cellCorner(render(view), l, 2, 2), QRgb(0xffffcc00));
    }

    void queryStaysPinnedWhileScrolling() {
        MsaGridView view;
        view.resize(600, 300);
        view.setMsa(randomMsa(400, 50));
        view.setColourScheme(ColourScheme::Taylor);
        const QImage before = render(view);
        const GridLayout l0 = view.layout();
        view.ensureVisible(300, 0);
        const GridLayout l1 = view.layout();
        QVERIFY(l1.scrollY > 0);
        const QImage after = render(view);
        const auto& d = view.data();
        QCOMPARE(cellCorner(after, l1, 0, 3), cellCorner(before, l0, 0, 3));
        QCOMPARE(cellCorner(after, l1, 0, 3), d.colour(0, 3) | 0xff000000);
        QCOMPARE(cellCorner(after, l1, 300, 3), d.colour(300, 3) | 0xff000000);
    }

    void clickSelectsColumnAndRow() {
        MsaGridView view;
        view.resize(600, 300);
        view.setMsa(smallMsa());
        QSignalSpy columns(&view, &MsaGridView::columnSelected);
        QSignalSpy rows(&view, &MsaGridView::rowSelected);
        const GridLayout l = view.layout();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(l.xOfColumn(5) + 2, l.yOfRow(2) + 2));
        QCOMPARE(columns.count(), 1);
        QCOMPARE(columns.front().front().toInt(), 5);
        QCOMPARE(rows.front().front().toInt(), 2);
        QCOMPARE(view.selectedColumn(), 5);
        // A click on the ruler selects the column only.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(l.xOfColumn(3) + 2, 5));
        QCOMPARE(columns.last().front().toInt(), 3);
        QCOMPARE(rows.count(), 1);
    }

    void keptRowsAreMarked() {
        MsaGridView view;
        view.resize(600, 300);
        view.setMsa(smallMsa());
        view.setKeptRows({0, 2});
        QVERIFY(view.data().isKept(0));
        QVERIFY(!view.data().isKept(1));
        QVERIFY(view.data().isKept(2));
        QCOMPARE(view.data().keptCount(), 2);
        const QImage img = render(view);
        const GridLayout l = view.layout();
        const QColor marked = img.pixelColor(1, l.yOfRow(2) + 2), unmarked = img.pixelColor(1, l.yOfRow(1) + 2);
        QVERIFY(marked.green() > marked.red() + 60);  // the green strip
        QVERIFY(unmarked.green() < unmarked.red() + 20);
    }

    void ctrlWheelZooms() {
        MsaGridView view;
        view.resize(600, 300);
        view.setMsa(smallMsa());
        const int before = view.zoomLevel();
        QWheelEvent wheel(QPointF(300, 150), view.viewport()->mapToGlobal(QPointF(300, 150)), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view.viewport(), &wheel);
        QCOMPARE(view.zoomLevel(), before - 1);
    }

    void rulerStepKeepsLabelsApart() {
        QCOMPARE(rulerStep(12), 5);
        QCOMPARE(rulerStep(1), 50);
        QVERIFY(rulerStep(4) * 4 >= 40);
    }

    void largeAlignmentPaintsFast_data() {
        QTest::addColumn<int>("zoom");
        QTest::newRow("overview") << 0;
        QTest::newRow("small cells") << 4;
        QTest::newRow("letters") << kDefaultZoomLevel;
    }
    void largeAlignmentPaintsFast() {
        QFETCH(int, zoom);
        static const auto big = randomMsa(20000, 1000);
        MsaGridView view;
        view.resize(1400, 900);
        view.setMsa(big);
        view.setZoomLevel(zoom);
        render(view);  // builds the overview cache once (small zoom)
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 5; ++i) {
            view.ensureVisible(19999 - i * 3000, 999 - i * 100);
            render(view);
        }
        const double msPerFrame = t.elapsed() / 5.0;
        qInfo("zoom %d: %.1f ms per frame", zoom, msPerFrame);
        QVERIFY2(msPerFrame < 150, qPrintable(QString::number(msPerFrame)));
        // The bottom-right cell is where it should be.
        view.ensureVisible(19999, 999);
        const QImage img = render(view);
        const GridLayout l = view.layout();
        if (l.cellW >= 2)
            QCOMPARE(cellCorner(img, l, 19999, 999) | 0xff000000, view.data().colour(19999, 999) | 0xff000000);
    }
};

QTEST_MAIN(TestUiMsaGrid)
#include "test_ui_msa_grid.moc"
