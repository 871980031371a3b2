// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <memory>

namespace levex::ui {

/// A finished LiveRun holding a run computed outside the GUI's worker (the command line's charts):
/// the same views then draw it the same way.
std::shared_ptr<LiveRun> live_run_from_result(RunResult result, const RunParameters& params, const std::string& symbol,
                                              std::shared_ptr<const PositionBook> book = nullptr);

} // namespace levex::ui
