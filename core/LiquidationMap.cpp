// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/LiquidationMap.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace levex {

LiquidationMap build_liquidation_map(const PositionBook& book, const ContractSpec& contract,
                                     const LiquidationLevels& levels, std::size_t symbol, double mark, std::size_t bins,
                                     double span) {
    if (!(mark > 0) || bins == 0 || !(span > 0 && span < 1))
        throw std::invalid_argument("liquidation map needs a mark > 0, bins > 0 and a span in (0, 1)");
    LiquidationMap map;
    map.mark = mark;
    const double lo = std::log(mark * (1.0 - span)), hi = std::log(mark * (1.0 + span));
    const double width = (hi - lo) / double(bins);
    map.edges.resize(bins + 1);
    for (std::size_t b = 0; b <= bins; ++b)
        map.edges[b] = std::exp(lo + width * double(b));
    map.long_notional.assign(bins, 0.0);
    map.short_notional.assign(bins, 0.0);
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.symbol[i] != symbol)
            continue;
        double p = levels.liquidation_price[i];
        if (std::isnan(p)) {
            ++map.never_liquidated;
            continue;
        }
        const bool is_long = book.side[i] > 0;
        // Already past its level at the mark: it would go at the mark.
        if ((is_long && p >= mark) || (!is_long && p <= mark))
            p = mark;
        const double notional =
            std::isinf(p) ? contract.quote_notional(book.size[i], mark) : contract.quote_notional(book.size[i], p);
        const double x = (std::log(p) - lo) / width;
        if (x < 0 || x >= double(bins) || std::isinf(p)) {
            (is_long ? map.long_beyond : map.short_beyond) += notional;
            continue;
        }
        const auto b = std::min(bins - 1, static_cast<std::size_t>(x));
        (is_long ? map.long_notional : map.short_notional)[b] += notional;
    }
    return map;
}

} // namespace levex
