// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/LendingSimulation.h"

#include "core/engine/MarketFactory.h"
#include "core/market/IndexPath.h"
#include "core/model/ParameterError.h"

#include <algorithm>
#include <cmath>

namespace levex {

double lending_start_price(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params) {
    if (!std::isnan(params.mark))
        return params.mark;
    for (const PreparedLendingBook* b : books)
        if (b->asset != LendingBook::npos)
            return b->start_price;
    throw ParameterError({"symbol", "an asset one of the lending books holds", "'" + params.symbol + "'"});
}

std::unique_ptr<CascadeMarket> make_lending_market(const std::vector<const PreparedLendingBook*>& books,
                                                   const RunParameters& params, const MarketInputs& market) {
    const double start = market_start(params, lending_start_price(books, params), market).price;
    return make_cascade_market(params, start, market);
}

// docs/model.md §3: the outside order at step 0, or in equal parts over the shock's steps, as in
// the perpetual cascade.
ExogenousFlow exogenous_flow(const RunParameters& params) {
    const double order = params.sell > 0 ? params.sell : -params.buy;
    if (order == 0.0)
        return {};
    const std::size_t steps = std::min<std::size_t>(std::max<std::size_t>(params.shock_steps, 1), params.steps);
    return ExogenousFlow(steps, order / double(steps));
}

LendingRunResult simulate_lending(const std::vector<const PreparedLendingBook*>& books, const RunParameters& params,
                                  const MarketInputs& market, const StepCallback& on_step, RunOutputs outputs,
                                  std::uint64_t stream) {
    const std::unique_ptr<CascadeMarket> venue = make_lending_market(books, params, market);
    return run_lending_cascade(books, *venue, build_index_path(params, market.price_series, stream), params,
                               exogenous_flow(params), on_step, outputs);
}

} // namespace levex
