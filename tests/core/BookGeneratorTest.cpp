// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic book's target statistics (README, "Synthetic books"), on a large generated book.
#include "core/model/BookGenerator.h"
#include "core/model/MarginModel.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

using namespace levex;

namespace {

const PositionBook& large_book() {
    static const PositionBook book = [] {
        GeneratorSettings g;
        g.positions = 200000;
        g.seed = 99;
        return generate_book(g, test::bundled_venue("generic"));
    }();
    return book;
}

} // namespace

TEST(BookGenerator, LongShareIsSixtyPercent) {
    const PositionBook& b = large_book();
    const auto longs = std::count(b.side.begin(), b.side.end(), std::int8_t{1});
    EXPECT_NEAR(double(longs) / double(b.positions()), 0.60, 0.005);
}

TEST(BookGenerator, LeverageMixByCountAndMedian) {
    const PositionBook& b = large_book();
    std::map<std::string, double> share;
    for (double l : b.leverage)
        share[l < 7    ? "5x"
              : l < 15 ? "10x"
              : l < 30 ? "20-25x"
              : l < 75 ? "50x"
                       : "100x+"] += 1.0 / double(b.positions());
    EXPECT_NEAR(share["5x"], 0.15, 0.005);
    EXPECT_NEAR(share["10x"], 0.30, 0.005);
    EXPECT_NEAR(share["20-25x"], 0.25, 0.005);
    EXPECT_NEAR(share["50x"], 0.20, 0.005);
    EXPECT_NEAR(share["100x+"], 0.10, 0.005);
    std::vector<double> sorted = b.leverage;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    EXPECT_DOUBLE_EQ(sorted[sorted.size() / 2], 20.0);
    // Capped by the venue: generic allows 100x.
    EXPECT_DOUBLE_EQ(*std::max_element(b.leverage.begin(), b.leverage.end()), 100.0);
}

TEST(BookGenerator, AboutHalfOfOpenInterestIsBelowTenX) {
    const PositionBook& b = large_book();
    double below = 0, all = 0;
    for (std::size_t i = 0; i < b.positions(); ++i) {
        const double notional = b.size[i] * b.entry_price[i];
        all += notional;
        below += b.leverage[i] < 10 ? notional : 0.0;
    }
    EXPECT_NEAR(below / all, 0.5, 0.08);
}

TEST(BookGenerator, SizesHaveAParetoTailWithAlphaOneAndAHalf) {
    // Notionals divided by their leverage bucket's size factor share one spliced law: Pareto above
    // 50,000, lognormal below. The Hill estimator over the tail gives α.
    const PositionBook& b = large_book();
    auto factor = [](double leverage) {
        return leverage < 7 ? 5.0 : leverage < 15 ? 1.2 : leverage < 30 ? 1.0 : leverage < 75 ? 0.7 : 0.5;
    };
    std::vector<double> x;
    for (std::size_t i = 0; i < b.positions(); ++i)
        x.push_back(b.size[i] * b.entry_price[i] / factor(b.leverage[i]));
    std::sort(x.rbegin(), x.rend());
    constexpr double threshold = 50000.0 * 1.01; // clear of lot rounding at the splice
    double sum = 0;
    std::size_t k = 0;
    for (; x[k] > threshold && x[k] < 20e6; ++k) // below the 25M position cap
        sum += std::log(x[k] / threshold);
    EXPECT_NEAR(double(k) / double(x.size()), 0.04, 0.004);
    EXPECT_NEAR(double(k) / sum, 1.5, 0.06);
    // The body is lognormal around a median notional of about 3,000 (before the factor).
    EXPECT_NEAR(x[x.size() / 2], 3000.0, 150.0);
}

TEST(BookGenerator, ThirtyPercentOfAccountsAreCross) {
    const PositionBook& b = large_book();
    EXPECT_EQ(b.accounts(), b.positions());
    std::size_t cross = 0;
    for (double c : b.account_collateral)
        cross += !std::isnan(c);
    EXPECT_NEAR(double(cross) / double(b.accounts()), 0.30, 0.005);
}

TEST(BookGenerator, EntriesFollowAPlausiblePastAndNoneIsAlreadyLiquidated) {
    const PositionBook& b = large_book();
    const VenueProfile venue = test::bundled_venue("generic");
    const LiquidationLevels levels = compute_liquidation_levels(b, venue);
    std::size_t within = 0, past = 0;
    for (std::size_t i = 0; i < b.positions(); ++i) {
        within += std::abs(b.entry_price[i] / 100000.0 - 1.0) <= 0.15;
        const double liq = levels.liquidation_price[i];
        past += b.side[i] > 0 ? liq >= 100000.0 : liq <= 100000.0;
    }
    EXPECT_GT(double(within) / double(b.positions()), 0.85);
    EXPECT_EQ(past, 0u);
    EXPECT_DOUBLE_EQ(b.symbol_mark[0], 100000.0);
}

TEST(BookGenerator, SameSeedSameBookDifferentSeedDifferentBook) {
    GeneratorSettings g;
    g.positions = 1000;
    const VenueProfile venue = test::bundled_venue("generic");
    const PositionBook a = generate_book(g, venue), b = generate_book(g, venue);
    EXPECT_EQ(a.size, b.size);
    EXPECT_EQ(a.entry_price, b.entry_price);
    g.seed = 2;
    EXPECT_NE(generate_book(g, venue).size, a.size);
}

TEST(BookGenerator, TieredVenueCapsLeverageByNotional) {
    GeneratorSettings g;
    g.positions = 20000;
    const VenueProfile venue = test::bundled_venue("binance-usdm-btcusdt");
    const PositionBook b = generate_book(g, venue);
    for (std::size_t i = 0; i < b.positions(); ++i)
        ASSERT_LE(b.leverage[i], venue.max_leverage_for(b.size[i] * b.entry_price[i]) * 1.02) << i;
    EXPECT_DOUBLE_EQ(*std::max_element(b.leverage.begin(), b.leverage.end()), 125.0);
}

namespace {

// Share of open interest (notional at entry) of the positions whose leverage passes `keep`.
template <class Keep>
double oi_share(const PositionBook& b, Keep keep) {
    double kept = 0, all = 0;
    for (std::size_t i = 0; i < b.positions(); ++i) {
        const double notional = b.size[i] * b.entry_price[i];
        all += notional;
        kept += keep(b.leverage[i], b.side[i]) ? notional : 0.0;
    }
    return kept / all;
}

PositionBook mixed_book(LeverageMix mix) {
    GeneratorSettings g;
    g.positions = 100000;
    g.seed = 15;
    g.mix = mix;
    return generate_book(g, test::bundled_venue("generic"));
}

} // namespace

// Hyperliquid, 15 Dec 2025, by open interest: 36 % at ≤ 3x, 48 % at 3–7x, 15 % above (the 99 %
// published, scaled to 1).
TEST(BookGenerator, HyperliquidMixByOpenInterest) {
    const PositionBook b = mixed_book(LeverageMix::Hyperliquid2025);
    EXPECT_NEAR(oi_share(b, [](double l, int) { return l <= 3; }), 0.36 / 0.99, 0.03);
    EXPECT_NEAR(oi_share(b, [](double l, int) { return l > 3 && l <= 7; }), 0.48 / 0.99, 0.03);
    EXPECT_NEAR(oi_share(b, [](double l, int) { return l > 7; }), 0.15 / 0.99, 0.03);
}

// BitMEX, 2019: notional-weighted average leverage 22–30x; 80 % of longs at or below 54x.
TEST(BookGenerator, BitmexMixByOpenInterest) {
    const PositionBook b = mixed_book(LeverageMix::Bitmex2019);
    double weighted = 0, all = 0, longs = 0, longs_low = 0;
    for (std::size_t i = 0; i < b.positions(); ++i) {
        const double notional = b.size[i] * b.entry_price[i];
        weighted += notional * b.leverage[i];
        all += notional;
        if (b.side[i] > 0) {
            longs += notional;
            longs_low += b.leverage[i] <= 54 ? notional : 0.0;
        }
    }
    EXPECT_GE(weighted / all, 22.0);
    EXPECT_LE(weighted / all, 30.0);
    EXPECT_NEAR(longs_low / longs, 0.80, 0.03);
}

// --oi: the open interest, both sides at the mark, is the one asked for within the lot rounding;
// the retail mix without it is the book as before (the CLI test checks the bundled sample byte for byte).
TEST(BookGenerator, OpenInterestIsScaledToTheOneAskedFor) {
    GeneratorSettings g;
    g.positions = 30000;
    g.seed = 20251010;
    g.open_interest = 16e9;
    const PositionBook b = generate_book(g, test::bundled_venue("generic"));
    double oi = 0;
    for (double size : b.size)
        oi += size * g.mark;
    EXPECT_NEAR(oi / 16e9, 1.0, 1e-3);
    g.open_interest = -1;
    EXPECT_THROW(generate_book(g, test::bundled_venue("generic")), std::invalid_argument);
    for (LeverageMix mix : {LeverageMix::Retail, LeverageMix::Hyperliquid2025, LeverageMix::Bitmex2019})
        EXPECT_EQ(leverage_mix_from_name(leverage_mix_name(mix)), mix);
    EXPECT_FALSE(leverage_mix_from_name("degen"));
}
