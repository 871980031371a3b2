// SPDX-License-Identifier: GPL-3.0-or-later
// The lending cascade (docs/lending.md §7): the known answer through the engine, the v3.3 rules,
// e-mode, rises, bad debt, the ledgers, several books sharing one market.
#include "core/engine/LendingCascade.h"
#include "core/engine/LendingSimulation.h"

#include "LendingTestSupport.h"
#include "core/model/LendingBookGenerator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

using namespace levex;
using levex::test::LendingBookBuilder;

namespace {

// A market deep enough that a few units of collateral barely move it.
RunParameters deep_market(double mark, double shock, const std::string& symbol) {
    RunParameters p;
    p.symbol = symbol;
    p.mark = mark;
    p.shock = shock;
    p.depth_model = DepthModel::Flat;
    p.depth_quote_per_pct = 1e15;
    p.half_life_s = std::numeric_limits<double>::infinity();
    p.steps = 20;
    p.protocol_base_value = 1.0; // the test books are in USD, as the profile
    return p;
}

PreparedLendingBook prepare(const LendingBook& book, const ProtocolProfile& profile, const RunParameters& p,
                            const std::string& label = "book") {
    return prepare_lending_book(std::make_shared<const LendingBook>(book), profile, label, p.symbol,
                                LiquidatorSettings::of(p));
}

LendingRunResult run_one(const PreparedLendingBook& book, const RunParameters& p) {
    return simulate_lending({&book}, p);
}

LendingBook known_answer_book(double weth_price, double debt = 16800.0) {
    return LendingBookBuilder({{"WETH", weth_price}, {"USDC", 1.0}})
        .account("alice", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, debt}})
        .build();
}

ProtocolProfile bundled(const std::string& name) {
    return load_protocol_profile(name, std::string(LEVEX_RESOURCE_DIR) + "/protocols");
}

} // namespace

// docs/lending.md §3 through the engine: the account is below 1 at 2,000, so the first step liquidates
// one close-factor slice of it and it is healthy after.
TEST(LendingCascade, KnownAnswerThroughTheEngine) {
    const RunParameters p = deep_market(2000.0, 0.0, "WETH");
    const PreparedLendingBook book = prepare(known_answer_book(2000.0), test::v33_profile(), p);
    const LendingRunResult r = run_one(book, p);
    ASSERT_EQ(r.log.size(), 1u);
    const LendingEvent& e = r.log[0];
    EXPECT_EQ(e.step, 0u);
    EXPECT_NEAR(e.health_factor_before, 0.982143, 5e-7);
    EXPECT_NEAR(e.debt_repaid, 8400.0, 1e-9);
    EXPECT_NEAR(e.collateral_seized, 4.41, 1e-12);
    EXPECT_NEAR(e.protocol_fee, 0.021, 1e-12);
    EXPECT_NEAR(e.collateral_sold, 4.389, 1e-12);
    EXPECT_NEAR(e.health_factor_after, 1.098036, 5e-7);
    EXPECT_NEAR(e.sale_price, 2000.0, 1e-6);
    const LendingTotals& t = r.summary.totals;
    EXPECT_EQ(t.accounts, 1u);
    EXPECT_EQ(t.accounts_liquidated, 1u);
    EXPECT_EQ(t.liquidations, 1u);
    EXPECT_NEAR(t.collateral_seized, 4.41, 1e-12);
    EXPECT_NEAR(t.collateral_seized_base, 8820.0, 1e-8);
    EXPECT_NEAR(t.debt_repaid_base, 8400.0, 1e-8);
    EXPECT_NEAR(t.bonus_base, 420.0, 1e-8);
    EXPECT_NEAR(t.protocol_fee_base, 42.0, 1e-8);
    EXPECT_EQ(t.bad_debt_base, 0.0);
    EXPECT_LT(r.summary.ledger_max_imbalance, 1e-9);
}

// From 2,100 a fall to 1,900 finds the account at HF 0.933036 <= 0.95: the whole 16,800 in one call.
TEST(LendingCascade, AFallBelowTheFullCloseHealthFactorRepaysTheWholeDebt) {
    const RunParameters p = deep_market(2100.0, 1900.0 / 2100.0 - 1.0, "WETH");
    const PreparedLendingBook book = prepare(known_answer_book(2100.0), test::v33_profile(), p);
    EXPECT_NEAR(book.liquidation[0], 16800.0 / 8.25, 1e-9);
    const LendingRunResult r = run_one(book, p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_NEAR(r.log[0].health_factor_before, 0.933036, 5e-7);
    EXPECT_NEAR(r.log[0].debt_repaid, 16800.0, 1e-8);
    EXPECT_NEAR(r.log[0].collateral_seized, 16800.0 / 1900.0 * 1.05, 1e-9);
    EXPECT_TRUE(std::isinf(r.log[0].health_factor_after));
}

// v3.3: a debt worth less than 2,000 base may be repaid whole even above HF 0.95; the base value of the
// book's unit decides what "2,000" is.
TEST(LendingCascade, ASmallPositionIsClosedWhole) {
    RunParameters p = deep_market(2000.0, 0.0, "WETH");
    const LendingBook small = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}})
                                  .account("small", {{"WETH", 0.9, 0.0}, {"USDC", 0.0, 1500.0}})
                                  .build(); // HF 0.99: one call repays all 1,500
    LendingRunResult r = run_one(prepare(small, test::v33_profile(), p), p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_NEAR(r.log[0].debt_repaid, 1500.0, 1e-9);
    // Valued at 10 protocol units per book unit the debt is 15,000: only half of it.
    p.protocol_base_value = 10.0;
    r = run_one(prepare(small, test::v33_profile(), p), p);
    ASSERT_GE(r.log.size(), 1u);
    EXPECT_NEAR(r.log[0].debt_repaid, 750.0, 1e-9);
}

// v3.3: a call that would leave less than 1,000 base of the seized collateral repays less instead.
TEST(LendingCascade, TheLeftoverRuleHoldsBackTheRepay) {
    const RunParameters p = deep_market(2100.0, 0.0, "WETH");
    const LendingBook book = LendingBookBuilder({{"WETH", 2100.0}, {"STETH", 1900.0}, {"USDC", 1.0}})
                                 .account("two", {{"WETH", 1.0, 0.0}, {"STETH", 1.0, 0.0}, {"USDC", 0.0, 3300.0}})
                                 .build(); // HF 3,252.5 / 3,300 = 0.9856
    const LendingRunResult r = run_one(prepare(book, test::v33_profile(), p), p);
    ASSERT_GE(r.log.size(), 1u);
    // Half the debt (1,650) would seize 1,732.5 of the 2,100 WETH: it stops at leaving 1,000.
    EXPECT_NEAR(r.log[0].debt_repaid, 1100.0 / 1.05, 1e-9);
    EXPECT_NEAR(r.log[0].collateral_seized * 2100.0, 1100.0, 1e-8);
}

// E-mode: the category's threshold (0.93) keeps an account healthy that the reserve's (0.8) would
// liquidate, and its bonus (1.01) sets what is seized.
TEST(LendingCascade, EModeSetsTheThresholdAndTheBonus) {
    const RunParameters small_fall = deep_market(1.0, -0.05, "STETH");
    const auto book = [](std::uint32_t emode) {
        return LendingBookBuilder({{"STETH", 1.0}, {"WETH", 1.0}})
            .account("loop", {{"STETH", 100000.0, 0.0}, {"WETH", 0.0, 85000.0}}, emode)
            .build();
    };
    EXPECT_EQ(run_one(prepare(book(1), test::v33_profile(), small_fall), small_fall).log.size(), 0u);
    EXPECT_GE(run_one(prepare(book(0), test::v33_profile(), small_fall), small_fall).log.size(), 1u);

    const RunParameters fall = deep_market(1.0, -0.10, "STETH");
    const PreparedLendingBook in_emode = prepare(book(1), test::v33_profile(), fall);
    EXPECT_NEAR(in_emode.liquidation[0], 85000.0 / 93000.0, 1e-12);
    const LendingRunResult r = run_one(in_emode, fall);
    ASSERT_GE(r.log.size(), 1u);
    EXPECT_NEAR(r.log[0].health_factor_before, 0.9 * 0.93 / 0.85, 1e-9);
    EXPECT_NEAR(r.log[0].collateral_seized, r.log[0].debt_repaid / 0.9 * 1.01, 1e-6);
}

// An account that borrowed the shocked asset is liquidated when it rises; its liquidator buys the
// debt it repays in the same market.
TEST(LendingCascade, AnAccountThatBorrowedTheAssetIsLiquidatedOnARise) {
    const RunParameters fall = deep_market(2000.0, -0.3, "WETH");
    const RunParameters rise = deep_market(2000.0, 0.15, "WETH");
    const LendingBook book = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}})
                                 .account("short", {{"USDC", 10000.0, 0.0}, {"WETH", 0.0, 3.5}})
                                 .build(); // HF 7,900 / 7,000
    const PreparedLendingBook down = prepare(book, test::v33_profile(), fall);
    EXPECT_EQ(down.direction[0], -1);
    EXPECT_NEAR(down.liquidation[0], 7900.0 / 3.5, 1e-9);
    EXPECT_EQ(run_one(down, fall).log.size(), 0u);
    const LendingRunResult r = run_one(prepare(book, test::v33_profile(), rise), rise);
    ASSERT_GE(r.log.size(), 1u);
    EXPECT_EQ(book.asset_names[r.log[0].debt_asset], "WETH");
    EXPECT_EQ(book.asset_names[r.log[0].collateral_asset], "USDC");
    EXPECT_TRUE(std::isnan(r.log[0].sale_price)); // the seized dollars are not sold into the WETH market
    EXPECT_GT(r.summary.totals.debt_bought, 0.0);
    EXPECT_EQ(r.frames.liquidated_count_short[0], 1u);
    EXPECT_EQ(r.frames.liquidated_count_long[0], 0u);
}

// A fall so deep that the collateral cannot cover the debt: all of it is seized and the rest of the
// debt is written off.
TEST(LendingCascade, BadDebtWhenTheCollateralRunsOut) {
    const RunParameters p = deep_market(2000.0, -0.5, "WETH");
    const LendingRunResult r = run_one(prepare(known_answer_book(2000.0, 16000.0), test::v33_profile(), p), p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_NEAR(r.log[0].collateral_seized, 10.0, 1e-12);
    EXPECT_NEAR(r.log[0].debt_repaid, 10000.0 / 1.05, 1e-8);
    EXPECT_NEAR(r.summary.totals.bad_debt_base, 16000.0 - 10000.0 / 1.05, 1e-7);
    EXPECT_EQ(r.summary.totals.accounts_with_bad_debt, 1u);
    EXPECT_NEAR(r.log[0].bad_debt_base, r.summary.totals.bad_debt_base, 1e-9);
    EXPECT_LT(r.summary.ledger_max_imbalance, 1e-8);
    // The protocol's result (fees less bad debt) is what the fund series shows.
    EXPECT_NEAR(r.frames.fund_balance.back(), r.summary.totals.protocol_fee_base - r.summary.totals.bad_debt_base,
                1e-7);
    EXPECT_NEAR(r.frames.open_interest.back(), 0.0, 1e-7);
}

// Both ledgers balance in every step on random books, under both rule sets and any fall.
TEST(LendingCascade, TheLedgersBalanceOnRandomBooks) {
    for (const char* protocol : {"aave-v2-ethereum", "aave-v3-ethereum"}) {
        const ProtocolProfile profile = bundled(protocol);
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            SCOPED_TRACE(std::string(protocol) + " seed " + std::to_string(seed));
            LendingGeneratorSettings g;
            g.accounts = 3000;
            g.seed = seed;
            const LendingBook book = generate_lending_book(g, profile);
            RunParameters p;
            p.symbol = "STETH";
            p.shock = -0.05 * double(seed);
            p.depth_model = DepthModel::VShaped;
            p.depth_quote_within_1pct = 2000.0;
            p.steps = 200;
            const PreparedLendingBook prepared = prepare(book, profile, p);
            const LendingRunResult r = run_one(prepared, p);
            EXPECT_GT(r.summary.totals.liquidations, 0u);
            EXPECT_LT(r.summary.ledger_max_imbalance, 1e-6);
            double repaid = 0.0, bad = 0.0, fee = 0.0;
            for (const LendingEvent& e : r.log) {
                repaid += e.debt_repaid * book.asset_price[e.debt_asset];
                bad += e.bad_debt_base;
                fee += e.protocol_fee;
                EXPECT_LE(e.collateral_sold, e.collateral_seized - e.protocol_fee + 1e-9);
            }
            EXPECT_NEAR(bad, r.summary.totals.bad_debt_base, 1e-6 * (1.0 + bad));
            EXPECT_GT(repaid, 0.0);
            EXPECT_EQ(fee > 0.0, std::string(protocol) == "aave-v3-ethereum");
            // Debt outstanding falls by exactly what was repaid or written off.
            double debt0 = 0.0;
            for (std::size_t row = 0; row < book.rows(); ++row)
                debt0 += book.debt[row] * book.asset_price[book.row_asset[row]];
            EXPECT_NEAR(r.frames.open_interest.back(),
                        debt0 - r.summary.totals.debt_repaid_base - r.summary.totals.bad_debt_base, 1e-6 * debt0);
        }
    }
}

// Two books, each with its own rules, sell into one market: their sales add up in one impact state.
TEST(LendingCascade, SeveralBooksShareOneMarket) {
    const ProtocolProfile v2 = bundled("aave-v2-ethereum"), v3 = bundled("aave-v3-ethereum");
    LendingGeneratorSettings g;
    g.accounts = 2000;
    g.seed = 7;
    const LendingBook a = generate_lending_book(g, v2);
    g.seed = 8;
    const LendingBook b = generate_lending_book(g, v3);
    RunParameters p;
    p.symbol = "STETH";
    p.shock = -0.08;
    p.depth_model = DepthModel::VShaped;
    p.depth_quote_within_1pct = 3000.0;
    p.half_life_s = std::numeric_limits<double>::infinity();
    p.withdrawal = false; // a static book: with stress withdrawal each book alone already reaches the floor
    p.steps = 300;
    const PreparedLendingBook pa = prepare(a, v2, p, "a.csv"), pb = prepare(b, v3, p, "b.csv");
    const LendingRunResult both = simulate_lending({&pa, &pb}, p);
    const LendingRunResult only_a = simulate_lending({&pa}, p), only_b = simulate_lending({&pb}, p);
    ASSERT_EQ(both.summary.books.size(), 2u);
    EXPECT_EQ(both.summary.books[0].label, "a.csv");
    EXPECT_EQ(both.summary.books[0].protocol, "aave-v2-ethereum");
    EXPECT_EQ(both.summary.books[1].protocol, "aave-v3-ethereum");
    const LendingTotals& t = both.summary.totals;
    EXPECT_EQ(t.accounts, 4000u);
    EXPECT_EQ(t.liquidations, both.summary.books[0].totals.liquidations + both.summary.books[1].totals.liquidations);
    EXPECT_NEAR(t.collateral_sold,
                both.summary.books[0].totals.collateral_sold + both.summary.books[1].totals.collateral_sold, 1e-6);
    // One market: the price goes lower than either book alone takes it, and each book loses more.
    EXPECT_LT(both.summary.min_price, only_a.summary.min_price);
    EXPECT_LT(both.summary.min_price, only_b.summary.min_price);
    EXPECT_GE(both.summary.books[0].totals.collateral_seized, only_a.summary.totals.collateral_seized);
    EXPECT_GE(both.summary.books[1].totals.collateral_seized, only_b.summary.totals.collateral_seized);
    for (const LendingEvent& e : both.log)
        EXPECT_EQ(e.protocol_fee > 0.0, e.book == 1u); // v2 keeps no fee, v3 does
}

// An exchange-rate oracle (pass-through 0) does not follow the market: nothing is liquidated; a
// deviation threshold larger than the move keeps the old answer too.
TEST(LendingCascade, TheOracleFollowsTheMarketByItsRule) {
    RunParameters p = deep_market(2100.0, 1900.0 / 2100.0 - 1.0, "WETH");
    p.oracle_passthrough = 0.0;
    EXPECT_EQ(run_one(prepare(known_answer_book(2100.0), test::v33_profile(), p), p).log.size(), 0u);
    p.oracle_passthrough = std::nan("");
    ProtocolProfile gated = test::v33_profile();
    gated.assets[0].oracle.deviation_threshold = 0.2;
    EXPECT_EQ(run_one(prepare(known_answer_book(2100.0), gated, p), p).log.size(), 0u);
    gated.assets[0].oracle.heartbeat_s = 5.0; // the heartbeat posts it anyway
    const LendingRunResult r = run_one(prepare(known_answer_book(2100.0), gated, p), p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_EQ(r.log[0].step, 5u);
}

// Liquidators who act only when it pays leave an account alone while gas eats the bonus; a sell share
// of 0 keeps every seized unit off the market.
TEST(LendingCascade, LiquidatorsWhoWaitForProfitAndKeepTheCollateral) {
    RunParameters p = deep_market(2000.0, 0.0, "WETH");
    p.liquidate_only_when_profitable = 1;
    p.liquidator_gas_cost_base = 1000.0; // more than the 420 - 42 the call would earn
    EXPECT_EQ(run_one(prepare(known_answer_book(2000.0), test::v33_profile(), p), p).log.size(), 0u);
    p.liquidator_gas_cost_base = 10.0;
    EXPECT_EQ(run_one(prepare(known_answer_book(2000.0), test::v33_profile(), p), p).log.size(), 1u);

    RunParameters keep = deep_market(2000.0, 0.0, "WETH");
    keep.depth_quote_per_pct = 1000.0;
    keep.liquidator_sell_share = 0.0;
    const LendingRunResult r = run_one(prepare(known_answer_book(2000.0), test::v33_profile(), keep), keep);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_EQ(r.log[0].collateral_sold, 0.0);
    EXPECT_EQ(r.summary.final_price, 2000.0);
}

// The heatmap's levels: each account's shocked collateral valued at its liquidation price, in the bin of
// that price; a liquidation moves it to the bin of its new price.
TEST(LendingCascade, OpenLevelsAreTheCollateralAtEachLiquidationPrice) {
    const RunParameters p = deep_market(2100.0, -0.01, "WETH");
    const PreparedLendingBook book = prepare(known_answer_book(2100.0), test::v33_profile(), p);
    const LendingRunResult r = run_one(book, p);
    const RunFrames& f = r.frames;
    ASSERT_GT(f.steps, 0u);
    const double level = 16800.0 / 8.25;
    const std::size_t bin = f.bin_of(level);
    EXPECT_NEAR(f.row(f.open_long, 0)[bin], 10.0 * level, 1e-6);
    double total = 0.0;
    for (std::size_t i = 0; i < f.bins; ++i)
        total += f.row(f.open_long, 0)[i];
    EXPECT_NEAR(total, 10.0 * level, 1e-6);
}
