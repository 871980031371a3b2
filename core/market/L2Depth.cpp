// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/L2Depth.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace levex {

L2Depth l2_depth(const OrderBook& book, double start_price) {
    if (!(start_price > 0))
        throw std::invalid_argument("start price must be > 0");
    L2Depth out;
    out.fit = fit_order_book(book);
    std::vector<double> x, q;
    book.side_at(true, start_price, x, q);
    out.depth.bids = DepthCurve::from_levels(x, q, out.fit.bids.exponent);
    out.bid_edge = x.back();
    book.side_at(false, start_price, x, q);
    out.depth.asks = DepthCurve::from_levels(x, q, out.fit.asks.exponent);
    out.ask_edge = x.back();
    out.rebase = {book.mid(), start_price};
    return out;
}

SnapshotEnds snapshot_ends(const OrderBook& book, double start_price) {
    std::vector<double> x, q;
    SnapshotEnds out;
    book.side_at(true, start_price, x, q);
    out.bid_price = x.empty() ? std::numeric_limits<double>::quiet_NaN() : start_price * std::exp(-x.back());
    book.side_at(false, start_price, x, q);
    out.ask_price = x.empty() ? std::numeric_limits<double>::quiet_NaN() : start_price * std::exp(x.back());
    return out;
}

} // namespace levex
