// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthFit.h"
#include "core/market/OrderBook.h"
#include "core/market/PriceGap.h"

namespace levex {

/// An L2 snapshot as a run's depth (docs/liquidity.md §2): its levels re-based to the run's start
/// price, each side continued past its last level by the power law fitted to that side's own
/// levels, through the book's edge.
struct L2Depth {
    BookDepth depth;       ///< base at the start price
    BookFit fit;           ///< per side: depth within 1 % (quote at the snapshot's mid), exponent, R²
    double bid_edge = 0.0; ///< log distance below the index where the snapshot's bids end (the tail begins)
    double ask_edge = 0.0; ///< the same above, for the asks
    PriceGap rebase;       ///< the snapshot's mid and the start price it was re-based to
};

/// Throws DataError when a side has fewer than two levels (nothing to fit).
L2Depth l2_depth(const OrderBook& book, double start_price);

/// The prices, at the run's start, of the last level of each side of an L2 snapshot re-based to
/// that start price: where the snapshot ends and the fitted tail begins (docs/liquidity.md §2).
/// The charts mark them. NaN for a side without levels.
struct SnapshotEnds {
    double bid_price = 0.0; ///< below the start price
    double ask_price = 0.0; ///< above it
};

SnapshotEnds snapshot_ends(const OrderBook& book, double start_price);

} // namespace levex
