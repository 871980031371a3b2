// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeMarket.h"
#include "core/market/DepthCurve.h"
#include "core/market/DepthWalk.h"
#include "core/model/RunParameters.h"

#include <optional>

namespace levex {

/// A venue's order book as depth curves (docs/model.md §2–§3, docs/liquidity.md §3): fills walk the
/// curve from where the flow so far has left it and pay the exact VWAP along it; the walked state
/// (`consumed`, base) fades towards the index with the half-life; a permanent fraction of each
/// fill's move shifts the index for good instead. With stress withdrawal the forced flow thins the
/// depth by w(t), which recovers with its own half-life; without it the book is static.
class DepthCurveMarket final : public CascadeMarket {
public:
    /// `depth` in base at `start_price` (copied); `params` gives half_life_s, permanent_fraction and
    /// step_seconds (checked by the caller). `withdrawal`: none = a static book (throws
    /// LiquidityError for parameters check_withdrawal() refuses).
    DepthCurveMarket(BookDepth depth, double start_price, const RunParameters& params,
                     const std::optional<WithdrawalParameters>& withdrawal = std::nullopt);

    double start_price() const override { return start_; }
    void advance(double dt) override { walk_.advance(dt); }
    void set_index(double path_offset) override;
    double index() const override { return walk_.index(); }
    double book_offset() const override { return walk_.offset(); }
    double book_price() const override { return floor_(walk_.book_price()); }
    double fill(int side, double qty) override;
    double quantity_to(int side, double limit) const override;
    bool at_rest() const override;
    std::unique_ptr<ExhaustionSearch> exhaustion_search(const TriggerLadder& ladder, bool down,
                                                        double exogenous) const override;
    bool floor_hit() const override { return floor_.hit(); }
    double withdrawal() const override { return walk_.withdrawal(); }

    /// Base the flow has consumed, at the resting depth: > 0 bids walked down, < 0 asks walked up.
    double consumed() const { return walk_.consumed(); }
    const BookDepth& depth() const { return walk_.depth(); }

private:
    DepthWalk walk_;
    const std::optional<WithdrawalParameters> withdrawal_;
    const double start_;
    const double permanent_fraction_;
    const bool fades_; // a step's decay below 1: waiting can change the book
    PriceFloor floor_;
    double permanent_ = 0.0; // log move of the index from permanent impact
};

} // namespace levex
