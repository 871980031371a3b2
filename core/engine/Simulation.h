// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/market/MarketInputs.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"
#include "core/model/VenueProfile.h"

#include <optional>

namespace levex {

/// The symbol a run shocks: `name`, or the book's only symbol. Throws UsageError for an unknown
/// name, or when the book holds several symbols and none was named (naming the largest).
std::size_t resolve_symbol(const PositionBook& book, const std::string& name);

/// The start mark: `params.mark` when given, else the book's mark_price of the symbol. Throws
/// UsageError when neither exists.
double resolve_mark(const PositionBook& book, std::size_t symbol, const RunParameters& params);

/// One run from a book: prepares the symbol, builds the depth and the index path, runs the
/// cascade on `market` (the L2 snapshot and price series the parameters name, already loaded).
RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const MarketInputs& market = {}, const StepCallback& on_step = {}, RunOutputs outputs = {});

} // namespace levex
