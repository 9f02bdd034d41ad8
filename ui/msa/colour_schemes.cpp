#include "msa/colour_schemes.hpp"

#include <array>
#include <cmath>
#include <map>
#include <mutex>

namespace axs::ui {
namespace {

// Palette layout: [0] gap, [1] residue without colour, then the scheme colours appended
// once each (duplicates collapse through the map).
struct Palette {
    QVector<QRgb> colours;
    std::map<QRgb, uint8_t> index;
    uint8_t add(QRgb c) {
        auto it = index.find(c);
        if (it != index.end()) return it->second;
        colours.push_back(c);
        return index[c] = static_cast<uint8_t>(colours.size() - 1);
    }
};

constexpr QRgb kGap = 0xffffffff;         // white: gaps read as empty space
constexpr QRgb kUncoloured = 0xffe4e4e4;  // light grey: a residue the scheme leaves uncoloured

// Per-scheme lookup: 26 letters -> palette index (column-independent schemes).
struct Tables {
    Palette palette;
    uint8_t gap = 0, plain = 0;
    std::array<uint8_t, 26> zappo{}, taylor{}, hydro{};
    uint8_t clustalBlue = 0, clustalRed = 0, clustalMagenta = 0, clustalGreen = 0, clustalPink = 0, clustalOrange = 0,
            clustalYellow = 0, clustalCyan = 0;
    std::array<uint8_t, 3> identity{};  // > 80 %, > 60 %, > 40 %
};

void fill(std::array<uint8_t, 26>& t, Palette& p, const char* letters, QRgb colour) {
    for (const char* c = letters; *c; ++c) t[*c - 'A'] = p.add(colour);
}

// Kyte & Doolittle (1982) hydropathy, mapped blue (hydrophilic, -4.5) .. white .. red (+4.5).
QRgb hydropathyColour(double kd) {
    const double t = std::clamp(kd / 4.5, -1.0, 1.0);
    const int fade = static_cast<int>(std::lround(255 * (1 - std::abs(t))));
    return t >= 0 ? qRgb(255, fade, fade) : qRgb(fade, fade, 255);
}

const Tables& tables() {
    static const Tables t = [] {
        Tables t;
        t.gap = t.palette.add(kGap);
        t.plain = t.palette.add(kUncoloured);
        t.zappo.fill(t.plain);
        t.taylor.fill(t.plain);
        t.hydro.fill(t.plain);
        // Zappo: physico-chemical classes.
        fill(t.zappo, t.palette, "ILVAM", 0xffffafaf);
        fill(t.zappo, t.palette, "FWY", 0xffffc800);
        fill(t.zappo, t.palette, "KRH", 0xff6464ff);
        fill(t.zappo, t.palette, "DE", 0xffff0000);
        fill(t.zappo, t.palette, "STNQ", 0xff00ff00);
        fill(t.zappo, t.palette, "PG", 0xffff00ff);
        fill(t.zappo, t.palette, "C", 0xffffff00);
        // Taylor (1997): one hue per residue.
        const std::pair<char, QRgb> taylor[] = {
            {'A', 0xffccff00}, {'R', 0xff0000ff}, {'N', 0xffcc00ff}, {'D', 0xffff0000}, {'C', 0xffffff00},
            {'Q', 0xffff00cc}, {'E', 0xffff0066}, {'G', 0xffff9900}, {'H', 0xff0066ff}, {'I', 0xff66ff00},
            {'L', 0xff33ff00}, {'K', 0xff6600ff}, {'M', 0xff00ff00}, {'F', 0xff00ff66}, {'P', 0xffffcc00},
            {'S', 0xffff3300}, {'T', 0xffff6600}, {'W', 0xff00ccff}, {'Y', 0xff00ffcc}, {'V', 0xff99ff00}};
        for (auto [c, rgb] : taylor) t.taylor[c - 'A'] = t.palette.add(rgb);
        const std::pair<char, double> kd[] = {{'I', 4.5},  {'V', 4.2},  {'L', 3.8},  {'F', 2.8},  {'C', 2.5},
                                              {'M', 1.9},  {'A', 1.8},  {'G', -0.4}, {'T', -0.7}, {'S', -0.8},
                                              {'W', -0.9}, {'Y', -1.3}, {'P', -1.6}, {'H', -3.2}, {'E', -3.5},
                                              {'Q', -3.5}, {'D', -3.5}, {'N', -3.5}, {'K', -3.9}, {'R', -4.5}};
        for (auto [c, v] : kd) t.hydro[c - 'A'] = t.palette.add(hydropathyColour(v));
        // Clustal X colours (as in Clustal X / Jalview documentation).
        t.clustalBlue = t.palette.add(0xff80a0f0);
        t.clustalRed = t.palette.add(0xfff01505);
        t.clustalMagenta = t.palette.add(0xffc048c0);
        t.clustalGreen = t.palette.add(0xff15c015);
        t.clustalPink = t.palette.add(0xfff08080);
        t.clustalOrange = t.palette.add(0xfff09048);
        t.clustalYellow = t.palette.add(0xffc0c000);
        t.clustalCyan = t.palette.add(0xff15a4a4);
        t.identity = {t.palette.add(0xff6464ff), t.palette.add(0xff9999ff), t.palette.add(0xffccccff)};
        return t;
    }();
    return t;
}

// Clustal X: a residue is coloured only when its class dominates the column (thresholds in
// column_stats.cpp); G and P are always coloured.
uint8_t clustalIndex(char r, const ColumnStats& col) {
    const Tables& t = tables();
    const uint16_t f = col.clustalClasses;
    switch (r) {
        case 'G':
            return t.clustalOrange;
        case 'P':
            return t.clustalYellow;
        case 'A':
        case 'I':
        case 'L':
        case 'M':
        case 'F':
        case 'W':
        case 'V':
            return (f & kHydrophobic) ? t.clustalBlue : t.plain;
        case 'C':
            if (f & kCysteine) return t.clustalPink;
            return (f & kHydrophobic) ? t.clustalBlue : t.plain;
        case 'K':
        case 'R':
            return (f & kPositive) ? t.clustalRed : t.plain;
        case 'D':
        case 'E':
            return (f & kNegative) ? t.clustalMagenta : t.plain;
        case 'N':
        case 'Q':
            return (f & kAmide) ? t.clustalGreen : t.plain;
        case 'S':
        case 'T':
            return (f & kHydroxyl) ? t.clustalGreen : t.plain;
        case 'H':
        case 'Y':
            return (f & (kAromatic | kHydrophobic)) ? t.clustalCyan : t.plain;
        default:
            return t.plain;
    }
}

}  // namespace

QList<ColourScheme> allColourSchemes() {
    return {ColourScheme::ClustalX,       ColourScheme::Zappo,           ColourScheme::Taylor,
            ColourScheme::Hydrophobicity, ColourScheme::PercentIdentity, ColourScheme::None};
}

QString colourSchemeName(ColourScheme scheme) {
    switch (scheme) {
        case ColourScheme::ClustalX:
            return QStringLiteral("Clustal X");
        case ColourScheme::Zappo:
            return QStringLiteral("Zappo");
        case ColourScheme::Taylor:
            return QStringLiteral("Taylor");
        case ColourScheme::Hydrophobicity:
            return QStringLiteral("Hydrophobicity");
        case ColourScheme::PercentIdentity:
            return QStringLiteral("% identity to query");
        case ColourScheme::None:
            return QStringLiteral("None");
    }
    return {};
}

QString colourSchemeKey(ColourScheme scheme) {
    switch (scheme) {
        case ColourScheme::ClustalX:
            return QStringLiteral("clustalx");
        case ColourScheme::Zappo:
            return QStringLiteral("zappo");
        case ColourScheme::Taylor:
            return QStringLiteral("taylor");
        case ColourScheme::Hydrophobicity:
            return QStringLiteral("hydrophobicity");
        case ColourScheme::PercentIdentity:
            return QStringLiteral("identity");
        case ColourScheme::None:
            return QStringLiteral("none");
    }
    return {};
}

ColourScheme colourSchemeFromKey(const QString& key) {
    for (ColourScheme s : allColourSchemes())
        if (colourSchemeKey(s) == key) return s;
    return ColourScheme::ClustalX;
}

uint8_t cellPaletteIndex(ColourScheme scheme, char residue, const ColumnStats& column) {
    const Tables& t = tables();
    const int slot = residueSlot(residue);
    if (slot == kGapSlot) return t.gap;
    const char r = static_cast<char>('A' + slot);
    switch (scheme) {
        case ColourScheme::ClustalX:
            return clustalIndex(r, column);
        case ColourScheme::Zappo:
            return t.zappo[slot];
        case ColourScheme::Taylor:
            return t.taylor[slot];
        case ColourScheme::Hydrophobicity:
            return t.hydro[slot];
        case ColourScheme::PercentIdentity:
            // Residues equal to the query's, shaded by how many rows share them.
            if (r != column.queryResidue) return t.plain;
            if (column.queryIdentity > 0.8f) return t.identity[0];
            if (column.queryIdentity > 0.6f) return t.identity[1];
            if (column.queryIdentity > 0.4f) return t.identity[2];
            return t.plain;
        case ColourScheme::None:
            return t.plain;
    }
    return t.plain;
}

const QVector<QRgb>& cellPalette() { return tables().palette.colours; }

QColor textColourOn(QRgb bg) {
    const double luminance = 0.299 * qRed(bg) + 0.587 * qGreen(bg) + 0.114 * qBlue(bg);
    return luminance < 110 ? Qt::white : Qt::black;
}

}  // namespace axs::ui
