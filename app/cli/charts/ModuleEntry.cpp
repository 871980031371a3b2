// SPDX-License-Identifier: GPL-3.0-or-later
// The chart module's entry point: its functions and the build they come from (app/cli/ChartModule.h).
#include "app/cli/ChartModule.h"
#include "app/cli/charts/HeadlessCharts.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"

#include <exception>
#include <utility>

namespace levex::cli {
namespace {

// Runs `work`, turning what it throws into a ChartProblem for levex-cli to report.
template <typename Work>
ChartProblem attempt(Work&& work) noexcept {
    try {
        std::forward<Work>(work)();
        return {};
    } catch (const UsageError& e) {
        return {ChartProblem::Usage, e.what()};
    } catch (const std::exception& e) {
        return {ChartProblem::Failure, e.what()};
    } catch (...) {
        return {ChartProblem::Failure, "the chart module failed with an unknown error"};
    }
}

const ChartModuleApi api{
    kChartModuleInterface,
    version(), // this module's own copy of the core: the version it was built from
    ChartModuleLayout{},
    [](const ChartRequest& request) noexcept { return attempt([&] { check_chart_request(request); }); },
    [](const ChartRequest& request, RunResult& result, const ChartContext& context) noexcept {
        return attempt([&] { draw_run_charts(request, std::move(result), context); });
    },
    [](const ChartRequest& request, const SweepSpec& spec, const SweepResult& result,
       const ChartContext& context) noexcept {
        return attempt([&] { draw_sweep_chart(request, spec, result, context); });
    },
};

} // namespace
} // namespace levex::cli

extern "C" const levex::cli::ChartModuleApi* levex_cli_charts_module() {
    return &levex::cli::api;
}
