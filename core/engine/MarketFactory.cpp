// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/MarketFactory.h"

#include "core/engine/DepthCurveMarket.h"
#include "core/engine/PoolMarket.h"
#include "core/market/DepthFromParameters.h"

namespace levex {

MarketStart market_start(const RunParameters& params, double book_mark, const MarketInputs& market) {
    MarketStart start{book_mark, std::nullopt};
    if (params.depth_model == DepthModel::Amm) {
        start.price = AmmPool(pool_parameters(params)).marginal_price();
        start.gap = PriceGap{book_mark, start.price};
    } else if (params.depth_model == DepthModel::L2Book && market.l2_book) {
        start.gap = PriceGap{market.l2_book->mid(), book_mark};
    }
    return start;
}

std::unique_ptr<CascadeMarket> make_cascade_market(const RunParameters& params, double start_price,
                                                   const MarketInputs& market) {
    if (params.depth_model == DepthModel::Amm)
        return std::make_unique<PoolMarket>(pool_parameters(params), params);
    BookDepth depth = build_depth(params, start_price, market.l2_book ? &*market.l2_book : nullptr);
    return std::make_unique<DepthCurveMarket>(std::move(depth), start_price, params, withdrawal_parameters(params));
}

} // namespace levex
