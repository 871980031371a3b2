// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/ChartModule.h"
#include "app/cli/CommandLine.h"

#include "core/engine/CascadeEngine.h"
#include "core/engine/Sweep.h"

#include <vector>

namespace levex::cli {

/// The chart options of simulate (`with_run_charts`: --chart, --animation …) or of sweep.
std::vector<OptionSpec> chart_option_specs(bool with_run_charts);

/// True when the command line asks for a chart or an animation.
bool wants_chart(const CommandLine& cl);
/// True when the asked-for charts draw the price-binned histograms (the run must record them).
bool charts_need_histograms(const CommandLine& cl);

/// Checks the chart options before any work (UsageError for a bad value or suffix; a plain error
/// when an MP4 is asked for and ffmpeg is not installed). When a chart or an animation is asked
/// for, loads the chart module (app/cli/ChartModule.h), so one that is missing fails here, before
/// the run, with the files looked for.
void check_chart_options(const CommandLine& cl);

/// Draws the run's chart and animation headless (the app's own chart code on Qt's offscreen
/// platform, in the chart module) and writes them; prints what it wrote to stderr.
void write_run_charts(const CommandLine& cl, RunResult result, const ChartContext& context);

/// Draws the sweep's grid (the app's sensitivity map) and writes it.
void write_sweep_chart(const CommandLine& cl, const SweepSpec& spec, const SweepResult& result,
                       const ChartContext& context);

} // namespace levex::cli
