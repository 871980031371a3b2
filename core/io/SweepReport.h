// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/Sweep.h"

#include <string>

namespace levex {

/// The grid as CSV, one row per cell: `X_AXIS,Y_AXIS,METRIC` (axis names as on the command line,
/// e.g. `shock,leverage-mult,amplification`); an undefined cell leaves the metric empty.
std::string sweep_grid_csv(const SweepSpec& spec, const SweepResult& result);

/// The critical shock per row: `Y_AXIS,critical_shock` (empty where no shock is critical).
std::string critical_shock_csv(const SweepSpec& spec, const SweepResult& result);

} // namespace levex
