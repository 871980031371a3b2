// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/DepthCurveMarket.h"

#include <cmath>

namespace levex {

DepthCurveMarket::DepthCurveMarket(const BookDepth& depth, double start_price, const RunParameters& params)
    : depth_(depth), start_(start_price), half_life_s_(params.half_life_s),
      permanent_fraction_(params.permanent_fraction), step_seconds_(params.step_seconds),
      step_decay_(decay_over(params.step_seconds)), rest_quantity_(1e-9 * depth.bids.depth(0.01)), floor_(start_price),
      index_(start_price) {}

double DepthCurveMarket::decay_over(double dt) const {
    return std::isinf(half_life_s_) ? 1.0 : std::exp2(-dt / half_life_s_);
}

void DepthCurveMarket::advance(double dt) {
    consumed_ *= dt == step_seconds_ ? step_decay_ : decay_over(dt);
}

void DepthCurveMarket::set_index(double path_offset) {
    index_ = floor_(start_ * std::exp(path_offset + permanent_)); // exactly the start where nothing moved it
}

double DepthCurveMarket::book_price() const {
    return floor_(index_ * std::exp(depth_.offset(consumed_)));
}

// Walks the curve from c0 to c1; the permanent fraction of the move goes to the index, and the
// walked state is put back where the rest of the move leaves the book price.
double DepthCurveMarket::fill(int side, double qty) {
    const double c0 = consumed_, c1 = consumed_ + side * qty;
    const double integral = side > 0 ? depth_.price_integral(c0, c1) : depth_.price_integral(c1, c0);
    const double vwap = floor_(index_ * integral / qty);
    if (permanent_fraction_ > 0) {
        const double y0 = depth_.offset(c0), y1 = depth_.offset(c1);
        const double moved = permanent_fraction_ * (y1 - y0);
        permanent_ += moved;
        index_ = floor_(index_ * std::exp(moved));
        consumed_ = depth_.consumed_at(y1 - moved);
    } else {
        consumed_ = c1;
    }
    return vwap;
}

double DepthCurveMarket::quantity_to(int side, double limit) const {
    const double at_limit = depth_.consumed_at(std::log(limit / index_));
    return side > 0 ? at_limit - consumed_ : consumed_ - at_limit;
}

// A step's decay that rounds to 1 never fades anything: waiting cannot help either.
bool DepthCurveMarket::at_rest() const {
    return step_decay_ == 1.0 || std::abs(consumed_) <= rest_quantity_;
}

double DepthCurveMarket::exhaustion_price(const TriggerLadder& ladder, double shocked, bool down) const {
    ExhaustionScan scan(ladder, down ? depth_.bids : depth_.asks, down);
    return scan.at(shocked);
}

} // namespace levex
