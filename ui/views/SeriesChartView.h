// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <QWidget>

#include <QVector>

#include <memory>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemText;
class QCPLegend;
class QCPLayoutGrid;
class QCPMarginGroup;

namespace levex::ui {

/// The run's per-step series on one time axis, in four panels two by two: the index, book and mark
/// prices; the liquidation rate (long and short, quote per second); the open interest, with stress
/// withdrawal's w (the share of resting depth left) on its right axis; and the insurance fund. Drawn once a run has
/// finished (the series come from its frames).
class SeriesChartView : public QWidget {
    Q_OBJECT
public:
    explicit SeriesChartView(QWidget* parent = nullptr);

    /// Draws a finished run (does nothing for one still running or cancelled).
    void showRun(const std::shared_ptr<const LiveRun>& run);
    /// The time axis shows steps [0, steps): the cascade's frame, or the whole run.
    void setFramedSteps(std::size_t steps);
    QCustomPlot* plot() const { return plot_; }
    QCPGraph* markGraph() const { return mark_; }
    QCPGraph* openInterestGraph() const { return open_interest_; }
    QCPGraph* withdrawalGraph() const { return withdrawal_; }

private:
    void buildPanels();
    void buildPrices();
    void buildRates();
    void buildOpenInterest();
    QCPLegend* addLegend(int column);
    QCPItemText* addNote(QCPAxisRect* rect);
    void showFund(const QVector<double>& t, const QVector<double>& fund);
    void fitRanges(const QVector<double>& index, const QVector<double>& book, const QVector<double>& rate_long,
                   const QVector<double>& rate_short);
    QCPAxisRect* addPanel(int row, int column, const QString& label, QCPMarginGroup* columns, QCPMarginGroup* rows);

    QCustomPlot* plot_;
    QCPLayoutGrid* panels_;
    QCPAxisRect* price_rect_ = nullptr;
    QCPAxisRect* rate_rect_;
    QCPAxisRect* oi_rect_;
    QCPAxisRect* fund_rect_;
    QCPGraph* index_;
    QCPGraph* book_;
    QCPGraph* mark_;
    QCPBars* rate_long_;
    QCPBars* rate_short_;
    QCPGraph* open_interest_;
    QCPGraph* withdrawal_;
    QCPGraph* fund_;
    QCPItemText* fund_note_;
    QCPItemText* empty_note_; ///< before the first run: what to do to see something
    double step_seconds_ = 1.0;
    std::size_t steps_ = 0;
};

} // namespace levex::ui
