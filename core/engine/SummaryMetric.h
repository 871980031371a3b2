// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"

#include <optional>
#include <string>
#include <vector>

namespace levex {

/// The metrics a sweep can map: every summary key, plus `endogenous_move` = |ln(P*/S)|. The
/// fixed-point metrics (exhaustion_price, endogenous_move) need no full run and are fast.
const std::vector<std::string>& sweep_metric_names();
/// A summary metric by key; nullopt where it is undefined (amplification at zero shock).
std::optional<double> summary_metric(const RunSummary& summary, const std::string& name);

} // namespace levex
