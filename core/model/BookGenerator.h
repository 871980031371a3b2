// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace levex {

/// Settings of a synthetic book. The distribution (documented in the README) is BTC-perp-like:
/// 60 % longs; leverage by count 5x 15 %, 10x 30 %, 20x/25x 25 %, 50x 20 %, 100x/125x 10 % (capped
/// by the venue's max leverage at the position's notional); notionals from a lognormal body spliced
/// to a Pareto tail (α = 1.5) above `tail_scale`, scaled up at low leverage so that about half of open interest sits
/// below 10x; 30 % of accounts cross; entries taken from a simulated past hourly path, keeping only positions that the
/// path since their entry would not have liquidated.
struct GeneratorSettings {
    std::size_t positions = 30000;
    std::uint64_t seed = 1;
    double mark = 100000.0;
    std::string symbol = "BTCUSDT";
    double long_share = 0.60;
    double cross_share = 0.30;
    double median_notional = 3000.0; ///< quote, body of the size distribution at 20x
    double size_sigma = 1.5;         ///< log-space spread of the lognormal body
    double tail_probability = 0.04;  ///< share of sizes drawn from the Pareto tail
    double tail_scale = 50000.0;     ///< where body and tail meet: Pareto x_m (quote) before the leverage factor
    double tail_alpha = 1.5;
    double max_notional = 25e6;    ///< no single position above this (quote)
    double hourly_vol = 0.005;     ///< past path: about 2.4 % a day
    double mean_age_hours = 168.0; ///< positions opened a week ago on average
    std::size_t history_hours = 24 * 90;
};

/// Generates a book (linear contracts, one symbol, one account per position). Deterministic in
/// the seed on every platform: each position draws from its own counter-based stream.
PositionBook generate_book(const GeneratorSettings& settings, const VenueProfile& venue);

} // namespace levex
