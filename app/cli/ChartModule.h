// SPDX-License-Identifier: GPL-3.0-or-later
// What levex-cli and its chart module (levex-cli-charts.so, built from app/cli/charts) pass each
// other. The module holds the Qt half of the command line's charts; levex-cli loads it with dlopen
// only when a command asks for a chart or an animation, so every other command starts without
// mapping Qt. Both are built together by the same compiler, so C++ types cross by reference; what
// the entry point returns says which build the module comes from, and levex-cli refuses another.
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/engine/Sweep.h"
#include "core/model/RunParameters.h"

#include <cstddef>
#include <optional>
#include <string>

namespace levex::cli {

/// The chart options of a command line, read and range-checked by levex-cli.
struct ChartRequest {
    std::string chart = "heatmap"; ///< what chart_out draws of a run: heatmap, map or series
    std::optional<std::string> chart_out;
    std::optional<std::string> animation;
    int width = 1200;
    std::optional<int> height; ///< none: 800 for a chart, 700 for an animation
    double scale = 1.0;
    std::string theme = "light";
    std::string title; ///< empty: the chart's own
    bool caption = true;
    double fps = 10.0;
    std::size_t every = 1;
};

/// What a chart's caption names.
struct ChartContext {
    RunParameters params;
    std::string book_path, symbol, venue;
};

/// What went wrong in the module: Usage for a bad option value (exit status 2), Failure for
/// anything else (1). Errors come back as values: no exception crosses between the two.
struct ChartProblem {
    enum Kind { None, Usage, Failure };
    Kind kind = None;
    std::string message;
};

/// Bump when ChartModuleApi or ChartRequest changes.
inline constexpr int kChartModuleInterface = 1;

/// The sizes of the types passed, as each side was compiled: unequal when one side is stale.
struct ChartModuleLayout {
    std::size_t request = sizeof(ChartRequest), context = sizeof(ChartContext), run = sizeof(RunResult),
                sweep_spec = sizeof(SweepSpec), sweep_result = sizeof(SweepResult);
    bool operator==(const ChartModuleLayout&) const = default;
};

/// The module's functions. `interface_version` and `version` come first and never move, so levex-cli
/// can name a module from another build before it reads anything else.
struct ChartModuleApi {
    int interface_version;
    const char* version; ///< the LevEx version the module was built from
    ChartModuleLayout layout;
    /// Checks what levex-cli cannot without Qt: the files' suffixes, ffmpeg for an MP4, the theme,
    /// size and scale against the export limits.
    ChartProblem (*check)(const ChartRequest& request) noexcept;
    /// Draws the run's chart and animation and writes them (takes the result's contents).
    ChartProblem (*write_run)(const ChartRequest& request, RunResult& result, const ChartContext& context) noexcept;
    /// Draws the sweep's grid and writes it.
    ChartProblem (*write_sweep)(const ChartRequest& request, const SweepSpec& spec, const SweepResult& result,
                                const ChartContext& context) noexcept;
};

/// The module's one exported symbol.
inline constexpr const char* kChartModuleEntry = "levex_cli_charts_module";
using ChartModuleEntry = const ChartModuleApi* (*)();

} // namespace levex::cli
