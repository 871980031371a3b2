// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/ChartModule.h"

namespace levex::cli {

/// The chart module, loaded on first use (and kept for the life of the process). Looked for beside
/// the running levex-cli (a build folder), then where an install puts it relative to the program
/// (lib/levex beside bin/, whatever the prefix). Throws std::runtime_error naming the files looked
/// for, the loader's reason, or the build a stale module comes from.
const ChartModuleApi& chart_module();

} // namespace levex::cli
