// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ContractSpec.h"
#include "core/MarginModel.h"
#include "core/PositionBook.h"

#include <cstddef>
#include <vector>

namespace levex {

/// Open liquidation notional (quote, at the liquidation price) per price band for one symbol:
/// what forced selling (longs) or buying (shorts) would hit the book at each level.
struct LiquidationMap {
    double mark = 0.0;
    std::vector<double> edges;          ///< bins+1 price edges, log-spaced, ascending
    std::vector<double> long_notional;  ///< per bin
    std::vector<double> short_notional; ///< per bin
    double long_beyond = 0.0;           ///< long notional liquidating below the lowest edge
    double short_beyond = 0.0;          ///< short notional liquidating above the highest edge
    std::size_t never_liquidated = 0;   ///< positions with no liquidation price
};

/// Bins the liquidation levels of `symbol` over mark·(1 ± span) (log-spaced); positions already
/// past their level at the mark fall into the bin of the mark. `span` in (0, 1).
LiquidationMap build_liquidation_map(const PositionBook& book, const ContractSpec& contract,
                                     const LiquidationLevels& levels, std::size_t symbol, double mark, std::size_t bins,
                                     double span);

} // namespace levex
