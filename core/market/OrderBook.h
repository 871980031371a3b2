// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthCurve.h"

#include <string>
#include <vector>

namespace levex {

/// An L2 snapshot (docs/formats.md §2): price levels with base sizes, bids descending, asks ascending,
/// equal prices merged.
struct OrderBook {
    std::string source;
    std::vector<double> bid_price, bid_size;
    std::vector<double> ask_price, ask_size;

    double mid() const { return 0.5 * (bid_price.front() + ask_price.front()); }
    /// The book as depth curves in base at `start_price`: levels become log distances from the
    /// snapshot's own mid, sizes are valued in quote at that mid and converted back to base at the
    /// run's start price; past the last level a V-shaped tail continues. (l2_depth() continues each
    /// side with the power law fitted to its own levels instead.)
    BookDepth depth_at(double start_price) const;
    /// One side's levels as depth_at() sees them: log distances from the mid, base sizes at `start_price`.
    void side_at(bool bids, double start_price, std::vector<double>& distances, std::vector<double>& sizes) const;
};

} // namespace levex
