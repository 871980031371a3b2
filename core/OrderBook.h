// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/DepthCurve.h"

#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// An L2 snapshot (DESIGN §3.2): price levels with base sizes, bids descending, asks ascending,
/// equal prices merged.
struct OrderBook {
    std::string source;
    std::vector<double> bid_price, bid_size;
    std::vector<double> ask_price, ask_size;

    double mid() const { return 0.5 * (bid_price.front() + ask_price.front()); }
    /// The book as depth curves in base at `start_price`: levels become log distances from the
    /// snapshot's own mid, sizes are valued in quote at that mid and converted back to base at the
    /// run's start price; past the last level a V-shaped tail continues.
    BookDepth depth_at(double start_price) const;
};

/// Reads `side,price,size` rows (side bid/ask, also buy/sell or b/a). Throws DataError with
/// FILE:LINE:COLUMN for bad rows, a crossed book, or a side without levels; IoError when unreadable.
OrderBook read_order_book_csv(const std::string& path);
OrderBook parse_order_book_csv(std::string_view bytes, const std::string& file);

} // namespace levex
