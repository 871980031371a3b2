// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/ChartExporter.h"
#include "ui/models/LiveRun.h"

#include <QImage>

#include <memory>

namespace levex::ui {

class CascadeHeatmapView;
class LiquidationMapView;

/// The cascade as the app plays it back, one picture per step: the heatmap up to the step beside
/// the liquidation map at the step, with the scenario caption beneath. Draws with its own,
/// never-shown views, so the windows on screen are not disturbed. GUI thread only (QWidgets).
class CascadeAnimation {
public:
    /// Frames steps [0, end_step) of the run (0: every step; the heatmap's time axis follows).
    CascadeAnimation(std::shared_ptr<const LiveRun> run, const ChartStyle& style, std::size_t end_step = 0);
    ~CascadeAnimation();
    CascadeAnimation(const CascadeAnimation&) = delete;
    CascadeAnimation& operator=(const CascadeAnimation&) = delete;

    /// Steps the run took (frames 0 … steps − 1 exist).
    std::size_t steps() const;
    /// The picture at `step`, width·scale × height·scale pixels.
    QImage frame(std::size_t step);
    /// The picture of the book before the shock.
    QImage frameBeforeShock();

private:
    QImage paint();

    std::shared_ptr<const LiveRun> run_;
    ChartStyle style_;
    std::unique_ptr<CascadeHeatmapView> heatmap_;
    std::unique_ptr<LiquidationMapView> map_;
};

} // namespace levex::ui
