// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <QWidget>

#include <cstddef>
#include <memory>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPAxisRect;
class QCPBars;
class QCPGraph;

namespace levex::ui {

/// The cascade heatmap: time across, price up (log scale), colour = open liquidation notional per
/// price band — longs in a warm ramp, shorts in a cool one — clearing as price sweeps through;
/// the mark and index paths drawn over it. Cells are written as the worker publishes steps; the
/// map's size and colour range are set once per run so the picture never rescales mid-run.
class CascadeHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit CascadeHeatmapView(QWidget* parent = nullptr);

    /// Takes `run` with `ready` steps computed (a new run starts a new picture) and draws the steps
    /// up to the cursor.
    void showRun(const std::shared_ptr<const LiveRun>& run, std::size_t ready);
    /// Shows steps 0..step (the playback cursor); later steps are hidden until the cursor reaches them.
    void setCursor(std::size_t step);
    /// The run ended after `steps`: the time axis closes in on them (at least ten steps wide).
    void setFinished(std::size_t steps);
    /// Back to the run's whole time and price range after zooming or panning.
    void resetView();
    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }

    /// The colour value of a cell: +log10(1 + long/1000) for long notional, -log10(1 + short/1000)
    /// for short (quote), NaN (transparent) for an empty band.
    static double cell_value(double long_notional, double short_notional);

private:
    void redraw();

    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPGraph* mark_;
    QCPGraph* index_;
    QCPAxisRect* executed_rect_; ///< beneath the heatmap: notional liquidated per step
    QCPBars* executed_long_;
    QCPBars* executed_short_;
    std::shared_ptr<const LiveRun> run_;
    std::size_t ready_ = 0;
    std::size_t cursor_ = std::size_t(-1);
    std::size_t drawn_ = 0; ///< columns [0, drawn_) hold cells
    std::size_t finished_steps_ = 0;
};

} // namespace levex::ui
