// SPDX-License-Identifier: GPL-3.0-or-later
// The leverage audit (docs/model.md §7): the margin and leverage a run uses per position, and the
// positions liquidatable before any shock or above the venue's max leverage, counted once for
// both front ends.
#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using namespace levex;
using levex::test::bundled_venue;

namespace {

// Isolated BTC positions on the generic venue (one tier: 100x, 0.5 % maintenance), mark 99:
// p0 a 10x long from 100; p1 a 200x short from 100 (beyond the venue's 100x); p2 a 10x long from
// 120, whose liquidation price (about 108.5) the mark has already passed.
PositionBook three_isolated() {
    PositionBook b;
    b.source = "test";
    b.symbol_names = {"BTC"};
    b.symbol_mark = {99.0};
    b.account_names = {"a"};
    b.account_collateral = {std::nan("")};
    const double entry[] = {100.0, 100.0, 120.0}, margin[] = {10.0, 0.5, 12.0};
    const std::int8_t side[] = {1, -1, 1};
    for (std::size_t row = 0; row < 3; ++row) {
        b.id.push_back(std::string(1, 'p').append(std::to_string(row)));
        b.account.push_back(0);
        b.symbol.push_back(0);
        b.side.push_back(side[row]);
        b.size.push_back(1.0);
        b.entry_price.push_back(entry[row]);
        b.margin.push_back(margin[row]);
        b.leverage.push_back(entry[row] / margin[row]);
        b.mode.push_back(MarginMode::Isolated);
        b.maint_margin_rate.push_back(std::nan(""));
        b.maint_amount.push_back(std::nan(""));
        b.exchange_liquidation_price.push_back(std::nan(""));
        b.line.push_back(static_cast<std::uint32_t>(row + 2));
    }
    return b;
}

} // namespace

TEST(LeverageAudit, FlagsAndCountsWhatLooksWrongBeforeAnyShock) {
    const PositionBook book = three_isolated();
    const VenueProfile venue = bundled_venue("generic");
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    ASSERT_GT(levels.liquidation_price[2], 99.0); // the premise: p2's level is above the mark
    ASSERT_LT(levels.liquidation_price[0], 99.0);
    const LeverageAudit audit = audit_leverage(book, venue, levels, book.symbol_mark);
    EXPECT_EQ(audit.flags, (std::vector<std::uint8_t>{0, kAboveMaxLeverage, kLiquidatableAtStart}));
    EXPECT_EQ(audit.liquidatable_at_start, 1u);
    EXPECT_EQ(audit.above_max_leverage, 1u);
    EXPECT_DOUBLE_EQ(audit.effective_leverage[0], 10.0);
    EXPECT_DOUBLE_EQ(audit.effective_margin[0], 10.0);
    EXPECT_DOUBLE_EQ(audit.effective_leverage[1], 200.0);
    // A leverage a cent's rounding past the limit (100.5x against 100x) is not flagged.
    PositionBook rounded = book;
    rounded.margin[1] = 100.0 / 100.5;
    rounded.leverage[1] = 100.5;
    const LiquidationLevels rounded_levels = compute_liquidation_levels(rounded, venue);
    EXPECT_EQ(audit_leverage(rounded, venue, rounded_levels, rounded.symbol_mark).above_max_leverage, 0u);
    // An unknown mark judges nothing liquidatable at start.
    EXPECT_EQ(audit_leverage(book, venue, levels, {std::nan("")}).liquidatable_at_start, 0u);
}

TEST(LeverageAudit, TheMultiplierShowsInTheMarginAndLeverageUsed) {
    const PositionBook book = three_isolated();
    const VenueProfile venue = bundled_venue("generic");
    const LiquidationLevels levels = compute_liquidation_levels(book, venue, MarginSettings{2.0, 1.0});
    const LeverageAudit audit = audit_leverage(book, venue, levels, book.symbol_mark);
    EXPECT_DOUBLE_EQ(audit.effective_margin[0], 5.0); // halved
    EXPECT_DOUBLE_EQ(audit.effective_leverage[0], 20.0);
    EXPECT_DOUBLE_EQ(audit.effective_margin[1], 0.5); // beyond the limit already: kept as given
    EXPECT_EQ(audit.above_max_leverage, 1u);
}
