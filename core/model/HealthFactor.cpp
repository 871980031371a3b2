// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/HealthFactor.h"

#include <cmath>

namespace levex {

AccountHealth account_health(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                             std::size_t account) {
    AccountHealth h;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r) {
        const double price = state.price[book.row_asset[r]];
        const double lt = terms.liquidation_threshold[r];
        if (lt > 0.0) {
            const double value = state.collateral[r] * price;
            h.collateral_base += value;
            h.weighted_collateral_base += value * lt;
        }
        h.debt_base += state.debt[r] * price;
    }
    return h;
}

LiquidationLevel liquidation_level(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                                   std::size_t account, std::size_t asset, double health_factor) {
    double weighted_other = 0.0, debt_other = 0.0, weighted_units = 0.0, debt_units = 0.0;
    bool holds = false;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r) {
        const double lt = terms.liquidation_threshold[r];
        if (book.row_asset[r] == asset) {
            holds = true;
            weighted_units += state.collateral[r] * lt;
            debt_units += state.debt[r];
            continue;
        }
        const double price = state.price[book.row_asset[r]];
        weighted_other += state.collateral[r] * price * lt;
        debt_other += state.debt[r] * price;
    }
    LiquidationLevel level;
    const double denominator = weighted_units - health_factor * debt_units;
    if (!holds || denominator == 0.0)
        return level;
    level.direction = denominator > 0.0 ? 1 : -1;
    const double p = (health_factor * debt_other - weighted_other) / denominator;
    if (p > 0.0 && std::isfinite(p))
        level.price = p;
    return level;
}

double liquidation_price(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                         std::size_t account, std::size_t asset) {
    return liquidation_level(book, terms, state, account, asset).price;
}

std::size_t largest_collateral_row(const LendingBook& book, const LendingTerms& terms, const LendingState& state,
                                   std::size_t account) {
    std::size_t best = LendingBook::npos;
    double best_value = 0.0;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r) {
        const double value = state.collateral[r] * state.price[book.row_asset[r]];
        if (terms.liquidation_threshold[r] > 0.0 && value > best_value) {
            best = r;
            best_value = value;
        }
    }
    return best;
}

std::size_t largest_debt_row(const LendingBook& book, const LendingState& state, std::size_t account) {
    std::size_t best = LendingBook::npos;
    double best_value = 0.0;
    for (std::size_t r = book.row_begin(account); r < book.row_end(account); ++r) {
        const double value = state.debt[r] * state.price[book.row_asset[r]];
        if (value > best_value) {
            best = r;
            best_value = value;
        }
    }
    return best;
}

} // namespace levex
