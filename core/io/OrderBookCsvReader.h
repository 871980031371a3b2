// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/OrderBook.h"

#include <string>
#include <string_view>

namespace levex {

/// Reads `side,price,size` rows (side bid/ask, also buy/sell or b/a). Throws DataError with
/// FILE:LINE:COLUMN for bad rows, a crossed book, or a side without levels; IoError when unreadable.
OrderBook read_order_book_csv(const std::string& path);
OrderBook parse_order_book_csv(std::string_view bytes, const std::string& file);

} // namespace levex
