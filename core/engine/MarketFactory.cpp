// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/MarketFactory.h"

#include "core/base/NumberFormat.h"
#include "core/engine/DepthCurveMarket.h"
#include "core/engine/PoolMarket.h"
#include "core/market/DepthFromParameters.h"

#include <cmath>
#include <cstdio>

namespace levex {

MarketStart market_start(const RunParameters& params, double book_mark, const MarketInputs& market) {
    MarketStart start{book_mark, std::nullopt, std::nullopt};
    if (params.depth_model == DepthModel::Amm) {
        start.price = AmmPool(pool_parameters(params)).marginal_price();
        start.gap = PriceGap{book_mark, start.price};
    } else if (params.depth_model == DepthModel::L2Book && market.l2_book) {
        start.gap = PriceGap{market.l2_book->mid(), book_mark};
        start.snapshot_ends = snapshot_ends(*market.l2_book, book_mark);
    }
    return start;
}

namespace {

// How far `price` lies from `reference`, in words: "2.04 % above", "5 % below", and for a factor of
// two or more "1.9e-08 times (100 % below)".
std::string price_apart(double price, double reference) {
    const double ratio = price / reference;
    const std::string side = ratio >= 1.0 ? " above" : " below";
    const std::string percent = format_plain(std::round(std::abs(ratio - 1.0) * 10000.0) / 100.0) + " %" + side;
    if (ratio > 0.5 && ratio < 2.0)
        return percent;
    char factor[32];
    std::snprintf(factor, sizeof factor, "%.3g", ratio);
    return std::string(factor) + " times (" + percent + ")";
}

} // namespace

std::optional<std::string> market_start_notice(const RunParameters& params, const MarketStart& start) {
    if (!start.gap || !start.gap->notable())
        return std::nullopt;
    const PriceGap& gap = *start.gap;
    if (params.depth_model == DepthModel::Amm)
        return "the pool's price " + format_plain(gap.run_price) + " is " +
               price_apart(gap.run_price, gap.source_price) + " the book's mark " + format_plain(gap.source_price) +
               "; the run starts at the pool's price";
    return "the L2 snapshot's mid " + format_plain(gap.source_price) + " is " +
           price_apart(gap.source_price, gap.run_price) + " the start price " + format_plain(gap.run_price) +
           " (it was taken at another price); its levels are re-based to the start price";
}

std::unique_ptr<CascadeMarket> make_cascade_market(const RunParameters& params, double start_price,
                                                   const MarketInputs& market) {
    if (params.depth_model == DepthModel::Amm) {
        auto pool = std::make_unique<PoolMarket>(pool_parameters(params), params);
        // An outside purchase the pool cannot pay out is refused before the run, by its key.
        const double most = pool->pool().max_purchase();
        if (params.buy > 0 && !(params.buy < most))
            throw LiquidityError({"buy", "a purchase below what the pool can pay out, " + format_plain(most) + " base",
                                  format_plain(params.buy) + " base"});
        return pool;
    }
    BookDepth depth = build_depth(params, start_price, market.l2_book ? &*market.l2_book : nullptr);
    return std::make_unique<DepthCurveMarket>(std::move(depth), start_price, params, withdrawal_parameters(params));
}

} // namespace levex
