// SPDX-License-Identifier: GPL-3.0-or-later
// A chart module as an older build would have left it: another interface and version. levex-cli
// must refuse it by name (tests/cli/ChartModuleTest.cpp) without calling anything in it.
#include "app/cli/ChartModule.h"

namespace {

const levex::cli::ChartModuleApi stale{
    levex::cli::kChartModuleInterface + 1, "0.0.0", levex::cli::ChartModuleLayout{}, nullptr, nullptr, nullptr};

} // namespace

extern "C" const levex::cli::ChartModuleApi* levex_cli_charts_module() {
    return &stale;
}
