// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/PoolMarket.h"

#include <cmath>
#include <limits>

namespace levex {

namespace {

// A pool as depth for the fixed point, from a state: a purchase the pool cannot pay out lies
// infinitely far.
class PoolSideDepth {
public:
    PoolSideDepth(const AmmPool& pool, int side) : depth_(pool, side), limit_(side > 0 ? 0.0 : pool.max_purchase()) {}
    double distance(double q) const {
        return limit_ > 0 && !(q < limit_) ? std::numeric_limits<double>::infinity() : depth_.distance(q);
    }

private:
    PoolDepth depth_;
    double limit_; ///< purchases only: the largest the pool can pay out is below it
};

// The pool's fixed point for each shock afresh: with arbitrage the walk starts from the pool brought
// to the shocked index; without, from the pool as it is (an index move alone does not move it).
class PoolExhaustionSearch final : public ExhaustionSearch {
public:
    PoolExhaustionSearch(const TriggerLadder& ladder, const AmmPool& pool, bool down, double exogenous, bool arbitrage)
        : ladder_(ladder), pool_(pool), down_(down), exogenous_(exogenous), arbitrage_(arbitrage) {}

    double at(double shocked) override {
        AmmPool from = pool_;
        if (arbitrage_)
            from.move_to_price(shocked);
        const PoolSideDepth side(from, down_ ? +1 : -1);
        BasicExhaustionScan<PoolSideDepth> scan(ladder_, side, down_, exogenous_);
        return scan.at(from.marginal_price());
    }

private:
    const TriggerLadder& ladder_;
    AmmPool pool_;
    bool down_;
    double exogenous_;
    bool arbitrage_;
};

AmmPool scaled_pool(AmmPoolParameters pool, double depth_scale) {
    pool.base_reserve *= depth_scale;
    pool.quote_reserve *= depth_scale;
    return AmmPool(pool);
}

} // namespace

PoolMarket::PoolMarket(const AmmPoolParameters& pool, const RunParameters& params)
    : walk_(scaled_pool(pool, params.depth_scale), params.half_life_s), start_pool_(walk_.pool()),
      start_(walk_.pool().marginal_price()), permanent_fraction_(params.permanent_fraction),
      arbitrage_(!std::isinf(params.half_life_s)), floor_(start_) {}

void PoolMarket::set_index(double path_offset) {
    walk_.set_index(floor_(start_ * std::exp(path_offset + permanent_)));
}

double PoolMarket::fill(int side, double qty) {
    const double y0 = walk_.offset();
    const double vwap = floor_(walk_.fill(side, qty));
    if (permanent_fraction_ > 0) {
        const double moved = permanent_fraction_ * (walk_.offset() - y0);
        permanent_ += moved;
        walk_.shift_index(moved);
        walk_.set_index(floor_(walk_.index()));
    }
    return vwap;
}

double PoolMarket::quantity_to(int side, double limit) const {
    return walk_.fillable_to(side, limit);
}

// Without arbitrage nothing moves the pool between orders: waiting changes nothing.
bool PoolMarket::at_rest() const {
    return !arbitrage_ || walk_.at_rest();
}

std::unique_ptr<ExhaustionSearch> PoolMarket::exhaustion_search(const TriggerLadder& ladder, bool down,
                                                                double exogenous) const {
    return std::make_unique<PoolExhaustionSearch>(ladder, start_pool_, down, exogenous, arbitrage_);
}

} // namespace levex
