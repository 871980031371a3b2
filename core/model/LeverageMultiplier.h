// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace levex {

/// Margins after "tweak leverage" (docs/model.md §7): isolated margins and cross collateral divided by
/// k, each position's leverage capped by the max leverage of its tier at entry notional.
struct EffectiveMargins {
    double leverage_mult = 1.0;
    std::vector<double> margin;             ///< per position (0 for cross rows)
    std::vector<double> account_collateral; ///< per account (NaN for accounts without cross rows)
    std::vector<std::uint8_t> capped;       ///< per position: its cushion was held at the tier's max leverage
    std::size_t capped_count = 0;           ///< positions capped (a capped cross account counts each of its rows)
};

/// Applies leverage multiplier `k` (> 0; 1 leaves the book as it is). Caps only ever bite when the
/// multiplier thins a cushion: a book already beyond a tier's limit is kept as given.
EffectiveMargins apply_leverage_multiplier(const PositionBook& book, const VenueProfile& venue, double k);

/// A position's size in the units the venue's tiers are bracketed in, at price p.
double tier_measure(const VenueProfile& venue, double size, double price);

} // namespace levex
