// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/MonteCarlo.h"
#include "core/engine/PreparedLendingBook.h"
#include "core/engine/Sweep.h"
#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

#include <vector>

namespace levex {

/// Sweeps a lending run (docs/lending.md §9): the grid of `spec` over shock, depth-scale and
/// half-life (the axes that do not change the books), each cell a run of the prepared books (summary
/// only), metrics from lending_metric_names(). exhaustion_price and endogenous_move need only the
/// fixed point. With the shock on x, each row also gets its critical shock (docs/model.md §6).
/// Identical for any thread count. Throws UsageError for an axis or metric lending runs do not have.
SweepResult run_lending_sweep(const std::vector<const PreparedLendingBook*>& books, const RunParameters& base,
                              const SweepSpec& spec, const MarketInputs& market = {},
                              const SweepProgress& progress = {});

/// N lending runs on random index paths, path i from stream i + 1 of the seed (docs/model.md §6):
/// the percentiles of every lending metric with a finite value on every path and the price fan.
/// `liquidated_notional` holds each path's collateral seized (base).
MonteCarloResult run_lending_monte_carlo(const std::vector<const PreparedLendingBook*>& books,
                                         const RunParameters& params, const MonteCarloSpec& spec,
                                         const MarketInputs& market = {}, const MonteCarloProgress& progress = {});

} // namespace levex
