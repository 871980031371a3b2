// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/CascadeAnimation.h"

#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace levex::ui {

CascadeAnimation::CascadeAnimation(std::shared_ptr<const LiveRun> run, const ChartStyle& style, std::size_t end_step)
    : run_(std::move(run)), style_(style), heatmap_(std::make_unique<CascadeHeatmapView>()),
      map_(std::make_unique<LiquidationMapView>()) {
    check_chart_style(style_);
    if (!run_ || run_->edges.empty() || steps() == 0)
        throw ChartExportError("the run has no steps to animate");
    heatmap_->showRun(run_, steps());
    heatmap_->setFinished(steps());
    // The cascade's frame when that is what is animated (the same rule: core cascade_window).
    heatmap_->setWholeRun(end_step == 0 || end_step > heatmap_->cascadeWindow().end);
    const ChartTheme& theme = ChartTheme::named(style_.theme);
    apply_chart_theme(*heatmap_->plot(), ChartTheme::light(), theme);
    apply_chart_theme(*map_->plot(), ChartTheme::light(), theme);
    if (!style_.title.isEmpty())
        if (auto* title = qobject_cast<QCPTextElement*>(heatmap_->plot()->plotLayout()->elementAt(0)))
            title->setText(style_.title);
}

CascadeAnimation::~CascadeAnimation() = default;

std::size_t CascadeAnimation::steps() const {
    return std::min(run_->summary.steps_run, run_->ready.load(std::memory_order_acquire));
}

QImage CascadeAnimation::frame(std::size_t step) {
    step = std::min(step, steps() - 1);
    heatmap_->setCursor(step);
    map_->showFrame(run_, step, QString::fromStdString(run_->symbol));
    return paint();
}

QImage CascadeAnimation::frameBeforeShock() {
    heatmap_->showBeforeShock();
    map_->showBeforeShock(run_, QString::fromStdString(run_->symbol));
    return paint();
}

QImage CascadeAnimation::paint() {
    const ChartTheme& theme = ChartTheme::named(style_.theme);
    QImage image(int(std::lround(style_.width * style_.scale)), int(std::lround(style_.height * style_.scale)),
                 QImage::Format_RGB32);
    image.setDotsPerMeterX(3780); // 96 dpi: the same font sizes as the chart exports
    image.setDotsPerMeterY(3780);
    image.fill(theme.background);
    QCPPainter painter(&image);
    if (style_.scale != 1.0) {
        painter.scale(style_.scale, style_.scale);
        painter.setMode(QCPPainter::pmNonCosmetic);
    }
    paint_chart_page(painter, {{heatmap_->plot(), 0.6}, {map_->plot(), 0.4}}, style_, theme);
    painter.end();
    return image;
}

} // namespace levex::ui
