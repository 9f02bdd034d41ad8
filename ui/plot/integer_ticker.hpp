// Axis ticks for matrix indices: only whole numbers, steps of 1, 2 or 5 x 10^n, and
// optional text for particular positions (e.g. "<cls>" at 0).
#pragma once

#include <qcustomplot.h>

#include <QMap>

namespace axs::ui {

class IntegerTicker : public QCPAxisTicker {
public:
    /// Replace the label of tick `position` by `text` (the tick itself stays numeric).
    void setLabelOverrides(QMap<int, QString> overrides) { overrides_ = std::move(overrides); }

protected:
    double getTickStep(const QCPRange& range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    QMap<int, QString> overrides_;
};

}  // namespace axs::ui
