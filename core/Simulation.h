// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/CascadeEngine.h"
#include "core/PositionBook.h"
#include "core/PriceSeries.h"
#include "core/RunParameters.h"
#include "core/VenueProfile.h"

#include <optional>

namespace levex {

/// The symbol a run shocks: `name`, or the book's only symbol. Throws UsageError for an unknown
/// name, or when the book holds several symbols and none was named (naming the largest).
std::size_t resolve_symbol(const PositionBook& book, const std::string& name);

/// The start mark: `params.mark` when given, else the book's mark_price of the symbol. Throws
/// UsageError when neither exists.
double resolve_mark(const PositionBook& book, std::size_t symbol, const RunParameters& params);

/// One run from a book: prepares the symbol, builds the depth and the index path, runs the
/// cascade. `series` is the replayed price series when params.price_series_file is set.
RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const std::optional<PriceSeries>& series = std::nullopt, const StepCallback& on_step = {},
                   RunOutputs outputs = {});

} // namespace levex
