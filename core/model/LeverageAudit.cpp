// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LeverageAudit.h"

#include "core/base/Parallel.h"

#include <cmath>

namespace levex {

namespace {
double entry_notional(const PositionBook& book, const VenueProfile& venue, std::size_t i) {
    return venue.contract == ContractKind::Inverse ? book.size[i] * venue.contract_size / book.entry_price[i]
                                                   : book.size[i] * book.entry_price[i];
}

// A liquidation price the start mark has already reached: the position goes at the first step of
// any run, shock or not.
bool crossed_at(double liquidation, double mark, bool is_long) {
    if (std::isnan(liquidation) || std::isnan(mark) || std::isinf(liquidation))
        return false;
    return is_long ? liquidation >= mark : liquidation <= mark;
}

// Positions [begin, end): their effective margin and leverage, and their flags.
void audit_rows(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels,
                const std::vector<double>& marks, const std::vector<double>& account_notional, LeverageAudit& audit,
                std::size_t begin, std::size_t end) {
    const double nan = std::nan("");
    for (std::size_t i = begin; i < end; ++i) {
        const bool cross = book.mode[i] == MarginMode::Cross;
        const std::uint32_t a = book.account[i];
        const double collateral = levels.margins.account_collateral[a];
        const double margin = cross ? collateral : levels.margins.margin[i];
        const double leverage = cross ? (collateral > 0 ? account_notional[a] / collateral : nan)
                                      : book.leverage[i] * book.margin[i] / margin;
        audit.effective_margin[i] = margin;
        audit.effective_leverage[i] = leverage;
        std::uint8_t flags = 0;
        const std::uint32_t s = book.symbol[i];
        if (crossed_at(levels.liquidation_price[i], s < marks.size() ? marks[s] : nan, book.side[i] > 0))
            flags |= kLiquidatableAtStart;
        // Within 1 % of the limit counts as at it: files round margins and wallets to the cent, so a
        // $4.84 wallet behind a 100x position reads as 100.05x (the bundled sample has hundreds).
        const double limit = venue.max_leverage_for(tier_measure(venue, book.size[i], book.entry_price[i]));
        if (leverage > limit * (1.0 + kLeverageLimitTolerance))
            flags |= kAboveMaxLeverage;
        audit.flags[i] = flags;
    }
}
} // namespace

LeverageAudit audit_leverage(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels,
                             const std::vector<double>& marks) {
    const std::size_t n = book.positions();
    std::vector<double> account_notional(book.accounts(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (book.mode[i] == MarginMode::Cross)
            account_notional[book.account[i]] += entry_notional(book, venue, i);
    LeverageAudit audit;
    audit.effective_leverage.resize(n);
    audit.effective_margin.resize(n);
    audit.flags.resize(n);
    // Each position on its own given its account's notional: on every core, then counted.
    parallel_for(n, [&](std::size_t begin, std::size_t end) {
        audit_rows(book, venue, levels, marks, account_notional, audit, begin, end);
    });
    for (const std::uint8_t flags : audit.flags) {
        audit.liquidatable_at_start += (flags & kLiquidatableAtStart) != 0;
        audit.above_max_leverage += (flags & kAboveMaxLeverage) != 0;
    }
    return audit;
}

} // namespace levex
