// Colour maps and the matrix-to-image renderer behind every heatmap (ui/plot).
#include <QTest>
#include <cmath>

#include "plot/color_maps.hpp"
#include "plot/matrix_image.hpp"

using namespace axs;
using namespace axs::ui;

namespace {
// Relative luminance (sRGB, linearised), a proxy for perceived lightness.
double luminance(const QColor& c) {
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}
}  // namespace

class TestAttentionColormaps : public QObject {
    Q_OBJECT
private slots:
    void referenceColours_data() {
        QTest::addColumn<int>("map");
        QTest::addColumn<double>("t");
        QTest::addColumn<QString>("hex");
        // matplotlib's published values at 10 evenly spaced positions (viridisLite lists the same).
        const QStringList viridis = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e",
                                     "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"};
        const QStringList magma = {"#000004", "#180f3e", "#451077", "#721f81", "#9f2f7f",
                                   "#cd4071", "#f1605d", "#fd9567", "#fec98d", "#fcfdbf"};
        for (int k = 0; k < 10; ++k) {
            QTest::addRow("viridis %d", k) << int(ColorMap::Viridis) << k / 9.0 << viridis[k];
            QTest::addRow("magma %d", k) << int(ColorMap::Magma) << k / 9.0 << magma[k];
        }
        QTest::addRow("bwr low") << int(ColorMap::BlueWhiteRed) << 0.0 << "#2166ac";
        QTest::addRow("bwr centre") << int(ColorMap::BlueWhiteRed) << 0.5 << "#f7f7f7";
        QTest::addRow("bwr high") << int(ColorMap::BlueWhiteRed) << 1.0 << "#b2182b";
    }
    void referenceColours() {
        QFETCH(int, map);
        QFETCH(double, t);
        QFETCH(QString, hex);
        const QColor got = colorMapColor(ColorMap(map), t), want(hex);
        // The polynomial fits stay within 5 of 255 steps of the tables.
        QVERIFY2(std::abs(got.red() - want.red()) <= 5 && std::abs(got.green() - want.green()) <= 5 &&
                     std::abs(got.blue() - want.blue()) <= 5,
                 qPrintable(QStringLiteral("got %1, want %2").arg(got.name(), hex)));
    }

    void sequentialMapsGetLighter_data() {
        QTest::addColumn<int>("map");
        QTest::addRow("viridis") << int(ColorMap::Viridis);
        QTest::addRow("magma") << int(ColorMap::Magma);
    }
    void sequentialMapsGetLighter() {
        QFETCH(int, map);
        double previous = -1;
        for (int k = 0; k <= 100; ++k) {
            const double l = luminance(colorMapColor(ColorMap(map), k / 100.0));
            QVERIFY2(l > previous, qPrintable(QStringLiteral("lightness falls at t=%1").arg(k / 100.0)));
            previous = l;
        }
    }

    void divergingIsSymmetricInLightness() {
        for (int k = 0; k <= 50; ++k) {
            const double a = luminance(colorMapColor(ColorMap::BlueWhiteRed, 0.5 - k / 100.0));
            const double b = luminance(colorMapColor(ColorMap::BlueWhiteRed, 0.5 + k / 100.0));
            QVERIFY(std::abs(a - b) < 0.12);
        }
        QVERIFY(isDiverging(ColorMap::BlueWhiteRed));
        QVERIFY(!isDiverging(ColorMap::Viridis));
    }

    void nanAndClamping() {
        QCOMPARE(colorMapColor(ColorMap::Viridis, std::nan("")).rgb(), nanColor().rgb());
        QCOMPARE(colorMapColor(ColorMap::Magma, -3).rgb(), colorMapColor(ColorMap::Magma, 0).rgb());
        QCOMPARE(colorMapColor(ColorMap::Magma, 7).rgb(), colorMapColor(ColorMap::Magma, 1).rgb());
    }

    void displayRanges() {
        TensorF t({2, 2});
        t.data = {-0.5f, 0.25f, 2.0f, std::nanf("")};
        const ValueRange lin = displayRange(t, ColorMap::Viridis, false);
        QCOMPARE(lin.lower, -0.5);
        QCOMPARE(lin.upper, 2.0);
        const ValueRange div = displayRange(t, ColorMap::BlueWhiteRed, false);
        QCOMPARE(div.lower, -2.0);
        QCOMPARE(div.upper, 2.0);
        const ValueRange log = displayRange(t, ColorMap::Viridis, true);
        QVERIFY(log.logarithmic);
        QCOMPARE(log.lower, 0.25);
        QCOMPARE(log.upper, 2.0);
        TensorF negative({1, 2});
        negative.data = {-1.f, -2.f};
        QVERIFY(!displayRange(negative, ColorMap::Viridis, true).logarithmic);  // nothing positive: linear
        TensorF constant({1, 2}, 3.f);
        const ValueRange c = displayRange(constant, ColorMap::Viridis, false);
        QVERIFY(c.upper > c.lower);
    }

    void normalizedPositions() {
        QCOMPARE(normalizedPosition(0.5, {0, 2, false}), 0.25);
        QCOMPARE(normalizedPosition(10, {1, 100, true}), 0.5);
        QCOMPARE(normalizedPosition(-1, {1, 100, true}), 0.0);
        QVERIFY(std::isnan(normalizedPosition(std::nan(""), {0, 1, false})));
    }

    void imageHasOnePixelPerCell() {
        TensorF m({2, 3});
        m.data = {0.f, 0.5f, 1.f, 1.f, std::nanf(""), 0.f};
        const QImage img = renderMatrixImage(m, ColorMap::Viridis, {0, 1, false});
        QCOMPARE(img.size(), QSize(3, 2));
        QCOMPARE(img.pixel(0, 0), colorMapColor(ColorMap::Viridis, 0).rgb());
        QCOMPARE(img.pixel(2, 0), colorMapColor(ColorMap::Viridis, 1).rgb());
        QCOMPARE(img.pixel(0, 1), colorMapColor(ColorMap::Viridis, 1).rgb());  // row 1, col 0
        QCOMPARE(img.pixel(1, 1), nanColor().rgb());
        QCOMPARE(img.pixel(1, 0), colorMapColor(ColorMap::Viridis, 128 / 255.0).rgb());
    }
};

QTEST_MAIN(TestAttentionColormaps)
#include "test_attention_colormaps.moc"
