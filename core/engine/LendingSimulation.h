// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/LendingCascade.h"
#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace levex {

/// The price the books mark the shocked asset at, for a market that does not fix its own start (a
/// depth curve; a pool starts at its own price, market_start()): `params.mark` when given, else the
/// asset's oracle price in the first book that holds it. Throws ParameterError (key "symbol") when no
/// book holds it.
double lending_start_price(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params);

/// The market a lending run trades the shocked asset in (docs/lending.md §7): make_cascade_market()
/// at market_start() from the books' price.
std::unique_ptr<CascadeMarket> make_lending_market(const std::vector<const PreparedLendingBook*>& books,
                                                   const RunParameters& params, const MarketInputs& market);

/// The exogenous flow the parameters ask for, per step (units of the shocked asset; > 0 sold).
ExogenousFlow exogenous_flow(const RunParameters& params);

/// One lending run from prepared books: its market, its index path (the price series the
/// parameters name, already loaded) and the cascade (docs/lending.md §7).
LendingRunResult simulate_lending(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params,
                                  const MarketInputs& market = {}, const StepCallback& on_step = {},
                                  RunOutputs outputs = {}, std::uint64_t stream = 0);

} // namespace levex
