// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/L2Depth.h"

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

} // namespace levex
