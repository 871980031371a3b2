// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"
#include "core/model/LendingTerms.h"

#include <cstddef>
#include <limits>

namespace levex {

/// An account's totals in the book's base currency (docs/lending.md §3). Collateral counts only where
/// its threshold is above 0, as Aave counts it.
struct AccountHealth {
    double collateral_base = 0.0;          ///< Σ collateral · price
    double weighted_collateral_base = 0.0; ///< Σ collateral · price · threshold
    double debt_base = 0.0;                ///< Σ debt · price
    /// Σ collateral · price · threshold / Σ debt · price; infinite without debt.
    double health_factor() const {
        return debt_base > 0.0 ? weighted_collateral_base / debt_base : std::numeric_limits<double>::infinity();
    }
};

/// The totals of one account at the state's balances and prices.
AccountHealth account_health(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                             std::size_t account);

/// The price of `asset` at which the account's health factor reaches 1 with every other price held:
/// p = (D_other − CLT_other) / (coll_s · LT_s − debt_s). Above the current price when the account borrowed
/// more of the asset than its collateral of it carries (it is liquidated on a rise), below it when net
/// long. NaN when the account holds none of the asset, the denominator is 0 or p would be <= 0.
double liquidation_price(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                         std::size_t account, std::size_t asset);

/// Where an account's health factor reaches a given value as one asset's price moves, every other
/// price held: `price` (NaN when it never does) and `direction`, +1 when it is reached on a fall (the
/// account is net long the asset: more threshold-weighted collateral of it than debt), -1 on a rise
/// (it borrowed the asset), 0 when the health factor does not depend on the asset's price.
struct LiquidationLevel {
    double price = std::numeric_limits<double>::quiet_NaN();
    int direction = 0;
};

/// The level at which the health factor reaches `health_factor` (docs/lending.md §3, with 1 replaced
/// by it): p = (h·D_other − CLT_other) / (coll_s·LT_s − h·debt_s).
LiquidationLevel liquidation_level(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                                   std::size_t account, std::size_t asset, double health_factor = 1.0);

/// The row of `account` with the largest collateral value among rows whose threshold is above 0, or
/// npos when it has none (Aave's liquidators take the largest collateral).
std::size_t largest_collateral_row(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                                   std::size_t account);
/// The row of `account` with the largest debt value, or npos without debt.
std::size_t largest_debt_row(const LendingBook& book, const LendingState& state, std::size_t account);

} // namespace levex
