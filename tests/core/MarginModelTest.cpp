// SPDX-License-Identifier: GPL-3.0-or-later
// Liquidation and bankruptcy prices (docs/model.md §1) against exchanges' published worked examples.
#include "core/model/MarginModel.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::bundled_venue;
using levex::test::data_path;
using levex::test::read_fixture;

// Binance USDⓈ-M FAQ "How to calculate liquidation price": one cross wallet with a BTC and an ETH
// long; each price holds the other symbol at its mark.
TEST(MarginModel, BinanceCrossAccountFaq) {
    const VenueProfile venue = bundled_venue("generic");
    const PositionBook book = read_fixture("published/binance_cross_faq.csv", venue);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    ASSERT_EQ(book.positions(), 2u);
    EXPECT_NEAR(levels.liquidation_price[0], 26316.89, 0.005);
    EXPECT_NEAR(levels.liquidation_price[1], 1153.26, 0.005);
    EXPECT_DOUBLE_EQ(levels.maint_margin_rate[0], 0.025);
    EXPECT_DOUBLE_EQ(levels.maint_amount[1], 135365.0);
    // Binance's own closed form for the BTC position: (WB - TMM1 + UPNL1 + cum - Q·E) / (Q·mmr - Q).
    const double tmm1 = 3683.979 * 1335.18 * 0.1 - 135365, upnl1 = 3683.979 * (1335.18 - 1456.84);
    const double expected = (1535443.01 - tmm1 + upnl1 + 16300 - 109.488 * 32481.98) / (109.488 * 0.025 - 109.488);
    EXPECT_NEAR(levels.liquidation_price[0], expected, 1e-9 * expected);
}

// Bybit "Liquidation Price (USDT Contract)", isolated, maintenance at entry: 1 BTC @ 20,000 at 50x
// with mmr 0.5 % liquidates at 19,700; a 50x long @ 10,000 goes bankrupt at 9,800.
TEST(MarginModel, BybitIsolatedEntryBasis) {
    const VenueProfile venue = bundled_venue("bybit-linear-btcusdt");
    ASSERT_EQ(venue.maintenance_basis, MaintenanceBasis::Entry);
    const PositionBook book = read_fixture("published/bybit_isolated_entry.csv", venue);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    EXPECT_NEAR(levels.liquidation_price[0], 19700.0, 1e-9);
    EXPECT_NEAR(levels.bankruptcy_price[0], 19600.0, 1e-9);
    EXPECT_NEAR(levels.bankruptcy_price[1], 9800.0, 1e-9);
}

// Binance COIN-M FAQ: wallet 101 BTC, long 100,000 contracts of 100 USD @ 45,000, mmr 12.5 %,
// maintenance amount 11.605 BTC -> 33,599.4 (P = N·(m+1) / (WB + cum + N/E)).
TEST(MarginModel, BinanceCoinMarginedInverse) {
    const VenueProfile venue = load_venue_profile(data_path("venues/binance-coinm-btcusd.json"), "");
    const PositionBook book = read_fixture("published/binance_coinm_inverse.csv", venue);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    EXPECT_NEAR(levels.liquidation_price[0], 33599.4, 0.05);
    const double n = 100000.0 * 100.0;
    EXPECT_NEAR(levels.liquidation_price[0], n * 1.125 / (101 + 11.605 + n / 45000), 1e-7);
    EXPECT_NEAR(levels.bankruptcy_price[0], n / (101 + n / 45000), 1e-7);
}

// Hyperliquid docs: 1 BTC long @ 100,000 with 10,000 isolated margin, max leverage 40 so
// mmr = 1/(2·40) = 1.25 % -> liquidation at 90,000 / 0.9875 = 91,139.2405.
TEST(MarginModel, HyperliquidIsolated) {
    const VenueProfile venue = bundled_venue("hyperliquid-btc");
    const PositionBook book = read_fixture("published/hyperliquid_isolated.csv", venue);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    EXPECT_NEAR(levels.liquidation_price[0], 91139.2405, 5e-5);
    EXPECT_DOUBLE_EQ(levels.maint_margin_rate[0], 0.0125);
    EXPECT_DOUBLE_EQ(levels.bankruptcy_price[0], 90000.0);
}

namespace {

// A one-position book built in code.
PositionBook single(int side, double size, double entry, double margin) {
    PositionBook book;
    book.source = "test";
    book.symbol_names = {"BTCUSDT"};
    book.symbol_mark = {entry};
    book.account_names = {"a"};
    book.account_collateral = {std::nan("")};
    book.id = {"p"};
    book.account = {0};
    book.symbol = {0};
    book.side = {static_cast<std::int8_t>(side)};
    book.size = {size};
    book.entry_price = {entry};
    book.margin = {margin};
    book.leverage = {size * entry / margin};
    book.mode = {MarginMode::Isolated};
    book.maint_margin_rate = {std::nan("")};
    book.maint_amount = {std::nan("")};
    book.exchange_liquidation_price = {std::nan("")};
    book.line = {2};
    return book;
}

} // namespace

// With Binance's tiers the bracket is the one holding the notional at the liquidation price, not at
// entry: 10 BTC @ 100,000 at 20x is tier 3 (800k-3M) at entry and still tier 3 at ~95,470.
TEST(MarginModel, TierSearchUsesTheNotionalAtTheLiquidationPrice) {
    const VenueProfile venue = bundled_venue("binance-usdm-btcusdt");
    {
        const LiquidationLevels l = compute_liquidation_levels(single(+1, 10, 100000, 50000), venue);
        EXPECT_NEAR(l.liquidation_price[0], (1e6 - 50000 - 1500) / (10 * (1 - 0.0065)), 1e-6);
        EXPECT_DOUBLE_EQ(l.maint_margin_rate[0], 0.0065);
    }
    {
        // 8.2 BTC @ 100,000 (820k, tier 3 at entry) at 5x: liquidates near 80,400, where the notional
        // (~659k) is in tier 2 (300k-800k, mmr 0.5 %, cum 300).
        const LiquidationLevels l = compute_liquidation_levels(single(+1, 8.2, 100000, 164000), venue);
        const double p = (820000.0 - 164000 - 300) / (8.2 * (1 - 0.005));
        EXPECT_NEAR(l.liquidation_price[0], p, 1e-6);
        EXPECT_LT(8.2 * p, 800000.0);
        EXPECT_DOUBLE_EQ(l.maint_margin_rate[0], 0.005);
        EXPECT_DOUBLE_EQ(l.maint_amount[0], 300.0);
    }
    {
        // A short's notional grows as price rises: 7.5 BTC @ 100,000 (750k, tier 2) at 4x liquidates
        // near 124,000, notional ~930k: tier 3.
        const LiquidationLevels l = compute_liquidation_levels(single(-1, 7.5, 100000, 187500), venue);
        const double p = (750000.0 + 187500 + 1500) / (7.5 * (1 + 0.0065));
        EXPECT_NEAR(l.liquidation_price[0], p, 1e-6);
        EXPECT_GT(7.5 * p, 800000.0);
    }
}

TEST(MarginModel, FullyCollateralisedLongIsNeverLiquidated) {
    const VenueProfile venue = bundled_venue("generic");
    const LiquidationLevels l = compute_liquidation_levels(single(+1, 1, 100, 100), venue);
    EXPECT_TRUE(std::isnan(l.liquidation_price[0]));
    EXPECT_TRUE(std::isnan(l.bankruptcy_price[0]));
    // A 1x short is still liquidated (at about twice the entry).
    const LiquidationLevels s = compute_liquidation_levels(single(-1, 1, 100, 100), venue);
    EXPECT_NEAR(s.liquidation_price[0], 200.0 / 1.005, 1e-9);
    EXPECT_DOUBLE_EQ(s.bankruptcy_price[0], 200.0);
}

TEST(MarginModel, FeeInMaintenanceAddsToTheRate) {
    VenueProfile venue = bundled_venue("generic");
    venue.fee_in_maintenance = 0.0005;
    const LiquidationLevels l = compute_liquidation_levels(single(+1, 1, 100, 10), venue);
    EXPECT_NEAR(l.liquidation_price[0], 90.0 / (1 - 0.0055), 1e-12);
    EXPECT_DOUBLE_EQ(l.maint_margin_rate[0], 0.0055);
}

TEST(MarginModel, MmrScaleScalesTheWholeRequirement) {
    const VenueProfile venue = bundled_venue("generic");
    MarginSettings settings;
    settings.mmr_scale = 2.0;
    const LiquidationLevels l = compute_liquidation_levels(single(+1, 1, 100, 10), venue, settings);
    EXPECT_NEAR(l.liquidation_price[0], 90.0 / 0.99, 1e-12);
}

TEST(MarginModel, CrossAccountWithAMissingMarkIsAnError) {
    const VenueProfile venue = bundled_venue("generic");
    PositionBook book = read_fixture("published/binance_cross_faq.csv", venue);
    book.symbol_mark[1] = std::nan("");
    try {
        compute_liquidation_levels(book, venue);
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.issue().line, 3u);
        EXPECT_NE(std::string(e.what()).find("expected a mark_price for ETHUSDT"), std::string::npos) << e.what();
    }
}

// Liquidation happens where equity meets maintenance: check the identity on every position of a
// generated book under Binance's tiers.
TEST(MarginModel, EquityEqualsMaintenanceAtTheLiquidationPrice) {
    const VenueProfile venue = bundled_venue("binance-usdm-btcusdt");
    GeneratorSettings g;
    g.positions = 5000;
    g.seed = 11;
    const PositionBook book = generate_book(g, venue);
    const LiquidationLevels l = compute_liquidation_levels(book, venue);
    for (std::size_t i = 0; i < book.positions(); ++i) {
        const double p = l.liquidation_price[i];
        ASSERT_FALSE(std::isnan(p)) << i;
        const double q = book.size[i];
        const double base =
            book.mode[i] == MarginMode::Cross ? l.margins.account_collateral[book.account[i]] : l.margins.margin[i];
        const double equity = base + book.side[i] * q * (p - book.entry_price[i]);
        const MarginTier& tier = venue.tier_for(q * p);
        const double maintenance = q * p * tier.mmr - tier.maint_amount;
        EXPECT_NEAR(equity, maintenance, 1e-7 * q * p) << "position " << i;
        EXPECT_NEAR(l.bankruptcy_price[i], book.entry_price[i] - book.side[i] * base / q, 1e-9 * p);
    }
}

// The sweep's solver gives exactly the margin model's prices, for cross accounts over several
// symbols too, at any leverage multiplier and mmr scale.
TEST(MarginModel, LiquidationPriceSolverMatchesTheFullModel) {
    const VenueProfile venue = bundled_venue("binance-usdm-btcusdt");
    PositionBook book = read_fixture("published/binance_cross_faq.csv", venue);
    GeneratorSettings g;
    g.positions = 3000;
    const PositionBook generated = generate_book(g, venue);
    for (const MarginSettings settings :
         {MarginSettings{1.0, 1.0}, MarginSettings{2.5, 1.0}, MarginSettings{0.7, 1.6}}) {
        for (const PositionBook* b : std::initializer_list<const PositionBook*>{&book, &generated}) {
            const LiquidationLevels full = compute_liquidation_levels(*b, venue, settings);
            const LiquidationPriceSolver solver(*b, venue, 0);
            std::vector<double> prices;
            solver.solve(settings, prices);
            ASSERT_EQ(prices.size(), solver.rows().size());
            for (std::size_t j = 0; j < prices.size(); ++j) {
                const double expected = full.liquidation_price[solver.rows()[j]];
                if (std::isnan(expected))
                    EXPECT_TRUE(std::isnan(prices[j]));
                else
                    EXPECT_DOUBLE_EQ(prices[j], expected) << j;
            }
        }
    }
}
