// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"

#include <cstddef>
#include <cstdint>

namespace levex {

/// Settings of a synthetic stETH lending book (docs/lending.md §6). The shape is measured from the
/// bundled Aave samples of 19 June 2023 (1,811 accounts): which debt an account has (ETH only 23.0 %,
/// dollars only 70.8 %, both 6.2 %), its health factor given that (three quantile tables), its collateral
/// value (a quantile table from 0.013 to 216,847 ETH), how often part of it is ETH rather than stETH
/// (33.2 %, with the share drawn from its own table) and, under a profile with the ETH-correlated e-mode
/// category, which accounts use it (86 % of ETH-debt accounts, 43 % of mixed ones, 0.3 % of dollar ones).
struct LendingGeneratorSettings {
    std::size_t accounts = 10000;
    std::uint64_t seed = 1;
    double steth_price = 1.0; ///< the oracle's stETH price in ETH (the book's base)
    double eth_usd = 1719.57; ///< dollars per ETH: the USD debt asset is priced 1 / eth_usd ETH
};

/// Generates a book in ETH with the assets STETH, ETH and USD, priced by `settings` and judged by the
/// profile's terms (which must know the three assets): each account's debt is set so that its health
/// factor under the profile is the one drawn. Deterministic in the seed on every platform: account i
/// draws from its own counter-based stream. Throws std::invalid_argument for bad settings or a profile
/// that lacks one of the assets.
LendingBook generate_lending_book(const LendingGeneratorSettings& settings, const ProtocolProfile& profile);

/// The health factor at quantile u in [0, 1) of the samples' distribution for a debt kind: 0 ETH only,
/// 1 dollars only, 2 both (log-linear between the measured quantiles; above the 99th percentile, whose
/// accounts owe dust, the 99th percentile).
double sample_health_factor_quantile(int debt_kind, double u);

} // namespace levex
