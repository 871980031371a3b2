// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
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

/// The leverage multiplier's figures one position at a time, with only the per-account ones kept:
/// preparing one symbol of a large book needs each cushion once and would otherwise hold a copy of
/// the margin column. apply_leverage_multiplier is built on it, so both give the same bits.
class LeverageMultiplier {
public:
    /// Throws std::invalid_argument unless k is finite and > 0. `book` must outlive this.
    LeverageMultiplier(const PositionBook& book, const VenueProfile& venue, double k);

    /// Isolated margin of position i after the multiplier, and whether the tier's floor held it
    /// (0 and false for a cross row: its cushion is its account's collateral).
    std::pair<double, bool> margin_and_capped(std::size_t i) const;
    double margin(std::size_t i) const { return margin_and_capped(i).first; }
    /// Cross wallet of account a after the multiplier (NaN for accounts without cross rows).
    double account_collateral(std::size_t a) const {
        return collateral_ ? (*collateral_)[a] : book_.account_collateral[a];
    }
    bool account_capped(std::size_t a) const { return !account_capped_.empty() && account_capped_[a]; }
    /// Positions capped (a capped cross account counts each of its rows).
    std::size_t capped_count() const { return capped_count_; }
    /// The figures of every position and account, as columns.
    EffectiveMargins columns() const;

private:
    // thinned = given / k, held at least at min(given, floor): {cushion, capped}.
    std::pair<double, bool> thin(double given, double floor) const;
    double floor_margin(std::size_t i) const;

    const PositionBook& book_;
    const VenueProfile& venue_;
    double k_;
    std::unique_ptr<std::vector<double>> collateral_; // null: the book's own (k = 1 leaves it as it is)
    std::vector<std::uint8_t> account_capped_;        // empty: none
    std::size_t capped_count_ = 0;
};

/// Applies leverage multiplier `k` (> 0; 1 leaves the book as it is). Caps only ever bite when the
/// multiplier thins a cushion: a book already beyond a tier's limit is kept as given.
EffectiveMargins apply_leverage_multiplier(const PositionBook& book, const VenueProfile& venue, double k);

/// A position's size in the units the venue's tiers are bracketed in, at price p.
double tier_measure(const VenueProfile& venue, double size, double price);

} // namespace levex
