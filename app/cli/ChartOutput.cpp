// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ChartOutput.h"

#ifdef LEVEX_CLI_CHARTS
#include "app/cli/ChartModuleLoader.h"
#endif

#include "core/base/Issue.h"

#include <cstdint>
#include <stdexcept>
#include <string>

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

// The chart options as the module takes them, with the checks that need no Qt.
ChartRequest chart_request(const CommandLine& cl) {
    // Checked before narrowing to int, so a huge value is named as given, not wrapped.
    auto side = [&](const char* name, std::uint64_t fallback) {
        const std::uint64_t pixels = cl.whole(name, fallback, 1);
        if (pixels < 200 || pixels > 10000)
            throw UsageError(std::string("--") + name + ": expected 200 to 10000 pixels, found " +
                             std::to_string(pixels));
        return int(pixels);
    };
    ChartRequest request;
    request.chart = cl.text("chart", "heatmap");
    request.chart_out = cl.text("chart-out");
    request.animation = cl.text("animation");
    request.width = side("width", 1200);
    if (cl.has("height"))
        request.height = side("height", 800);
    request.scale = cl.number("scale", 1.0);
    request.theme = cl.text("theme", "light");
    request.title = cl.text("title", "");
    request.caption = !cl.has("no-caption");
    request.fps = cl.number("fps", 10.0);
    request.every = cl.whole("every", 1, 1);
    return request;
}

// What the module reports, thrown as main() expects it.
void expect_done(const ChartProblem& problem) {
    switch (problem.kind) {
    case ChartProblem::None: return;
    case ChartProblem::Usage: throw UsageError(problem.message);
    case ChartProblem::Failure: throw std::runtime_error(problem.message);
    }
}

} // namespace

void check_chart_options(const CommandLine& cl) {
    if (cl.has("chart") && !cl.has("chart-out"))
        throw UsageError("--chart needs --chart-out FILE");
    const std::string chart = cl.text("chart", "heatmap");
    if (chart != "heatmap" && chart != "map" && chart != "series")
        throw UsageError("--chart: expected heatmap, map or series, found '" + chart + "'");
    const ChartRequest request = chart_request(cl);
    if (cl.has("fps") && !(request.fps > 0 && request.fps <= 100))
        throw UsageError("--fps: expected a number above 0 and at most 100");
    if (!wants_chart(cl))
        return; // the module is loaded only for a command that draws
    const std::string asked =
        request.chart_out ? "--chart-out " + *request.chart_out : "--animation " + *request.animation;
    const ChartModuleApi* module = nullptr;
    try {
        module = &chart_module();
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(asked + ": " + e.what());
    }
    expect_done(module->check(request));
}

void write_run_charts(const CommandLine& cl, RunResult result, const ChartContext& context) {
    if (wants_chart(cl))
        expect_done(chart_module().write_run(chart_request(cl), result, context));
}

void write_sweep_chart(const CommandLine& cl, const SweepSpec& spec, const SweepResult& result,
                       const ChartContext& context) {
    if (cl.has("chart-out"))
        expect_done(chart_module().write_sweep(chart_request(cl), spec, result, context));
}

#endif

} // namespace levex::cli
