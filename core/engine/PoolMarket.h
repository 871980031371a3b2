// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeMarket.h"
#include "core/market/PoolWalk.h"
#include "core/model/RunParameters.h"

namespace levex {

/// An AMM pool as the venue (docs/liquidity.md §4): forced orders swap against it, its marginal
/// price is the book price, and arbitrage pulls it back toward the index with the half-life
/// (`half_life_s`; inf = no arbitrage). The run starts at the pool's own price. A permanent fraction
/// of each fill's move shifts the index toward the pool. Pools do not withdraw depth.
class PoolMarket final : public CascadeMarket {
public:
    /// Throws LiquidityError for a pool check_amm_pool() refuses.
    PoolMarket(const AmmPoolParameters& pool, const RunParameters& params);

    double start_price() const override { return start_; }
    void advance(double dt) override { walk_.advance(dt); }
    void set_index(double path_offset) override;
    double index() const override { return walk_.index(); }
    double book_offset() const override { return walk_.offset(); }
    double book_price() const override { return floor_(walk_.book_price()); }
    /// Throws LiquidityError (amm_base_reserve) for a purchase the pool cannot pay out.
    double fill(int side, double qty) override;
    double quantity_to(int side, double limit) const override;
    bool at_rest() const override;
    std::unique_ptr<ExhaustionSearch> exhaustion_search(const TriggerLadder& ladder, bool down,
                                                        double exogenous) const override;
    bool floor_hit() const override { return floor_.hit(); }

    const AmmPool& pool() const { return walk_.pool(); }

private:
    PoolWalk walk_;
    const AmmPool start_pool_; // as the run found it: where every exhaustion search starts
    const double start_;
    const double permanent_fraction_;
    const bool arbitrage_;
    PriceFloor floor_;
    double permanent_ = 0.0; // log move of the index from permanent impact
};

} // namespace levex
