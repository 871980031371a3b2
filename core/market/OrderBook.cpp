// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/OrderBook.h"

#include <cmath>

namespace levex {

BookDepth OrderBook::depth_at(double start_price) const {
    const double m = mid();
    const double to_base = m / start_price;
    std::vector<double> x, q;
    for (std::size_t i = 0; i < bid_price.size(); ++i) {
        x.push_back(std::log(m / bid_price[i]));
        q.push_back(bid_size[i] * to_base);
    }
    DepthCurve bids = DepthCurve::from_levels(x, q);
    x.clear();
    q.clear();
    for (std::size_t i = 0; i < ask_price.size(); ++i) {
        x.push_back(std::log(ask_price[i] / m));
        q.push_back(ask_size[i] * to_base);
    }
    return {bids, DepthCurve::from_levels(x, q)};
}

} // namespace levex
