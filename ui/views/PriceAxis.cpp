// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/PriceAxis.h"

#include <algorithm>
#include <cmath>

namespace levex::ui {

QVector<double> LogPriceTicker::createTickVector(double, const QCPRange& range) {
    const double lo = std::exp(range.lower), hi = std::exp(range.upper);
    const double raw = (hi - lo) / 6.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / magnitude < 2 ? magnitude : raw / magnitude < 5 ? 2 * magnitude : 5 * magnitude;
    decimals_ = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 8);
    QVector<double> ticks;
    for (double p = std::ceil(lo / step) * step; p <= hi && ticks.size() < 50; p += step)
        ticks.push_back(std::log(p));
    return ticks;
}

QString LogPriceTicker::getTickLabel(double tick, const QLocale& locale, QChar, int) {
    return locale.toString(decimals_ == 0 ? std::round(std::exp(tick)) : std::exp(tick), 'f', decimals_);
}

} // namespace levex::ui
