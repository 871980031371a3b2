// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"
#include "core/model/LendingTerms.h"
#include "core/model/ProtocolProfile.h"
#include "core/model/RunParameters.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace levex {

/// How a run's liquidators behave and how the books' rules are read (docs/lending.md §7), from the
/// run parameters of the same keys.
struct LiquidatorSettings {
    double protocol_base_value = 1.0; ///< protocol_base_value: protocol base per unit of the book's base
    double gas_cost_base = 0.0;       ///< liquidator_gas_cost_base
    double sell_share = 1.0;          ///< liquidator_sell_share
    bool only_when_profitable = false;
    double oracle_passthrough = std::numeric_limits<double>::quiet_NaN(); ///< NaN: the profile's

    static LiquidatorSettings of(const RunParameters& params);
};

/// One lending book laid out for cascades of one shocked asset (docs/lending.md §7): its protocol's
/// terms resolved, the shocked asset's oracle rule, and per account where its health factor crosses
/// the protocol's threshold as that asset's oracle price moves. Built once per book, profile, asset
/// and settings; many runs reuse it.
struct PreparedLendingBook {
    std::shared_ptr<const LendingBook> book;
    ProtocolProfile profile;
    std::string label; ///< names the book in summaries, logs and messages (its file or snapshot)
    LendingTerms terms;
    LiquidatorSettings settings;
    std::size_t asset = LendingBook::npos; ///< the shocked asset in this book; npos: it holds none
    OracleRule oracle;                     ///< that asset's oracle, with the run's pass-through
    double start_price = 0.0;              ///< its oracle price in the book (0 when it holds none)

    // Per account, at the book's prices.
    std::vector<double> health_factor;  ///< at the start
    std::vector<double> liquidation;    ///< the oracle price where the health factor reaches the threshold (NaN: none)
    std::vector<std::int8_t> direction; ///< +1 reached on a fall, -1 on a rise, 0 never
    /// Units of the shocked asset the account's first liquidation at that price sends to the market:
    /// the liquidator's sale of seized collateral (falls) or its purchase of repaid debt (rises).
    std::vector<double> first_flow;

    std::size_t accounts() const { return health_factor.size(); }
    /// The threshold below which an account is liquidated.
    double threshold() const { return profile.liquidatable_below; }
};

/// Finds the asset called `symbol` in a book: by its name (any case), else by the profile asset it
/// stands for (a symbol or an alias: wstETH and STETH are one reserve). npos when the book has none.
std::size_t find_book_asset(const LendingBook& book, const ProtocolProfile& profile, const std::string& symbol);

/// The asset a run shocks when it names none: the one with the largest collateral value in `book`
/// (collateral whose threshold is above 0). Empty for a book without collateral.
std::string largest_collateral_asset(const LendingBook& book, const LendingTerms& terms);

/// Prepares `book` under `profile` for runs that shock `symbol`. Throws DataError when the profile
/// cannot price a row (resolve_lending_terms).
PreparedLendingBook prepare_lending_book(std::shared_ptr<const LendingBook> book, const ProtocolProfile& profile,
                                         std::string label, const std::string& symbol,
                                         const LiquidatorSettings& settings);

} // namespace levex
