// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>

namespace levex {

/// Gaps between two prices above this fraction get a notice (docs/liquidity.md §2, §4).
inline constexpr double kPriceGapNotice = 0.01;

/// A market input priced somewhere else than the run: an L2 snapshot taken at another mid (its
/// levels are re-based to the run's start price), or a pool whose price differs from the book's
/// mark (the run starts at the pool's price). The front ends show it when notable().
struct PriceGap {
    double source_price = 0.0; ///< the snapshot's mid, or the book's mark
    double run_price = 0.0;    ///< the price the run uses instead
    /// run_price / source_price − 1.
    double relative() const { return run_price / source_price - 1.0; }
    bool notable() const { return std::abs(relative()) > kPriceGapNotice; }
};

} // namespace levex
