// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/TextColumn.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace levex {

enum class MarginMode : std::uint8_t { Isolated, Cross };

/// A snapshot of leveraged positions, stored as a struct of arrays so hot loops stream through
/// contiguous columns. Units (docs/formats.md §1): linear — prices and money in quote, size in base;
/// inverse — size in contracts, margin and collateral in the base coin.
/// "Absent" optional numbers are stored as NaN and never written out as NaN.
struct PositionBook {
    std::string source; ///< file the book was read from

    // Symbols: index -> name and the mark price at snapshot time (NaN when the file gave none).
    std::vector<std::string> symbol_names;
    std::vector<double> symbol_mark;

    // Accounts: index -> name and cross wallet balance (NaN when the account has no cross rows).
    TextColumn account_names;
    std::vector<double> account_collateral;

    // Positions, one entry per netted one-way position.
    TextColumn id;
    std::vector<std::uint32_t> account;
    std::vector<std::uint32_t> symbol;
    std::vector<std::int8_t> side;   ///< +1 long, -1 short
    std::vector<double> size;        ///< > 0
    std::vector<double> entry_price; ///< > 0
    std::vector<double> margin;      ///< isolated margin; 0 for cross rows
    std::vector<double> leverage;    ///< as given, or derived from margin (NaN for cross rows without one)
    std::vector<MarginMode> mode;
    std::vector<double> maint_margin_rate;          ///< explicit per-row rate, NaN = venue tiers
    std::vector<double> maint_amount;               ///< explicit per-row amount, NaN = venue tiers
    std::vector<double> exchange_liquidation_price; ///< the exchange's own figure, NaN = none
    std::vector<std::uint32_t> line;                ///< 1-based line of the row in the source file

    std::size_t positions() const { return id.size(); }
    std::size_t symbols() const { return symbol_names.size(); }
    std::size_t accounts() const { return account_names.size(); }
    bool is_long(std::size_t i) const { return side[i] > 0; }

    /// Index of a symbol by name, or npos.
    std::size_t find_symbol(const std::string& name) const;
    /// The symbol with the largest open interest at entry (what the app proposes to shock).
    std::size_t largest_symbol() const;

    void reserve(std::size_t n);
    /// Keeps only the positions with keep[i] != 0 (order preserved); drops unused accounts/symbols.
    void filter(const std::vector<std::uint8_t>& keep);

    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
};

} // namespace levex
