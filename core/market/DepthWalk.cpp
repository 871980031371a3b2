// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthWalk.h"

#include <algorithm>
#include <cmath>

namespace levex {

DepthWalk::DepthWalk(BookDepth depth, double half_life_s, const std::optional<WithdrawalParameters>& withdrawal)
    : depth_(std::move(depth)), half_life_s_(half_life_s), bid_depth_1pct_(depth_.bids.depth(0.01)),
      ask_depth_1pct_(depth_.asks.depth(0.01)) {
    if (withdrawal)
        withdrawal_.emplace(*withdrawal);
}

double DepthWalk::thinned(double c) const {
    const double inside = std::clamp(c, -ask_depth_1pct_, bid_depth_1pct_);
    return withdrawal() * inside + (c - inside);
}

double DepthWalk::state_of(double m) const {
    const double w = withdrawal();
    if (m > w * bid_depth_1pct_)
        return bid_depth_1pct_ + (m - w * bid_depth_1pct_);
    if (m < -w * ask_depth_1pct_)
        return -ask_depth_1pct_ + (m + w * ask_depth_1pct_);
    return m / w;
}

double DepthWalk::fill(int side, double qty) {
    const double w = withdrawal();
    const double c0 = consumed_;
    double proceeds = 0.0; // ∫ exp(offset) over the thinned quantity crossed
    if (w == 1.0) {
        consumed_ = c0 + side * qty;
        proceeds = side > 0 ? depth_.price_integral(c0, consumed_) : depth_.price_integral(consumed_, c0);
    } else {
        consumed_ = state_of(thinned(c0) + side * qty);
        // The crossed interval in three parts: beyond the asks' band, inside the band, beyond the bids'.
        const double lo = std::min(c0, consumed_), hi = std::max(c0, consumed_);
        const double a = -ask_depth_1pct_, b = bid_depth_1pct_;
        proceeds = depth_.price_integral(lo, std::min(hi, a)) +
                   w * depth_.price_integral(std::max(lo, a), std::min(hi, b)) +
                   depth_.price_integral(std::max(lo, b), hi);
    }
    if (withdrawal_)
        withdrawal_->absorb(qty / (side > 0 ? bid_depth_1pct_ : ask_depth_1pct_));
    return index_ * proceeds / qty;
}

double DepthWalk::quantity_to_state(int side, double limit) const {
    if (withdrawal() == 1.0)
        return side > 0 ? limit - consumed_ : consumed_ - limit;
    return side > 0 ? thinned(limit) - thinned(consumed_) : thinned(consumed_) - thinned(limit);
}

double DepthWalk::fillable_to(int side, double price) const {
    return std::max(quantity_to_state(side, depth_.consumed_at(std::log(price / index_))), 0.0);
}

void DepthWalk::shift_index(double log_move) {
    consumed_ = depth_.consumed_at(offset() - log_move);
    index_ *= std::exp(log_move);
}

void DepthWalk::advance(double dt_s) {
    if (dt_s != decay_dt_) {
        decay_dt_ = dt_s;
        decay_ = std::isinf(half_life_s_) ? 1.0 : std::exp2(-dt_s / half_life_s_);
    }
    consumed_ *= decay_;
    if (withdrawal_)
        withdrawal_->recover(dt_s);
}

} // namespace levex
