// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

namespace levex::ui {

/// A price axis drawn in ln(price), so that log-spaced price bins are evenly spaced: ticks at round
/// prices (1, 2 or 5 × 10^k apart), labelled as prices. The heatmap and the liquidation map share
/// it, so their price axes line up.
class LogPriceTicker : public QCPAxisTicker {
protected:
    QVector<double> createTickVector(double tick_step, const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar format, int precision) override;

private:
    int decimals_ = 0; // as many as the tick step needs: none from 1 up, 3 for steps of 0.001 (stETH in ETH)
};

} // namespace levex::ui
