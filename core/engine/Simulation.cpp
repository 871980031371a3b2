// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/Simulation.h"

#include "core/engine/PreparedBook.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

namespace levex {

RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const MarketInputs& market, const StepCallback& on_step, RunOutputs outputs) {
    const RunStart start = resolve_run_start(book, params);
    const PreparedBook prepared =
        prepare_book(book, venue, {params.leverage_mult, params.mmr_scale}, start.symbol, start.mark);
    const BookDepth depth = build_depth(params, start.mark, market.l2_book ? &*market.l2_book : nullptr);
    return run_cascade(prepared, depth, build_index_path(params, market.price_series), params, on_step, outputs);
}

} // namespace levex
