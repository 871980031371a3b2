// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/views/SideWords.h"

#include "core/engine/CascadeWindow.h"

#include <QPoint>
#include <QWidget>

#include <cstddef>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QMouseEvent;

namespace levex::ui {

class SnapshotEndMarks;

class StepTimeTicker;

/// The cascade heatmap: time across, price up (log scale), colour = open liquidation notional per
/// price band — longs in a warm ramp, shorts in a cool one — and the bands the cascade has executed
/// in grey, so one sees where leverage was exhausted; the mark and index paths drawn over it. A
/// column before t = 0 shows the book before the shock. Cells are written as the worker publishes
/// steps; the map's size and colour range are set once per run so the picture never rescales.
/// Once the run has finished, the time axis frames its cascade (core cascade_window), or the
/// whole run when asked.
class CascadeHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit CascadeHeatmapView(QWidget* parent = nullptr);
    ~CascadeHeatmapView() override;

    /// Takes `run` with `ready` steps computed (a new run starts a new picture) and draws the steps
    /// up to the cursor.
    void showRun(const std::shared_ptr<const LiveRun>& run, std::size_t ready);
    /// Shows steps 0..step (the playback cursor); later steps in the frame are hidden until the
    /// cursor reaches them. At the frame's last step, the steps beyond it are drawn too (outside
    /// the picture; widening the frame shows the run complete).
    void setCursor(std::size_t step);
    /// Shows the book before the shock only (the playback's first position).
    void showBeforeShock();
    /// The run ended after `steps`: the pre-shock column is drawn and the time axis frames the
    /// cascade (or the whole run).
    void setFinished(std::size_t steps);
    /// Frames the whole run instead of its cascade (and back).
    void setWholeRun(bool whole);
    bool wholeRun() const { return whole_run_; }
    /// The cascade's frame of the finished run (empty before).
    const CascadeWindow& cascadeWindow() const { return window_; }
    /// Steps [0, framedSteps()) are in the picture: the cascade's frame, or every step run.
    std::size_t framedSteps() const;
    /// Back to the frame's time range and the run's price range after zooming or panning.
    void resetView();
    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }
    /// Cells of bands the cascade has executed by that step and left empty: 1, else NaN.
    QCPColorMap* executedMap() const { return executed_; }
    /// The column before t = 0: the open levels before the shock (the same colour values).
    QCPColorMap* beforeShockMap() const { return before_; }
    QCPGraph* markGraph() const { return mark_; }
    /// Where an L2 snapshot ends and its fitted tail begins, per side (hidden for other depth models).
    const SnapshotEndMarks& snapshotEnds() const { return *snapshot_ends_; }

    /// The colour value of a cell: +log10(1 + long/1000) for long notional, -log10(1 + short/1000)
    /// for short (quote), NaN (transparent) for an empty band.
    static double cell_value(double long_notional, double short_notional);

    /// The currency the levels and prices are in: USD for position books, a lending book's base
    /// currency (docs/lending.md §8), and whether the sides are a lending run's (collateral at stake
    /// on a fall or a rise) rather than longs and shorts. Relabels the axes and the legend.
    void setMoneyUnit(const QString& unit, bool lending = false);

private:
    QString inUnit(QString text) const {
        text.replace(QStringLiteral("USD"), unit_);
        return lending_ ? in_lending_words(text) : text;
    }
    bool lending_ = false;
    void buildCascade();
    void buildExecutedPanel();
    void startRun(const LiveRun& run);
    void drawBeforeShock();
    void redraw();
    void hideColumnsFrom(std::size_t limit);
    void showTip(QPoint at, QPoint global);

    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorMap* executed_;
    QCPColorMap* before_;
    QCPColorScale* scale_;
    QCPGraph* mark_;
    QCPGraph* index_;
    QCPItemStraightLine* shock_line_;
    std::unique_ptr<SnapshotEndMarks> snapshot_ends_;
    QCPAxisRect* executed_rect_; ///< beneath the heatmap: notional liquidated per step
    QCPBars* executed_long_;
    QCPBars* executed_short_;
    StepTimeTicker* time_ticker_;
    std::shared_ptr<const LiveRun> run_;
    std::size_t ready_ = 0;
    std::size_t cursor_ = std::size_t(-1);
    bool before_shock_ = false;
    std::size_t drawn_ = 0;            ///< columns [0, drawn_) hold cells
    std::vector<double> executed_sum_; ///< per band: notional executed in steps [0, drawn_)
    std::size_t finished_steps_ = 0;
    CascadeWindow window_;
    bool whole_run_ = false;
    QPoint tip_at_; ///< where the mouse last asked for a tooltip (refreshed as the cursor moves)
    QString unit_ = QStringLiteral("USD");
};

} // namespace levex::ui
