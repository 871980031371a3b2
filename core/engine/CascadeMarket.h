// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/ExhaustionSolver.h"

#include <memory>
#include <utility>

namespace levex {

/// The lowest price a run reaches, as a fraction of the start mark: forced selling that would drive
/// the price to zero stops here and the summary says so (price_floor_hit).
inline constexpr double kPriceFloorFraction = 1e-9;

/// Holds prices at or above the run's floor and remembers whether one had to be held.
class PriceFloor {
public:
    explicit PriceFloor(double start_price) : level_(start_price * kPriceFloorFraction) {}

    // A book emptied by forced selling would otherwise reach 0 (exp underflow), where inverse PnL
    // and the log-price axis have no value. NaN passes through: the tests look for it, the floor
    // must not hide it.
    double operator()(double price) const {
        if (!(price < level_))
            return price;
        hit_ = true;
        return level_;
    }
    double level() const { return level_; }
    bool hit() const { return hit_; }

private:
    double level_;
    mutable bool hit_ = false;
};

/// A running search for the exhaustion fixed point (docs/model.md §5) over one side's triggers:
/// at(shocked) for index prices `shocked` at or beyond the previous call's (a sweep's cells in
/// order of growing shock), each the fixed point a run from that shock is bounded by.
class ExhaustionSearch {
public:
    virtual ~ExhaustionSearch() = default;
    virtual double at(double shocked) = 0;
};

/// The search on a fixed monotone depth: one incremental scan, the depth owned beside it.
template <class Curve>
class CurveExhaustionSearch final : public ExhaustionSearch {
public:
    CurveExhaustionSearch(const TriggerLadder& ladder, Curve curve, bool down, double exogenous)
        : curve_(std::move(curve)), scan_(ladder, curve_, down, exogenous) {}
    double at(double shocked) override { return scan_.at(shocked); }

private:
    Curve curve_; // before scan_, which keeps a reference to it
    BasicExhaustionScan<Curve> scan_;
};

/// The market a cascade trades against (docs/model.md §2–§4): the index, how a forced market order
/// fills, where the book price sits after the fills, and how impact fades with time. The cascade's
/// liquidation logic (triggers, ADL, backstop, takeovers, settlement) talks to the market through
/// this interface alone, so another market (another depth law, depth withdrawn under stress, an
/// AMM pool, exogenous volume) slots in by implementing it.
///
/// A market starts at rest at its start price (the prepared book's start mark). Within a step the
/// cascade calls, in order: advance() (not on the first step), set_index(), then any number of
/// book_offset(), fill() and quantity_to(), then book_price() and at_rest(). Implementations keep
/// fill() free of allocation: it runs once per liquidation.
class CascadeMarket {
public:
    virtual ~CascadeMarket() = default;

    /// The price the market starts from.
    virtual double start_price() const = 0;
    /// Moves time on by `dt` seconds, between steps: transient impact fades.
    virtual void advance(double dt) = 0;
    /// Places the index for this step: the exogenous path's log move `path_offset` from the start
    /// price, plus whatever the market's own fills moved it for good.
    virtual void set_index(double path_offset) = 0;
    /// The index price now.
    virtual double index() const = 0;
    /// ln(book price / index): where the venue's book sits after the fills so far (< 0 after selling).
    virtual double book_offset() const = 0;
    /// The book price now, index · exp(book_offset()), at or above the floor.
    virtual double book_price() const = 0;
    /// Executes a market order of `qty` base (> 0): side +1 sells into the bids, -1 buys the asks.
    /// Returns its volume-weighted price (at or above the floor) and moves the market.
    virtual double fill(int side, double qty) = 0;
    /// Base quantity a market order of `side` can take before the book price reaches `limit`
    /// (<= 0 when the price is already at or beyond it): an IOC order limited there fills this much.
    virtual double quantity_to(int side, double limit) const = 0;
    /// True when waiting changes nothing: the transient impact has faded, or never fades.
    virtual bool at_rest() const = 0;
    /// The exhaustion fixed point (docs/model.md §5) over one side's triggers (`ladder` holds the
    /// longs when `down`, else the shorts), from this market's start state, with an exogenous order
    /// of `exogenous` base (>= 0) walking the same side first. Where the run can go less far than
    /// the fixed point (decaying impact, withdrawn depth recovering, arbitrage) it is a bound.
    /// The search keeps references to `ladder`, which must outlive it.
    virtual std::unique_ptr<ExhaustionSearch> exhaustion_search(const TriggerLadder& ladder, bool down,
                                                                double exogenous = 0.0) const = 0;
    /// The fixed point from index price `shocked` alone.
    double exhaustion_price(const TriggerLadder& ladder, double shocked, bool down, double exogenous = 0.0) const {
        return exhaustion_search(ladder, down, exogenous)->at(shocked);
    }
    /// True when a price the market gave had to be held at the floor.
    virtual bool floor_hit() const = 0;
    /// The factor w in (0, 1] resting depth is scaled by now (docs/liquidity.md §3); 1 for a static
    /// book or a pool.
    virtual double withdrawal() const { return 1.0; }
};

} // namespace levex
