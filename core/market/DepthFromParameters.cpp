// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthFromParameters.h"

#include "core/market/L2Depth.h"

#include <cmath>
#include <stdexcept>

namespace levex {

BookDepth build_depth(const RunParameters& p, double start_price, const OrderBook* l2_book) {
    if (!(start_price > 0))
        throw std::invalid_argument("start price must be > 0");
    BookDepth depth;
    switch (p.depth_model) {
    case DepthModel::Flat: {
        const DepthCurve c = DepthCurve::flat(p.depth_quote_per_pct / start_price);
        depth = {c, c};
        break;
    }
    case DepthModel::VShaped: {
        const DepthCurve c = DepthCurve::v_shaped(p.depth_quote_within_1pct / start_price);
        depth = {c, c};
        break;
    }
    case DepthModel::Metaorder: {
        // Y·σ·sqrt(N/ADV) = 1 %·sqrt(N/D1)  =>  D1 = ADV·(1 % / (Y·σ))².
        const double ratio = 0.01 / (p.metaorder_y * p.metaorder_sigma_daily);
        const DepthCurve c = DepthCurve::v_shaped(p.metaorder_adv_quote * ratio * ratio / start_price);
        depth = {c, c};
        break;
    }
    case DepthModel::PowerLaw: {
        const DepthCurve c = DepthCurve::power_law(p.depth_quote_within_1pct / start_price, p.depth_exponent);
        depth = {c, c};
        break;
    }
    case DepthModel::L2Book:
        if (l2_book == nullptr)
            throw std::invalid_argument("depth_model l2-book needs the loaded order book");
        depth = l2_depth(*l2_book, start_price).depth;
        break;
    case DepthModel::Amm: throw std::invalid_argument("depth_model amm is a pool, not depth curves");
    }
    if (p.depth_scale != 1.0)
        depth = {depth.bids.scaled(p.depth_scale), depth.asks.scaled(p.depth_scale)};
    return depth;
}

AmmPoolParameters pool_parameters(const RunParameters& p) {
    AmmPoolParameters pool;
    pool.kind = p.amm_kind;
    pool.base_reserve = p.amm_base_reserve;
    pool.quote_reserve = p.amm_quote_reserve;
    pool.fee = std::isnan(p.amm_fee) ? usual_amm_fee(p.amm_kind) : p.amm_fee;
    pool.amplification = p.amm_kind == AmmKind::StableSwap ? p.amm_amplification : 0.0;
    return pool;
}

std::optional<WithdrawalParameters> withdrawal_parameters(const RunParameters& p) {
    if (!p.withdrawal)
        return std::nullopt;
    return WithdrawalParameters{p.withdrawal_flow_scale, p.withdrawal_exponent, p.withdrawal_half_life_s};
}

} // namespace levex
