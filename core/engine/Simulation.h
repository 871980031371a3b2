// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/market/MarketInputs.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"
#include "core/model/RunStart.h" // resolve_symbol, resolve_mark: every engine entry point starts there
#include "core/model/VenueProfile.h"

namespace levex {

/// One run from a book: prepares the symbol at the market's start price (the book's mark, or an AMM
/// pool's price), builds the market (make_cascade_market) and the index path, runs the cascade
/// (`market`: the L2 snapshot and price series the parameters name, already loaded).
/// Throws ParameterError for a symbol or mark the book cannot give.
RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const MarketInputs& market = {}, const StepCallback& on_step = {}, RunOutputs outputs = {});

} // namespace levex
