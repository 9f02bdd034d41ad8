#include "plot/integer_ticker.hpp"

#include <cmath>

namespace axs::ui {

double IntegerTicker::getTickStep(const QCPRange& range) {
    const double raw = range.size() / std::max(1, tickCount() + 1);
    if (raw <= 1) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10 * magnitude;
}

int IntegerTicker::getSubTickCount(double tickStep) {
    // Sub-ticks only where they land on whole numbers.
    if (tickStep >= 10) return 4;
    if (tickStep == 5) return 4;
    if (tickStep == 2) return 1;
    return 0;
}

QString IntegerTicker::getTickLabel(double tick, const QLocale& locale, QChar, int) {
    const int k = static_cast<int>(std::lround(tick));
    const auto it = overrides_.constFind(k);
    return it != overrides_.constEnd() ? it.value() : locale.toString(k);
}

}  // namespace axs::ui
