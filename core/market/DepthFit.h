// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/OrderBook.h"

#include <cstddef>
#include <vector>

namespace levex {

/// A power law D(x) = D1·(x / 1 %)^k fitted to cumulative depth by least squares of ln D on ln x
/// (docs/liquidity.md §2).
struct DepthFit {
    double depth_within_1pct = 0.0; ///< D1, in the unit of the cumulative depths given
    double exponent = 0.0;          ///< k
    double r2 = 0.0;                ///< of the fit in logs
    std::size_t levels = 0;         ///< points fitted
};

/// Fits cumulative depths (> 0, increasing) at log distances (> 0, increasing). Throws
/// std::invalid_argument with fewer than two points or a bad point.
DepthFit fit_depth(const std::vector<double>& distances, const std::vector<double>& cumulative);

/// Both sides of an L2 snapshot, depth in quote at the snapshot's own mid: each level's log distance
/// from the mid and the quote resting up to it. Throws DataError (located in the snapshot's file)
/// when a side has fewer than two levels.
struct BookFit {
    DepthFit bids, asks;
};
BookFit fit_order_book(const OrderBook& book);

} // namespace levex
