// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/OrderBook.h"
#include "core/market/PriceSeries.h"

#include <optional>

namespace levex {

/// The market data a run reads from files, loaded before it starts: the engine never opens a file.
struct MarketInputs {
    std::optional<OrderBook> l2_book;        ///< set when the depth model is an L2 snapshot
    std::optional<PriceSeries> price_series; ///< set when a price series drives the index
};

} // namespace levex
