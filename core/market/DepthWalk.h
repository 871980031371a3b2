// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthCurve.h"
#include "core/market/StressWithdrawal.h"

#include <optional>

namespace levex {

/// A venue's book as its forced flow meets it (docs/model.md §2, docs/liquidity.md §3): the index,
/// the impact state, its resilience and the stress withdrawal. The state is the position along the
/// resting depth (base consumed at w = 1; selling > 0): the book price is index·exp(offset(state)).
/// Withdrawal thins the depth within 1 % of the index on each side (the band the measurements cover)
/// by w and spares the depth beyond it: inside the band an order of q moves the state by q / w and
/// pays w·∫exp(offset) along it, beyond it the resting depth is whole. A change of w alone leaves the
/// book price where it is and changes what the next order costs. Without withdrawal (w = 1) every
/// result equals the plain BookDepth walk bit for bit.
class DepthWalk {
public:
    /// `half_life_s`: resilience of the impact state (inf = permanent impact). With `withdrawal`,
    /// forced flow thins the depth (throws LiquidityError for parameters check_withdrawal() refuses).
    DepthWalk(BookDepth depth, double half_life_s, const std::optional<WithdrawalParameters>& withdrawal = {});

    /// The exogenous index for this step; the book price moves with it.
    void set_index(double index) { index_ = index; }
    double index() const { return index_; }
    /// Log offset of the book price from the index.
    double offset() const { return depth_.offset(consumed_); }
    double book_price() const { return index_ * std::exp(offset()); }
    /// A market order of `qty` base (side +1 sells into the bids, −1 buys the asks) walks the book at
    /// the current w: returns its volume-weighted price and moves the state; the flow then thins the
    /// depth (qty over the resting depth within 1 % of the side it hit).
    double fill(int side, double qty);
    /// Base a side's order fills before the book price reaches `price` (0 when it is already there).
    double fillable_to(int side, double price) const;
    /// Signed base a side's order fills from the state to resting-state `limit` at the current w
    /// (<= 0 when the state is already at or beyond it).
    double quantity_to_state(int side, double limit) const;
    /// The index moves by `log_move` while the book price stays: the permanent share of an impact.
    void shift_index(double log_move);
    /// `dt_s` seconds pass: the impact state decays with its half-life, withdrawn depth recovers.
    void advance(double dt_s);

    /// w in (0, 1]; 1 without withdrawal.
    double withdrawal() const { return withdrawal_ ? withdrawal_->factor() : 1.0; }
    /// The state: resting-depth base consumed (selling > 0).
    double consumed() const { return consumed_; }
    /// True when the impact state is within `fraction` of the resting bid depth within 1 %.
    bool at_rest(double fraction = 1e-9) const { return std::abs(consumed_) <= fraction * bid_depth_1pct_; }
    const BookDepth& depth() const { return depth_; }

private:
    /// The quantity of the thinned book from state 0 to state c (signed like c): w inside the band
    /// [−ask_depth_1pct_, bid_depth_1pct_], whole beyond it.
    double thinned(double c) const;
    /// The state whose thinned quantity from 0 is m: the inverse of thinned().
    double state_of(double m) const;

    BookDepth depth_;
    double half_life_s_;
    std::optional<StressWithdrawal> withdrawal_;
    double bid_depth_1pct_, ask_depth_1pct_; ///< resting base within 1 %: the unit of forced flow
    double index_ = 1.0, consumed_ = 0.0;
    double decay_dt_ = 0.0, decay_ = 1.0; ///< the last step length and its decay factor
};

} // namespace levex
