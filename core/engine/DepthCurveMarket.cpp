// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/DepthCurveMarket.h"

#include <cmath>

namespace levex {

DepthCurveMarket::DepthCurveMarket(BookDepth depth, double start_price, const RunParameters& params,
                                   const std::optional<WithdrawalParameters>& withdrawal)
    : walk_(std::move(depth), params.half_life_s, withdrawal), withdrawal_(withdrawal), start_(start_price),
      permanent_fraction_(params.permanent_fraction),
      fades_(!std::isinf(params.half_life_s) && std::exp2(-params.step_seconds / params.half_life_s) != 1.0),
      floor_(start_price) {
    walk_.set_index(start_price);
}

void DepthCurveMarket::set_index(double path_offset) {
    walk_.set_index(floor_(start_ * std::exp(path_offset + permanent_))); // exactly the start where nothing moved it
}

// Walks the curve at the current withdrawal; the permanent fraction of the move goes to the index,
// and the walked state is put back where the rest of the move leaves the book price.
double DepthCurveMarket::fill(int side, double qty) {
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

// Signed: <= 0 when the book is already at or beyond the limit. The thinned band holds w of its depth.
double DepthCurveMarket::quantity_to(int side, double limit) const {
    return walk_.quantity_to_state(side, walk_.depth().consumed_at(std::log(limit / walk_.index())));
}

// A step's decay that rounds to 1 never fades anything: waiting cannot help either. Withdrawn depth
// coming back changes no price by itself, so it does not keep a run going.
bool DepthCurveMarket::at_rest() const {
    return !fades_ || walk_.at_rest();
}

std::unique_ptr<ExhaustionSearch> DepthCurveMarket::exhaustion_search(const TriggerLadder& ladder, bool down,
                                                                      double exogenous) const {
    const DepthCurve& side = down ? walk_.depth().bids : walk_.depth().asks;
    if (!withdrawal_)
        return std::make_unique<CurveExhaustionSearch<DepthCurve>>(ladder, side, down, exogenous);
    // The bound with withdrawal: the resting book walked as far as a continuous walk through thinning depth goes.
    return std::make_unique<CurveExhaustionSearch<WithdrawnDepth>>(ladder, WithdrawnDepth(side, *withdrawal_), down,
                                                                   exogenous);
}

} // namespace levex
