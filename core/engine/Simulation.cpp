// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/Simulation.h"

#include "core/engine/MarketFactory.h"
#include "core/engine/PreparedBook.h"
#include "core/market/IndexPath.h"

namespace levex {

RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const MarketInputs& market, const StepCallback& on_step, RunOutputs outputs) {
    const RunStart start = resolve_run_start(book, params);
    const double s0 = market_start(params, start.mark, market).price;
    const PreparedBook prepared = prepare_book(book, venue, {params.leverage_mult, params.mmr_scale}, start.symbol, s0);
    const std::unique_ptr<CascadeMarket> venue_market = make_cascade_market(params, s0, market);
    return run_cascade(prepared, *venue_market, build_index_path(params, market.price_series), params, on_step,
                       outputs);
}

} // namespace levex
