// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthFit.h"

#include "core/base/Issue.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace levex {

DepthFit fit_depth(const std::vector<double>& distances, const std::vector<double>& cumulative) {
    const std::size_t n = distances.size();
    if (n < 2 || cumulative.size() != n)
        throw std::invalid_argument("a depth fit needs at least two levels");
    double mean_t = 0.0, mean_y = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!(distances[i] > 0) || !(cumulative[i] > 0) || (i > 0 && !(distances[i] > distances[i - 1])))
            throw std::invalid_argument("a depth fit needs depths > 0 at increasing distances > 0");
        mean_t += std::log(distances[i]);
        mean_y += std::log(cumulative[i]);
    }
    mean_t /= double(n);
    mean_y /= double(n);
    double stt = 0.0, sty = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = std::log(distances[i]) - mean_t, y = std::log(cumulative[i]) - mean_y;
        stt += t * t;
        sty += t * y;
        syy += y * y;
    }
    DepthFit fit;
    fit.levels = n;
    fit.exponent = sty / stt;
    fit.depth_within_1pct = std::exp(mean_y + fit.exponent * (std::log(0.01) - mean_t));
    // R² = 1 − SS_res / SS_tot; with one slope SS_res = syy − sty²/stt.
    fit.r2 = syy > 0 ? sty * sty / (stt * syy) : 1.0;
    return fit;
}

namespace {

DepthFit fit_side(const OrderBook& book, const std::vector<double>& price, const std::vector<double>& size, bool bids) {
    if (price.size() < 2)
        throw DataError({Severity::Error, book.source, 0, 0, "",
                         std::string("expected at least two ") + (bids ? "bid" : "ask") +
                             " levels to fit the depth beyond the snapshot, found " + std::to_string(price.size())});
    const double mid = book.mid();
    std::vector<double> x(price.size()), q(price.size());
    double total = 0.0;
    for (std::size_t i = 0; i < price.size(); ++i) {
        x[i] = bids ? std::log(mid / price[i]) : std::log(price[i] / mid);
        total += size[i] * mid;
        q[i] = total;
    }
    return fit_depth(x, q);
}

} // namespace

BookFit fit_order_book(const OrderBook& book) {
    return {fit_side(book, book.bid_price, book.bid_size, true), fit_side(book, book.ask_price, book.ask_size, false)};
}

} // namespace levex
