// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingLiquidation.h"

#include <algorithm>
#include <cmath>

namespace levex {
namespace {

// The most of the debt row's units one call may repay (docs/lending.md §3): Aave v2 and v3.0-3.2 allow
// the close factor of the reserve's debt (all of it at or below the full-close health factor); v3.3 allows
// the close factor of the account's whole debt, capped by the reserve's, and all of it when the health
// factor is at or below 0.95 or when the reserve's debt or the seized collateral is worth under 2,000 base.
double max_repay_units(const CloseFactorRule& rule, double health_factor, double debt_units, double debt_price,
                       double total_debt_base, double collateral_base, double base_scale) {
    const bool full_by_health =
        !std::isnan(rule.full_at_or_below_health_factor) && health_factor <= rule.full_at_or_below_health_factor;
    if (rule.basis == CloseFactorBasis::ReserveDebt)
        return debt_units * (full_by_health ? 1.0 : rule.close_factor);
    const double debt_base = debt_units * debt_price;
    const bool small = !std::isnan(rule.full_below_base) && (collateral_base * base_scale < rule.full_below_base ||
                                                             debt_base * base_scale < rule.full_below_base);
    if (full_by_health || small)
        return debt_units;
    const double cap_base = total_debt_base * rule.close_factor;
    return debt_base > cap_base ? cap_base / debt_price : debt_units;
}

} // namespace

LiquidationStep plan_liquidation(const LendingBook& book, const LendingTerms& terms, const ProtocolProfile& profile,
                                 const LendingState& state, std::size_t account, const LiquidationOptions& options) {
    LiquidationStep s;
    s.account = account;
    const AccountHealth health = account_health(book, terms, state, account);
    s.health_factor_before = s.health_factor_after = health.health_factor();
    if (!(health.debt_base > 0.0)) {
        s.outcome = LiquidationOutcome::NoDebt;
        return s;
    }
    if (options.require_liquidatable && !(s.health_factor_before < profile.liquidatable_below)) {
        s.outcome = LiquidationOutcome::Healthy;
        return s;
    }
    s.debt_row = largest_debt_row(book, state, account);
    s.collateral_row = largest_collateral_row(book, terms, state, account);
    if (s.collateral_row == LendingBook::npos) {
        s.outcome = LiquidationOutcome::NothingToSeize;
        return s;
    }
    const std::size_t d = s.debt_row, c = s.collateral_row;
    const double pd = state.price[book.row_asset[d]], pc = state.price[book.row_asset[c]];
    const double debt_units = state.debt[d], collateral_units = state.collateral[c];
    const double bonus = terms.liquidation_bonus[c], fee_share = terms.protocol_fee[c];
    const double scale = options.protocol_base_per_book_unit;

    double repay = max_repay_units(profile.close_factor, s.health_factor_before, debt_units, pd, health.debt_base,
                                   collateral_units * pc, scale);
    // Seize repaid · p_debt / p_coll · bonus; when that is more than the collateral, the repay shrinks to match.
    double seized = repay * pd / pc * bonus;
    if (seized >= collateral_units) {
        seized = collateral_units;
        repay = std::min(debt_units, collateral_units * pc / (pd * bonus));
    }
    // v3.3: a call that clears neither reserve must leave at least the minimum of each; the liquidator
    // repays less until it does (or cannot liquidate this pair at all).
    const double leftover = profile.close_factor.min_leftover_base;
    if (!std::isnan(leftover) && repay < debt_units && seized < collateral_units &&
        ((debt_units - repay) * pd * scale < leftover || (collateral_units - seized) * pc * scale < leftover)) {
        const double by_debt = debt_units - leftover / (pd * scale);
        const double by_collateral = (collateral_units - leftover / (pc * scale)) * pc / (pd * bonus);
        repay = std::min({repay, by_debt, by_collateral});
        if (!(repay > 0.0)) {
            s.outcome = LiquidationOutcome::DustRule;
            return s;
        }
        seized = repay * pd / pc * bonus;
    }

    s.outcome = LiquidationOutcome::Liquidated;
    s.debt_repaid = repay;
    s.collateral_seized = seized;
    s.bonus = seized - seized / bonus;
    s.protocol_fee = s.bonus * fee_share;
    s.liquidator_collateral = seized - s.protocol_fee;
    s.debt_repaid_base = repay * pd;
    s.collateral_seized_base = seized * pc;
    s.bonus_base = s.bonus * pc;
    s.protocol_fee_base = s.protocol_fee * pc;

    const double lt = terms.liquidation_threshold[c];
    const double weighted_after = std::max(0.0, health.weighted_collateral_base - seized * pc * lt);
    const double debt_after = std::max(0.0, health.debt_base - repay * pd);
    s.health_factor_after = debt_after > 0.0 ? weighted_after / debt_after : std::numeric_limits<double>::infinity();
    // Exhausted: the seized row was the last collateral with a threshold above 0.
    s.collateral_exhausted = seized >= collateral_units;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account) && s.collateral_exhausted; ++r)
        if (r != c && terms.liquidation_threshold[r] > 0.0 && state.collateral[r] > 0.0)
            s.collateral_exhausted = false;
    if (s.collateral_exhausted)
        s.bad_debt_base = debt_after;
    return s;
}

void apply_liquidation(const LendingBook& book, const LiquidationStep& step, LendingState& state) {
    if (step.outcome != LiquidationOutcome::Liquidated)
        return;
    state.debt[step.debt_row] = std::max(0.0, state.debt[step.debt_row] - step.debt_repaid);
    state.collateral[step.collateral_row] =
        step.collateral_exhausted ? 0.0 : std::max(0.0, state.collateral[step.collateral_row] - step.collateral_seized);
    if (step.collateral_exhausted)
        for (std::size_t r = book.row_begin(step.account); r < book.row_end(step.account); ++r)
            state.debt[r] = 0.0;
}

LiquidationStep liquidate_account(const LendingBook& book, const LendingTerms& terms, const ProtocolProfile& profile,
                                  LendingState& state, std::size_t account, const LiquidationOptions& options) {
    LiquidationStep step = plan_liquidation(book, terms, profile, state, account, options);
    apply_liquidation(book, step, state);
    return step;
}

} // namespace levex
