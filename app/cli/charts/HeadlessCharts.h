// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/ChartModule.h"

namespace levex::cli {

/// Checks the chart request against what Qt knows: the suffixes of --chart-out and --animation,
/// ffmpeg for an MP4 (std::runtime_error when missing), the size, scale and theme (UsageError).
void check_chart_request(const ChartRequest& request);

/// Draws the run's chart and animation headless (the app's own chart code on Qt's offscreen
/// platform) and writes them; prints what it wrote to stderr.
void draw_run_charts(const ChartRequest& request, RunResult result, const ChartContext& context);

/// Draws the sweep's grid (the app's sensitivity map) and writes it.
void draw_sweep_chart(const ChartRequest& request, const SweepSpec& spec, const SweepResult& result,
                      const ChartContext& context);

} // namespace levex::cli
