// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// A replayed price path (DESIGN §3.3): times in seconds, prices > 0, times strictly increasing.
struct PriceSeries {
    std::string source;
    std::vector<double> time_s;
    std::vector<double> price;

    /// Linear interpolation at time t (clamped to the ends).
    double at(double t) const;
    double duration_s() const { return time_s.empty() ? 0.0 : time_s.back() - time_s.front(); }
};

/// Reads a price series CSV: a header with a time column (`open_time` in ms as in Binance klines,
/// or `time_ms`, or `time`/`timestamp` in seconds) and a price column (`close` or `price`).
/// Throws DataError (FILE:LINE:COLUMN: expected …, found …) on bad input, IoError when unreadable.
PriceSeries read_price_series_csv(const std::string& path);
PriceSeries parse_price_series_csv(std::string_view bytes, const std::string& file);

} // namespace levex
