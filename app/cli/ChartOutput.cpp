// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ChartOutput.h"

#include "core/base/Issue.h"
#include "core/engine/CascadeWindow.h"

#ifdef LEVEX_CLI_CHARTS
#include "ui/export/AnimationExport.h"
#include "ui/export/ChartExporter.h"
#include "ui/export/ScenarioCaption.h"
#include "ui/models/LiveRunFromResult.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/SeriesChartView.h"

#include <QApplication>
#endif

#include <iostream>
#include <memory>

namespace levex::cli {

std::vector<OptionSpec> chart_option_specs(bool with_run_charts) {
    std::vector<OptionSpec> specs;
    if (with_run_charts)
        specs.push_back({"chart", "heatmap|map|series", "the chart --chart-out draws (default heatmap)"});
    specs.insert(specs.end(),
                 {
                     {"chart-out", "FILE", "write the chart: .png, .jpg, .pdf (vector) or .svg"},
                     {"width", "W", "chart or animation width in pixels (default 1200)"},
                     {"height", "H", "chart or animation height in pixels (default 800; 700 for animations)"},
                     {"scale", "S", "raster pixels per pixel, for high-DPI images (default 1)"},
                     {"theme", "light|dark", "chart colours (default light)"},
                     {"title", "TEXT", "chart title (default: the chart's own)"},
                     {"no-caption", "", "leave out the scenario caption beneath the chart"},
                 });
    if (with_run_charts)
        specs.insert(specs.end(),
                     {
                         {"animation", "FILE",
                          "the cascade animation: .gif, .mp4 (needs ffmpeg) or NAME.png for "
                          "NAME-00000.png, NAME-00001.png, …"},
                         {"fps", "N", "animation frames per second (default 10)"},
                         {"every", "K", "one animation frame every K steps (default 1; the last step is kept)"},
                     });
    return specs;
}

bool wants_chart(const CommandLine& cl) {
    return cl.has("chart-out") || cl.has("animation");
}

bool charts_need_histograms(const CommandLine& cl) {
    return cl.has("animation") || (cl.has("chart-out") && cl.text("chart", "heatmap") != "series");
}

#ifndef LEVEX_CLI_CHARTS

void check_chart_options(const CommandLine& cl) {
    if (wants_chart(cl) || cl.has("chart"))
        throw UsageError("this levex-cli was built without the desktop app (LEVEX_BUILD_GUI=OFF): no charts");
}
void write_run_charts(const CommandLine&, RunResult, const ChartContext&) {}
void write_sweep_chart(const CommandLine&, const SweepSpec&, const SweepResult&, const ChartContext&) {}

#else

namespace {

ui::ChartStyle chart_style(const CommandLine& cl, const ChartContext& context, int default_height) {
    ui::ChartStyle style;
    // Checked before narrowing to int, so a huge value is named as given, not wrapped.
    auto side = [&](const char* name, std::uint64_t fallback) {
        const std::uint64_t pixels = cl.whole(name, fallback, 1);
        if (pixels < 200 || pixels > 10000)
            throw UsageError(std::string("--") + name + ": expected 200 to 10000 pixels, found " +
                             std::to_string(pixels));
        return int(pixels);
    };
    style.width = side("width", 1200);
    style.height = side("height", std::uint64_t(default_height));
    style.scale = cl.number("scale", 1.0);
    style.theme = QString::fromStdString(cl.text("theme", "light"));
    style.title = QString::fromStdString(cl.text("title", ""));
    if (!cl.has("no-caption"))
        style.caption =
            ui::scenario_caption(context.params, QString::fromStdString(context.book_path),
                                 QString::fromStdString(context.symbol), QString::fromStdString(context.venue));
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

void check_chart_options(const CommandLine& cl) {
    if (cl.has("chart") && !cl.has("chart-out"))
        throw UsageError("--chart needs --chart-out FILE");
    const std::string chart = cl.text("chart", "heatmap");
    if (chart != "heatmap" && chart != "map" && chart != "series")
        throw UsageError("--chart: expected heatmap, map or series, found '" + chart + "'");
    if (const auto out = cl.text("chart-out"); out && !ui::chart_format_for(QString::fromStdString(*out)))
        throw UsageError("--chart-out " + *out + ": expected the suffix .png, .jpg, .pdf or .svg");
    if (const auto out = cl.text("animation")) {
        const auto format = ui::animation_format_for(QString::fromStdString(*out));
        if (!format)
            throw UsageError("--animation " + *out + ": expected the suffix .gif, .mp4 or .png (a numbered sequence)");
        if (*format == ui::AnimationFormat::Mp4 && ui::find_ffmpeg().isEmpty())
            throw std::runtime_error("--animation " + *out +
                                     ": MP4 needs ffmpeg, which is not installed (not found on PATH); install it "
                                     "(Debian: apt-get install ffmpeg) or write a .gif or a .png sequence");
    }
    try {
        ui::ChartStyle style = chart_style(cl, {}, 800);
        style.caption.clear();
        ui::check_chart_style(style);
    } catch (const ui::ChartExportError& e) {
        throw UsageError(e.what());
    }
    if (cl.has("fps") && !(cl.number("fps", 10) > 0 && cl.number("fps", 10) <= 100))
        throw UsageError("--fps: expected a number above 0 and at most 100");
    cl.whole("every", 1, 1);
}

void write_run_charts(const CommandLine& cl, RunResult result, const ChartContext& context) {
    if (!wants_chart(cl))
        return;
    const OffscreenApplication app;
    const std::shared_ptr<const ui::LiveRun> run =
        ui::live_run_from_result(std::move(result), context.params, context.symbol);
    if (const auto out = cl.text("chart-out")) {
        const QString path = QString::fromStdString(*out);
        const ui::ChartStyle style = chart_style(cl, context, 800);
        const std::string chart = cl.text("chart", "heatmap");
        // The app's framing (core cascade_window): the heatmap's time axis covers the cascade and its
        // aftermath, the map shows the book at the end of that frame.
        const std::size_t steps = run->summary.steps_run;
        const CascadeWindow frame = cascade_window(std::span(run->liquidated_long.data(), steps),
                                                   std::span(run->liquidated_short.data(), steps), run->params);
        if (chart == "heatmap") {
            ui::CascadeHeatmapView view;
            view.showRun(run, run->capacity);
            view.setFinished(steps);
            ui::export_chart(*view.plot(), path, style);
        } else if (chart == "map") {
            ui::LiquidationMapView view;
            view.showFrame(run, frame.end > 0 ? frame.end - 1 : 0, QString::fromStdString(context.symbol));
            ui::export_chart(*view.plot(), path, style);
        } else {
            ui::SeriesChartView view;
            view.showRun(run);
            ui::export_chart(*view.plot(), path, style);
        }
        report(QString::fromStdString(chart) + " chart", path);
    }
    if (const auto out = cl.text("animation")) {
        const QString path = QString::fromStdString(*out);
        ui::AnimationOptions options;
        options.style = chart_style(cl, context, 700);
        options.fps = cl.number("fps", 10.0);
        options.every = cl.whole("every", 1, 1);
        ui::AnimationExport animation(run, path, options);
        animation.finish();
        report(QStringLiteral("animation (%1 frames)").arg(animation.framesWritten()), path);
    }
}

void write_sweep_chart(const CommandLine& cl, const SweepSpec& spec, const SweepResult& result,
                       const ChartContext& context) {
    const auto out = cl.text("chart-out");
    if (!out)
        return;
    const OffscreenApplication app;
    ui::SensitivityPanel panel;
    panel.showSweep(spec, result);
    const QString path = QString::fromStdString(*out);
    ui::ChartStyle style = chart_style(cl, context, 800);
    if (!style.caption.isEmpty())
        style.caption = ui::sweep_caption(spec, style.caption);
    ui::export_chart(*panel.plot(), path, style);
    report(QStringLiteral("sweep chart"), path);
}

#endif

} // namespace levex::cli
