// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthCurve.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace levex {

/// One side's liquidation triggers in the order a move reaches them (longs: highest price first;
/// shorts: lowest first), with their sizes in base: contiguous, for one pass.
struct TriggerLadder {
    std::vector<double> price;
    std::vector<double> size;
    std::vector<std::uint32_t> position; ///< whose trigger it is (the caller's index)
};

/// The exhaustion fixed point (docs/model.md §5): for a down move, the largest p <= S with
/// p = S·exp(-x_bid(Q + V(p))), V(p) the size of the triggers at or above p and Q an exogenous
/// sale walking the same depth (up moves mirror it). Φ∘V is monotone, so one pass down the sorted
/// ladder finds it. Successive calls with shocked index prices further from the start continue
/// from where the last one stopped, so a scan over many shocks costs one pass over the ladder in
/// all. `Curve` is any monotone depth with distance(q): log distance after consuming q base.
template <class Curve>
class BasicExhaustionScan {
public:
    BasicExhaustionScan(const TriggerLadder& ladder, const Curve& curve, bool down, double exogenous = 0.0)
        : ladder_(ladder), curve_(curve), down_(down), consumed_(exogenous) {}

    /// P* for index price `shocked`; each call's `shocked` must be at or beyond the previous one.
    double at(double shocked) {
        double p = shocked;
        for (;;) {
            // Every trigger the current price has reached adds its size; the curve answers with a price.
            while (next_ < ladder_.price.size() && reached(next_, p))
                consumed_ += ladder_.size[next_++];
            const double after = price_after(shocked);
            const bool more = next_ < ladder_.price.size() && reached(next_, after);
            p = after;
            if (!more)
                return p;
        }
    }

private:
    bool reached(std::size_t i, double p) const { return down_ ? ladder_.price[i] >= p : ladder_.price[i] <= p; }
    double price_after(double shocked) const {
        const double x = curve_.distance(consumed_);
        return down_ ? shocked * std::exp(-x) : shocked * std::exp(x);
    }

    const TriggerLadder& ladder_;
    const Curve& curve_;
    bool down_;
    std::size_t next_ = 0;
    double consumed_ = 0.0;
};

/// The scan on one side of a depth curve (the static book).
using ExhaustionScan = BasicExhaustionScan<DepthCurve>;

} // namespace levex
