// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

namespace levex {

/// Reads the files `params` names (the L2 snapshot of the l2-book depth model, the price series)
/// so that the engine, which never opens a file, can run on them.
MarketInputs read_market_inputs(const RunParameters& params);

} // namespace levex
