// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/HealthFactor.h"
#include "core/model/LendingBook.h"
#include "core/model/LendingTerms.h"
#include "core/model/ProtocolProfile.h"

#include <cstddef>
#include <cstdint>

namespace levex {

enum class LiquidationOutcome : std::uint8_t {
    Liquidated,
    Healthy,        ///< health factor not below the profile's threshold
    NoDebt,         ///< nothing to repay
    NothingToSeize, ///< no collateral whose threshold is above 0
    DustRule        ///< v3.3: every allowed repay would leave less than the minimum leftover
};

/// One liquidation call (docs/lending.md §3): the liquidator repays part of the largest debt and
/// receives the largest collateral at a bonus; the protocol keeps its fee share of the bonus.
struct LiquidationStep {
    LiquidationOutcome outcome = LiquidationOutcome::Healthy;
    std::size_t account = 0;
    std::size_t debt_row = LendingBook::npos;
    std::size_t collateral_row = LendingBook::npos;
    double debt_repaid = 0.0;           ///< units of the debt asset
    double collateral_seized = 0.0;     ///< units of the collateral asset leaving the account (fee included)
    double bonus = 0.0;                 ///< units: the part of the seized collateral above the repaid value
    double protocol_fee = 0.0;          ///< units: the protocol's share of the bonus
    double liquidator_collateral = 0.0; ///< units the liquidator receives: collateral_seized − protocol_fee
    double health_factor_before = 0.0;
    double health_factor_after = 0.0; ///< after the repay and seizure, before any bad debt is written off
    bool collateral_exhausted = false;
    double bad_debt_base = 0.0; ///< debt left when no collateral is: written off (base currency)
    // The same amounts in the book's base currency at the state's prices.
    double debt_repaid_base = 0.0;
    double collateral_seized_base = 0.0;
    double bonus_base = 0.0;
    double protocol_fee_base = 0.0;
};

struct LiquidationOptions {
    /// Units of the profile's base currency one unit of the book's base is worth (the v3.3 base-value
    /// rules are in USD: 1,719.57 for a book in ETH on 19 June 2023; 1 when the bases agree).
    double protocol_base_per_book_unit = 1.0;
    /// false: plan the call as if the account were liquidatable (what a liquidator could repay now).
    bool require_liquidatable = true;
};

/// Plans one liquidation of `account` at the state's balances and prices without changing them.
LiquidationStep plan_liquidation(const LendingBook& book, const LendingTerms& terms, const ProtocolProfile& profile,
                                 const LendingState& state, std::size_t account,
                                 const LiquidationOptions& options = {});

/// Applies a planned liquidation: moves the repaid debt and seized collateral out of the account and,
/// when its collateral is exhausted, writes off the debt left (bad debt).
void apply_liquidation(const LendingBook& book, const LiquidationStep& step, LendingState& state);

/// plan_liquidation() then apply_liquidation() when the outcome is Liquidated.
LiquidationStep liquidate_account(const LendingBook& book, const LendingTerms& terms, const ProtocolProfile& profile,
                                  LendingState& state, std::size_t account, const LiquidationOptions& options = {});

} // namespace levex
