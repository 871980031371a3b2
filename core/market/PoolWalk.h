// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/AmmPool.h"

#include <cmath>

namespace levex {

/// An AMM pool as a venue's depth (docs/liquidity.md §4), with the same operations as DepthWalk so
/// the cascade can run on either. The book price is the pool's marginal price: it does not follow
/// the index by itself; arbitrage pulls it back toward the index, the log gap halving every
/// `arbitrage_half_life_s` (inf: no arbitrage, the pool only moves with the venue's own flow).
class PoolWalk {
public:
    PoolWalk(AmmPool pool, double arbitrage_half_life_s);

    /// The exogenous index for this step; the pool's price stays where it is.
    void set_index(double index) { index_ = index; }
    double index() const { return index_; }
    double book_price() const { return pool_.marginal_price(); }
    double offset() const { return std::log(book_price() / index_); }
    /// A market order of `qty` base (side +1 sells into the pool, −1 buys from it): returns its
    /// average price (quote per base, fee included) and moves the pool. Throws LiquidityError
    /// (amm_base_reserve) for a purchase the pool cannot pay out.
    double fill(int side, double qty);
    /// Base a side's order fills before the pool's price reaches `price` (0 when already there).
    double fillable_to(int side, double price) const { return pool_.quantity_to_price(side, price); }
    /// The index moves by `log_move`; the pool's price stays (the permanent share of an impact).
    void shift_index(double log_move) { index_ *= std::exp(log_move); }
    /// `dt_s` seconds pass: arbitrage trades the pool along its invariant toward the index.
    void advance(double dt_s);

    /// Pools do not withdraw: always 1.
    double withdrawal() const { return 1.0; }
    /// True when the pool's price is within `fraction` (relative) of the index.
    bool at_rest(double fraction = 1e-9) const { return std::abs(offset()) <= fraction; }
    const AmmPool& pool() const { return pool_; }

private:
    AmmPool pool_;
    double half_life_s_;
    double index_;
};

/// A pool seen as cumulative depth from a state (docs/liquidity.md §4): the base a sale (side +1)
/// or purchase (−1) takes to move the marginal price by log distance x, and its inverse. Monotone,
/// so the exhaustion fixed point can walk it like a DepthCurve side.
class PoolDepth {
public:
    PoolDepth(AmmPool pool, int side) : pool_(std::move(pool)), side_(side), price_(pool_.marginal_price()) {}
    double depth(double x) const {
        return x > 0 ? pool_.quantity_to_price(side_, price_ * std::exp(side_ > 0 ? -x : x)) : 0.0;
    }
    double distance(double q) const { return q > 0 ? std::abs(std::log(pool_.price_after(side_, q) / price_)) : 0.0; }

private:
    AmmPool pool_;
    int side_;
    double price_;
};

} // namespace levex
