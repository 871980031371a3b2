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

double DepthWalk::fill(int side, double qty) {
    const double w = withdrawal();
    const double c0 = consumed_, c1 = consumed_ + side * qty / w;
    const double integral = side > 0 ? depth_.price_integral(c0, c1) : depth_.price_integral(c1, c0);
    consumed_ = c1;
    if (withdrawal_)
        withdrawal_->absorb(qty / (side > 0 ? bid_depth_1pct_ : ask_depth_1pct_));
    return index_ * w * integral / qty;
}

double DepthWalk::fillable_to(int side, double price) const {
    const double limit = depth_.consumed_at(std::log(price / index_));
    return std::max(side > 0 ? limit - consumed_ : consumed_ - limit, 0.0) * withdrawal();
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
