// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/PriceSeries.h"

#include <string>
#include <string_view>

namespace levex {

/// Reads a price series CSV: a header with a time column (`open_time` in ms as in Binance klines,
/// or `time_ms`, or `time`/`timestamp` in seconds) and a price column (`close` or `price`).
/// Throws DataError (FILE:LINE:COLUMN: expected …, found …) on bad input, IoError when unreadable.
PriceSeries read_price_series_csv(const std::string& path);
PriceSeries parse_price_series_csv(std::string_view bytes, const std::string& file);

} // namespace levex
