// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeMarket.h"
#include "core/market/DepthCurve.h"
#include "core/model/RunParameters.h"

namespace levex {

/// A venue's order book as depth curves (docs/model.md §2–§3): fills walk the curve from where the
/// flow so far has left it and pay the exact VWAP along it; the walked state (`consumed`, base)
/// fades towards the index with the half-life; a permanent fraction of each fill's move shifts the
/// index for good instead.
class DepthCurveMarket final : public CascadeMarket {
public:
    /// `depth` in base at `start_price`, kept by reference; `params` gives half_life_s,
    /// permanent_fraction and step_seconds (checked by the caller).
    DepthCurveMarket(const BookDepth& depth, double start_price, const RunParameters& params);

    double start_price() const override { return start_; }
    void advance(double dt) override;
    void set_index(double path_offset) override;
    double index() const override { return index_; }
    double book_offset() const override { return depth_.offset(consumed_); }
    double book_price() const override;
    double fill(int side, double qty) override;
    double quantity_to(int side, double limit) const override;
    bool at_rest() const override;
    double exhaustion_price(const TriggerLadder& ladder, double shocked, bool down) const override;
    bool floor_hit() const override { return floor_.hit(); }

    /// Base the flow has consumed: > 0 bids walked down, < 0 asks walked up.
    double consumed() const { return consumed_; }

private:
    double decay_over(double dt) const;

    const BookDepth& depth_;
    const double start_;
    const double half_life_s_;
    const double permanent_fraction_;
    const double step_seconds_;
    const double step_decay_;    // what is left of the walked state after one step
    const double rest_quantity_; // |consumed| at or below this counts as faded
    PriceFloor floor_;
    double index_;
    double permanent_ = 0.0; // log move of the index from permanent impact
    double consumed_ = 0.0;
};

} // namespace levex
