// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// Accounts of a lending protocol (docs/lending.md §1), stored as a struct of arrays: one row per
/// account and asset, the rows of an account contiguous (rows account_row_begin[a] up to
/// account_row_begin[a + 1]). Amounts are in the asset's own units; prices are the protocol oracle's
/// price of one unit in the book's base currency (ETH or USD), one price per asset.
/// Optional per-row terms are NaN when the row leaves them to the protocol profile.
struct LendingBook {
    std::string source; ///< file the book was read from

    // Assets: index -> name as written in the book, and its oracle price (> 0).
    std::vector<std::string> asset_names;
    std::vector<double> asset_price;

    // Accounts: index -> name, e-mode category (0 = none) and the protocol's own health factor
    // (shown beside the computed one, never used by a computation; NaN = not given, inf = no debt).
    std::vector<std::string> account_names;
    std::vector<std::uint32_t> account_emode;
    std::vector<double> account_protocol_health_factor;
    std::vector<std::uint32_t> account_row_begin; ///< accounts() + 1 offsets into the rows

    // Rows, grouped by account.
    std::vector<std::uint32_t> row_account;
    std::vector<std::uint32_t> row_asset;
    std::vector<double> collateral;               ///< >= 0, asset units
    std::vector<double> debt;                     ///< >= 0, asset units
    std::vector<double> liquidation_threshold;    ///< [0, 1) or NaN (the profile's)
    std::vector<double> liquidation_bonus;        ///< >= 1 or NaN (the profile's)
    std::vector<double> liquidation_protocol_fee; ///< [0, 1], a share of the bonus, or NaN (the profile's)
    std::vector<std::uint32_t> line;              ///< 1-based line of the row in its file (0 = generated)

    std::size_t rows() const { return row_account.size(); }
    std::size_t accounts() const { return account_names.size(); }
    std::size_t assets() const { return asset_names.size(); }
    std::size_t row_begin(std::size_t account) const { return account_row_begin[account]; }
    std::size_t row_end(std::size_t account) const { return account_row_begin[account + 1]; }

    /// Index of an asset by its exact name, or npos.
    std::size_t find_asset(std::string_view name) const;
    /// Index of an account by its exact name, or npos.
    std::size_t find_account(std::string_view name) const;

    /// Appends a row to the account last added (or a new account when `account` differs from it);
    /// for generators and tests, which add accounts in order. Keeps account_row_begin consistent.
    void add_row(std::uint32_t account, std::uint32_t asset, double collateral_units, double debt_units);
    /// Adds an account and returns its index; its rows follow with add_row().
    std::uint32_t add_account(std::string name, std::uint32_t emode = 0,
                              double protocol_health_factor = std::numeric_limits<double>::quiet_NaN());
    /// Adds an asset and returns its index.
    std::uint32_t add_asset(std::string name, double price);

    void reserve(std::size_t accounts, std::size_t rows);

    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
};

/// The balances and prices a liquidation changes, kept apart from the book so that many runs can
/// start from one book. Indexed like the book's rows and assets.
struct LendingState {
    std::vector<double> collateral;
    std::vector<double> debt;
    std::vector<double> price;

    /// The book as read: its balances and oracle prices.
    static LendingState of(const LendingBook& book);
};

} // namespace levex
