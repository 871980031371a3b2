// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace levex {

/// Settings of a synthetic book. The distribution (documented in the README) is BTC-perp-like:
/// 60 % longs; leverage by count 5x 15 %, 10x 30 %, 20x/25x 25 %, 50x 20 %, 100x/125x 10 % (capped
/// by the venue's max leverage at the position's notional); notionals from a lognormal body spliced
/// to a Pareto tail (α = 1.5) above `tail_scale`, scaled up at low leverage so that about half of open interest sits
/// below 10x; 30 % of accounts cross; entries taken from a simulated past hourly path, keeping only positions that the
/// path since their entry would not have liquidated.
/// The leverage distribution of a generated book (README, "Generated books"): by open interest,
/// each a published market's or the generator's own.
enum class LeverageMix {
    Retail,          ///< the generator's own BTC-perp-like mix below (an assumption)
    Hyperliquid2025, ///< Hyperliquid, 15 Dec 2025: 36 % of open interest at ≤ 3x, 48 % at 3–7x, 15 % above
    Bitmex2019,      ///< BitMEX, 2019: notional-weighted average 22–30x, 80 % of longs at or below 54x
};

/// "retail", "hyperliquid-2025", "bitmex-2019".
const char* leverage_mix_name(LeverageMix mix);
/// The mix of one of those names, or nullopt.
std::optional<LeverageMix> leverage_mix_from_name(std::string_view name);

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
    LeverageMix mix = LeverageMix::Retail;
    /// Scale every notional so that the book's open interest (both sides' sizes at the mark, as
    /// the run's open_interest series counts it) is this many quote, within the lot rounding; NaN:
    /// the sizes as drawn.
    double open_interest = std::numeric_limits<double>::quiet_NaN();
};

/// Generates a book (linear contracts, one symbol, one account per position). Deterministic in
/// the seed on every platform: each position draws from its own counter-based stream. Throws
/// std::invalid_argument for a mark or an open interest that is not a finite number > 0.
PositionBook generate_book(const GeneratorSettings& settings, const VenueProfile& venue);

} // namespace levex
