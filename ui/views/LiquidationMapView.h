// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <QLocale>
#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;

namespace levex::ui {

/// Money with a magnitude suffix: 12.5M, 850k, 3.2B.
QString format_money(double value, const QLocale& locale);

/// Open liquidation notional by price at the playback cursor, on the heatmap's price axis (log
/// scale): longs as bars to the left (they liquidate below the mark), shorts to the right, the
/// mark as a line. Bars shrink as the cascade executes the levels. Two lines on the top axis add
/// the levels up from the mark outwards: how much notional a move to each price would liquidate.
class LiquidationMapView : public QWidget {
    Q_OBJECT
public:
    explicit LiquidationMapView(QWidget* parent = nullptr);

    /// Shows step `step` of `run` (which must be computed).
    void showFrame(const std::shared_ptr<const LiveRun>& run, std::size_t step, const QString& symbol);
    QCustomPlot* plot() const { return plot_; }

private:
    QCustomPlot* plot_;
    QCPBars* longs_;
    QCPBars* shorts_;
    QCPGraph* cumulative_longs_;
    QCPGraph* cumulative_shorts_;
    QCPItemStraightLine* mark_line_;
    QCPItemText* mark_label_;
    std::shared_ptr<const LiveRun> run_;
    double peak_ = 1.0;
    double cumulative_peak_ = 1.0;
    std::size_t step_ = 0;
};

} // namespace levex::ui
