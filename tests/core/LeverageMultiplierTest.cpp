// SPDX-License-Identifier: GPL-3.0-or-later
// The leverage multiplier (docs/model.md §7): margins divided by k, held at each tier's max
// leverage, cross accounts capped as a whole.
#include "core/model/LeverageMultiplier.h"
#include "core/model/MarginModel.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace levex;
using levex::test::bundled_venue;

namespace {

// One cross account "x" with two positions of 1 @ 100 (notional 100 each) and a wallet of 20
// (10x), beside an isolated 1 @ 100 with margin 5 (20x).
PositionBook cross_pair_and_isolated() {
    PositionBook b;
    b.source = "test";
    b.symbol_names = {"BTC"};
    b.symbol_mark = {100.0};
    b.account_names = {"x", "i"};
    b.account_collateral = {20.0, std::nan("")};
    for (int row = 0; row < 3; ++row) {
        const bool cross = row < 2;
        b.id.push_back(std::string(1, 'p').append(std::to_string(row)));
        b.account.push_back(cross ? 0 : 1);
        b.symbol.push_back(0);
        b.side.push_back(row == 1 ? -1 : 1);
        b.size.push_back(1.0);
        b.entry_price.push_back(100.0);
        b.margin.push_back(cross ? 0.0 : 5.0);
        b.leverage.push_back(cross ? std::nan("") : 20.0);
        b.mode.push_back(cross ? MarginMode::Cross : MarginMode::Isolated);
        b.maint_margin_rate.push_back(std::nan(""));
        b.maint_amount.push_back(std::nan(""));
        b.exchange_liquidation_price.push_back(std::nan(""));
        b.line.push_back(static_cast<std::uint32_t>(row + 2));
    }
    return b;
}

} // namespace

TEST(LeverageMultiplier, TierMeasureFollowsTheVenuesBasis) {
    VenueProfile venue = bundled_venue("generic");
    EXPECT_DOUBLE_EQ(tier_measure(venue, 2.0, 50000.0), 100000.0); // linear: notional in quote
    venue.contract = ContractKind::Inverse;
    venue.contract_size = 100.0;
    EXPECT_DOUBLE_EQ(tier_measure(venue, 1000.0, 50000.0), 2.0); // inverse: coin value, 1000·100/50000
    venue.tier_basis = TierBasis::Quantity;
    EXPECT_DOUBLE_EQ(tier_measure(venue, 1000.0, 50000.0), 1000.0); // contracts
}

TEST(LeverageMultiplier, OneLeavesTheBookAsItIs) {
    const PositionBook book = cross_pair_and_isolated();
    const EffectiveMargins m = apply_leverage_multiplier(book, bundled_venue("generic"), 1.0);
    EXPECT_EQ(m.leverage_mult, 1.0);
    EXPECT_EQ(m.margin, (std::vector<double>{0.0, 0.0, 5.0}));
    EXPECT_EQ(m.account_collateral[0], 20.0);
    EXPECT_TRUE(std::isnan(m.account_collateral[1]));
    EXPECT_EQ(m.capped_count, 0u);
}

// k = 4 thins the isolated margin to 1.25 (80x) and the wallet to 5 (40x): both within generic's
// 100x. k = 10: the isolated 0.5 would be 200x, held at 1 (100x); the wallet's 2 would be 100x
// over a notional of 200, and the floor is 200/100 = 2, so it is not capped.
TEST(LeverageMultiplier, ThinsByKUntilTheTierMax) {
    const PositionBook book = cross_pair_and_isolated();
    const VenueProfile venue = bundled_venue("generic");
    const EffectiveMargins four = apply_leverage_multiplier(book, venue, 4.0);
    EXPECT_DOUBLE_EQ(four.margin[2], 1.25);
    EXPECT_DOUBLE_EQ(four.account_collateral[0], 5.0);
    EXPECT_EQ(four.capped_count, 0u);
    const EffectiveMargins ten = apply_leverage_multiplier(book, venue, 10.0);
    EXPECT_DOUBLE_EQ(ten.margin[2], 1.0);
    EXPECT_EQ(ten.capped[2], 1);
    EXPECT_DOUBLE_EQ(ten.account_collateral[0], 2.0);
    EXPECT_EQ(ten.capped[0], 0);
    EXPECT_EQ(ten.capped_count, 1u);
}

// A capped cross account counts each of its rows.
TEST(LeverageMultiplier, ACappedCrossAccountCountsEveryRow) {
    const PositionBook book = cross_pair_and_isolated();
    const EffectiveMargins m = apply_leverage_multiplier(book, bundled_venue("generic"), 20.0);
    EXPECT_DOUBLE_EQ(m.account_collateral[0], 2.0); // 20/20 = 1 < floor 2
    EXPECT_EQ(m.capped, (std::vector<std::uint8_t>{1, 1, 1}));
    EXPECT_EQ(m.capped_count, 3u);
}

// A less leveraged book (k < 1) is never capped, and a book already beyond a tier's limit is
// kept as given rather than raised to it.
TEST(LeverageMultiplier, CapsOnlyBiteWhenACushionIsThinned) {
    PositionBook book = cross_pair_and_isolated();
    const VenueProfile venue = bundled_venue("generic");
    const EffectiveMargins half = apply_leverage_multiplier(book, venue, 0.5);
    EXPECT_DOUBLE_EQ(half.margin[2], 10.0);
    EXPECT_DOUBLE_EQ(half.account_collateral[0], 40.0);
    EXPECT_EQ(half.capped_count, 0u);
    book.margin[2] = 0.5; // 200x as given
    const EffectiveMargins as_given = apply_leverage_multiplier(book, venue, 1.0);
    EXPECT_DOUBLE_EQ(as_given.margin[2], 0.5);
    EXPECT_EQ(as_given.capped[2], 0);
}

TEST(LeverageMultiplier, RefusesANonPositiveOrInfiniteMultiplier) {
    const PositionBook book = cross_pair_and_isolated();
    const VenueProfile venue = bundled_venue("generic");
    for (double k : {0.0, -1.0, std::numeric_limits<double>::infinity(), std::nan("")})
        EXPECT_THROW(apply_leverage_multiplier(book, venue, k), std::invalid_argument) << k;
}

// docs/model.md §7: the multiplier divides margins; the cap holds each position at its tier's max
// leverage (Hyperliquid BTC: 40x) and counts it.
TEST(LeverageMultiplier, ThinsMarginsAndCapsAtTheTierMax) {
    const VenueProfile venue = bundled_venue("hyperliquid-btc");
    test::BookBuilder builder(100000.0);
    builder.add(+1, 1, 100000, 10000); // 10x
    const PositionBook& book = builder.book();
    MarginSettings settings;
    settings.leverage_mult = 2.0;
    LiquidationLevels l = compute_liquidation_levels(book, venue, settings);
    EXPECT_DOUBLE_EQ(l.margins.margin[0], 5000.0);
    EXPECT_EQ(l.margins.capped_count, 0u);
    EXPECT_NEAR(l.liquidation_price[0], 95000.0 / 0.9875, 1e-9);
    settings.leverage_mult = 5.0; // 50x > 40x: held at 40x
    l = compute_liquidation_levels(book, venue, settings);
    EXPECT_DOUBLE_EQ(l.margins.margin[0], 2500.0);
    EXPECT_EQ(l.margins.capped_count, 1u);
    EXPECT_EQ(l.margins.capped[0], 1);
    settings.leverage_mult = 0.5; // less leverage: twice the margin
    l = compute_liquidation_levels(book, venue, settings);
    EXPECT_DOUBLE_EQ(l.margins.margin[0], 20000.0);
}
