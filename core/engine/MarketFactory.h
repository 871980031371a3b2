// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeMarket.h"
#include "core/market/L2Depth.h"
#include "core/market/MarketInputs.h"
#include "core/market/PriceGap.h"
#include "core/model/RunParameters.h"

#include <memory>
#include <optional>
#include <string>

namespace levex {

/// Where a run's market starts, and what the front ends should say about it.
struct MarketStart {
    /// The run's start price: the book's mark, or an AMM pool's marginal price (the pool is the
    /// venue's book, docs/liquidity.md §4).
    double price = 0.0;
    /// An L2 snapshot taken at another mid (its levels are re-based to the start price), or a pool
    /// priced away from the book's mark: shown when notable() (docs/liquidity.md §2, §4).
    std::optional<PriceGap> gap;
    /// An L2 snapshot's last level on each side, at `price`: where the fitted tail begins.
    std::optional<SnapshotEnds> snapshot_ends;
};

/// The start of a run of `params` on a book marked at `book_mark`, with the market files loaded in
/// `market`. Throws LiquidityError for a pool check_amm_pool() refuses.
MarketStart market_start(const RunParameters& params, double book_mark, const MarketInputs& market);

/// What a front end says about a notable gap of `start` (docs/liquidity.md §2, §4): an L2 snapshot
/// re-based to the start price, or a pool priced away from the book's mark; nullopt when there is
/// none worth saying.
std::optional<std::string> market_start_notice(const RunParameters& params, const MarketStart& start);

/// The market a cascade of `params` trades against (docs/model.md §2–§4, docs/liquidity.md):
/// every depth model — flat, V-shaped, metaorder, power law, the L2 snapshot of `market` with its
/// fitted tail — as a DepthCurveMarket, thinned by stress withdrawal when `params.withdrawal` is on;
/// an AMM pool (constant product, StableSwap) as a PoolMarket, which does not withdraw. Depth given
/// in quote is converted to base at `start_price`, which should be market_start()'s price: a pool
/// starts at its own price whatever `start_price` says. With withdrawal off the results are those of
/// the static book, bit for bit. Throws LiquidityError for a pool or withdrawal parameters the
/// market models refuse or a purchase (`buy`) larger than a pool can pay out, std::invalid_argument
/// for the l2-book model without its snapshot.
std::unique_ptr<CascadeMarket> make_cascade_market(const RunParameters& params, double start_price,
                                                   const MarketInputs& market);

} // namespace levex
