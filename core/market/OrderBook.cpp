// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/OrderBook.h"

#include <cmath>

namespace levex {

void OrderBook::side_at(bool bids, double start_price, std::vector<double>& distances,
                        std::vector<double>& sizes) const {
    const double m = mid();
    const double to_base = m / start_price;
    const std::vector<double>& price = bids ? bid_price : ask_price;
    const std::vector<double>& size = bids ? bid_size : ask_size;
    distances.clear();
    sizes.clear();
    for (std::size_t i = 0; i < price.size(); ++i) {
        distances.push_back(bids ? std::log(m / price[i]) : std::log(price[i] / m));
        sizes.push_back(size[i] * to_base);
    }
}

BookDepth OrderBook::depth_at(double start_price) const {
    std::vector<double> x, q;
    side_at(true, start_price, x, q);
    DepthCurve bids = DepthCurve::from_levels(x, q);
    side_at(false, start_price, x, q);
    return {bids, DepthCurve::from_levels(x, q)};
}

} // namespace levex
