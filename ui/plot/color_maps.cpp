#include "plot/color_maps.hpp"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace axs::ui {

namespace {

// c0 + c1 t + ... + c6 t^6 per channel: the published least-squares polynomial fits to
// matplotlib's 256-entry viridis / magma tables (Matt Zucker, "mattz", Shadertoy WlfXRN).
// tests/ui/test_attention_colormaps.cpp checks them against the reference colours.
using Poly = std::array<std::array<double, 3>, 7>;

constexpr Poly kViridis = {{
    {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
    {0.1050930431085774, 1.404613529898575, 1.384590162594685},
    {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
    {-4.634230498983486, -5.799100973351585, -19.33244095627987},
    {6.228269936347081, 14.17993336680509, 56.69055260068105},
    {4.776384997670288, -13.74514537774601, -65.35303263337234},
    {-5.435455855934631, 4.645852612178535, 26.3124352495832},
}};

constexpr Poly kMagma = {{
    {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
    {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
    {8.353717279216625, -3.577719514958484, 0.3144679030132573},
    {-27.66873308576866, 14.26473078096533, -13.64921318813922},
    {52.17613981234068, -27.94360607168351, 12.94416944238394},
    {-50.76852536473588, 29.04658282127291, 4.23415299384598},
    {18.65570506591883, -11.48977351997711, -5.601961508734096},
}};

// ColorBrewer RdBu, 9 classes, reversed so that low values are blue and high are red.
constexpr std::array<QRgb, 9> kBlueWhiteRed = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                               0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b};

QColor evalPoly(const Poly& p, double t) {
    double rgb[3];
    for (int c = 0; c < 3; ++c) {
        double v = p[6][c];  // Horner
        for (int k = 5; k >= 0; --k) v = v * t + p[k][c];
        rgb[c] = std::clamp(v, 0.0, 1.0);
    }
    return QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]), static_cast<float>(rgb[2]));
}

QColor evalControlPoints(double t) {
    const double x = t * (kBlueWhiteRed.size() - 1);
    const size_t k = std::min(static_cast<size_t>(x), kBlueWhiteRed.size() - 2);
    const double f = x - static_cast<double>(k);
    const QColor a(kBlueWhiteRed[k]), b(kBlueWhiteRed[k + 1]);
    auto mix = [f](int u, int v) { return static_cast<int>(std::lround(u + f * (v - u))); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

}  // namespace

QList<ColorMap> allColorMaps() { return {ColorMap::Viridis, ColorMap::Magma, ColorMap::BlueWhiteRed}; }

QString colorMapName(ColorMap map) {
    switch (map) {
        case ColorMap::Viridis:
            return QStringLiteral("viridis");
        case ColorMap::Magma:
            return QStringLiteral("magma");
        case ColorMap::BlueWhiteRed:
            return QStringLiteral("blue-white-red");
    }
    return {};
}

bool isDiverging(ColorMap map) { return map == ColorMap::BlueWhiteRed; }

QColor nanColor() { return QColor(0xd9, 0xd9, 0xd9); }

QColor colorMapColor(ColorMap map, double t) {
    if (std::isnan(t)) return nanColor();
    t = std::clamp(t, 0.0, 1.0);
    switch (map) {
        case ColorMap::Viridis:
            return evalPoly(kViridis, t);
        case ColorMap::Magma:
            return evalPoly(kMagma, t);
        case ColorMap::BlueWhiteRed:
            return evalControlPoints(t);
    }
    return nanColor();
}

QCPColorGradient colorGradient(ColorMap map) {
    QCPColorGradient g;
    g.clearColorStops();
    constexpr int kStops = 256;
    for (int k = 0; k < kStops; ++k) {
        const double t = k / double(kStops - 1);
        g.setColorStopAt(t, colorMapColor(map, t));
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kStops);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(nanColor());
    return g;
}

}  // namespace axs::ui
