// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/charts/HeadlessCharts.h"

#include "core/base/Issue.h"
#include "core/engine/CascadeWindow.h"

#include "ui/export/AnimationExport.h"
#include "ui/export/ChartExporter.h"
#include "ui/export/ScenarioCaption.h"
#include "ui/models/LiveRunFromResult.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/SeriesChartView.h"

#include <QApplication>

#include <iostream>
#include <memory>

namespace levex::cli {

namespace {

// The style of a chart or animation; with the scenario caption when `context` is given and asked for.
ui::ChartStyle chart_style(const ChartRequest& request, int default_height, const ChartContext* context) {
    ui::ChartStyle style;
    style.width = request.width;
    style.height = request.height.value_or(default_height);
    style.scale = request.scale;
    style.theme = QString::fromStdString(request.theme);
    style.title = QString::fromStdString(request.title);
    if (context && request.caption)
        style.caption =
            ui::scenario_caption(context->params, QString::fromStdString(context->book_path),
                                 QString::fromStdString(context->symbol), QString::fromStdString(context->venue));
    return style;
}

// Qt for the length of one command, on the offscreen platform: no display is needed.
class OffscreenApplication {
public:
    OffscreenApplication() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Qt's note that XDG_RUNTIME_DIR is unset says nothing about the chart: keep stderr for ours.
        previous_ = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& text) {
            if (type == QtWarningMsg && text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
                return;
            if (previous_)
                previous_(type, context, text);
        });
        app_ = std::make_unique<QApplication>(argc_, argv_);
    }

    ~OffscreenApplication() { qInstallMessageHandler(previous_); }
    OffscreenApplication(const OffscreenApplication&) = delete;
    OffscreenApplication& operator=(const OffscreenApplication&) = delete;

private:
    static inline QtMessageHandler previous_ = nullptr;
    int argc_ = 1;
    char name_[10] = "levex-cli";
    char* argv_[2] = {name_, nullptr};
    std::unique_ptr<QApplication> app_;
};

void report(const QString& what, const QString& path) {
    std::cerr << "levex-cli: wrote " << what.toStdString() << ' ' << path.toStdString() << '\n';
}

} // namespace

void check_chart_request(const ChartRequest& request) {
    if (const auto& out = request.chart_out; out && !ui::chart_format_for(QString::fromStdString(*out)))
        throw UsageError("--chart-out " + *out + ": expected the suffix .png, .jpg, .pdf or .svg");
    if (const auto& out = request.animation) {
        const auto format = ui::animation_format_for(QString::fromStdString(*out));
        if (!format)
            throw UsageError("--animation " + *out + ": expected the suffix .gif, .mp4 or .png (a numbered sequence)");
        if (*format == ui::AnimationFormat::Mp4 && ui::find_ffmpeg().isEmpty())
            throw std::runtime_error("--animation " + *out +
                                     ": MP4 needs ffmpeg, which is not installed (not found on PATH); install it "
                                     "(Debian: apt-get install ffmpeg) or write a .gif or a .png sequence");
    }
    try {
        ui::check_chart_style(chart_style(request, 800, nullptr));
    } catch (const ui::ChartExportError& e) {
        throw UsageError(e.what());
    }
}

void draw_run_charts(const ChartRequest& request, RunResult result, const ChartContext& context) {
    if (!request.chart_out && !request.animation)
        return;
    const OffscreenApplication app;
    const std::shared_ptr<const ui::LiveRun> run =
        ui::live_run_from_result(std::move(result), context.params, context.symbol);
    if (const auto& out = request.chart_out) {
        const QString path = QString::fromStdString(*out);
        const ui::ChartStyle style = chart_style(request, 800, &context);
        // The app's framing (core cascade_window): the heatmap's time axis covers the cascade and its
        // aftermath, the map shows the book at the end of that frame.
        const std::size_t steps = run->summary.steps_run;
        const CascadeWindow frame = cascade_window(std::span(run->liquidated_long.data(), steps),
                                                   std::span(run->liquidated_short.data(), steps), run->params);
        if (request.chart == "heatmap") {
            ui::CascadeHeatmapView view;
            view.showRun(run, run->capacity);
            view.setFinished(steps);
            ui::export_chart(*view.plot(), path, style);
        } else if (request.chart == "map") {
            ui::LiquidationMapView view;
            view.showFrame(run, frame.end > 0 ? frame.end - 1 : 0, QString::fromStdString(context.symbol));
            ui::export_chart(*view.plot(), path, style);
        } else {
            ui::SeriesChartView view;
            view.showRun(run);
            ui::export_chart(*view.plot(), path, style);
        }
        report(QString::fromStdString(request.chart) + " chart", path);
    }
    if (const auto& out = request.animation) {
        const QString path = QString::fromStdString(*out);
        ui::AnimationOptions options;
        options.style = chart_style(request, 700, &context);
        options.fps = request.fps;
        options.every = request.every;
        ui::AnimationExport animation(run, path, options);
        animation.finish();
        report(QStringLiteral("animation (%1 frames)").arg(animation.framesWritten()), path);
    }
}

void draw_sweep_chart(const ChartRequest& request, const SweepSpec& spec, const SweepResult& result,
                      const ChartContext& context) {
    if (!request.chart_out)
        return;
    const OffscreenApplication app;
    ui::SensitivityPanel panel;
    panel.showSweep(spec, result);
    const QString path = QString::fromStdString(*request.chart_out);
    ui::ChartStyle style = chart_style(request, 800, &context);
    if (!style.caption.isEmpty())
        style.caption = ui::sweep_caption(spec, style.caption);
    ui::export_chart(*panel.plot(), path, style);
    report(QStringLiteral("sweep chart"), path);
}

} // namespace levex::cli
