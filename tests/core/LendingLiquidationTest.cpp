// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingLiquidation.h"

#include "LendingTestSupport.h"
#include "core/base/CounterRng.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::LendingBookBuilder;

namespace {

LendingBook known_answer_book(double weth_price) {
    return LendingBookBuilder({{"WETH", weth_price}, {"USDC", 1.0}})
        .account("alice", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, 16800.0}})
        .build();
}

LiquidationStep liquidate(const LendingBook& book, const ProtocolProfile& p, LendingState& state,
                          std::size_t account = 0, double base_scale = 1.0) {
    const LendingTerms terms = resolve_lending_terms(book, &p);
    LiquidationOptions options;
    options.protocol_base_per_book_unit = base_scale;
    return liquidate_account(book, terms, p, state, account, options);
}

} // namespace

// docs/lending.md §3: repay 8,400, seize 4.41 WETH (bonus 0.21, fee 0.021, liquidator 4.389), HF after 1.098036.
TEST(LendingLiquidation, KnownAnswer) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = known_answer_book(2000.0);
    LendingState state = LendingState::of(book);
    const LiquidationStep s = liquidate(book, p, state);
    ASSERT_EQ(s.outcome, LiquidationOutcome::Liquidated);
    EXPECT_EQ(book.asset_names[book.row_asset[s.debt_row]], "USDC");
    EXPECT_EQ(book.asset_names[book.row_asset[s.collateral_row]], "WETH");
    EXPECT_NEAR(s.health_factor_before, 0.982143, 5e-7);
    EXPECT_NEAR(s.debt_repaid, 8400.0, 1e-9);
    EXPECT_NEAR(s.collateral_seized, 4.41, 1e-12);
    EXPECT_NEAR(s.bonus, 0.21, 1e-12);
    EXPECT_NEAR(s.protocol_fee, 0.021, 1e-12);
    EXPECT_NEAR(s.liquidator_collateral, 4.389, 1e-12);
    EXPECT_NEAR(s.health_factor_after, 1.098036, 5e-7);
    EXPECT_NEAR(s.debt_repaid_base, 8400.0, 1e-9);
    EXPECT_NEAR(s.collateral_seized_base, 8820.0, 1e-9);
    EXPECT_NEAR(s.protocol_fee_base, 42.0, 1e-9);
    EXPECT_FALSE(s.collateral_exhausted);
    EXPECT_EQ(s.bad_debt_base, 0.0);
    EXPECT_NEAR(state.collateral[0], 5.59, 1e-12);
    EXPECT_NEAR(state.debt[1], 8400.0, 1e-9);
    // Healthy again: a second call does nothing.
    EXPECT_EQ(liquidate(book, p, state).outcome, LiquidationOutcome::Healthy);
}

// At 1,900 the health factor 0.933036 is at or below 0.95: the whole 16,800 may be repaid.
TEST(LendingLiquidation, FullCloseAtOrBelow095) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = known_answer_book(1900.0);
    LendingState state = LendingState::of(book);
    const LiquidationStep s = liquidate(book, p, state);
    EXPECT_NEAR(s.health_factor_before, 0.933036, 5e-7);
    EXPECT_NEAR(s.debt_repaid, 16800.0, 1e-9);
    EXPECT_NEAR(s.collateral_seized, 16800.0 / 1900.0 * 1.05, 1e-12);
    EXPECT_TRUE(std::isinf(s.health_factor_after));
    // Aave v2 repays half the reserve's debt whatever the health factor.
    LendingState v2_state = LendingState::of(book);
    EXPECT_NEAR(liquidate(book, test::v2_profile(), v2_state).debt_repaid, 8400.0, 1e-9);
}

// v3.3: a reserve debt or seized collateral worth under 2,000 base may be repaid whole.
TEST(LendingLiquidation, SmallPositionsCloseWhole) {
    const ProtocolProfile p = test::v33_profile();
    // 1 WETH at 2,000 backing 1,680 USDC: HF 0.982 > 0.95, but the debt is worth under 2,000.
    const LendingBook small = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}})
                                  .account("small", {{"WETH", 1.0, 0.0}, {"USDC", 0.0, 1680.0}})
                                  .build();
    LendingState state = LendingState::of(small);
    EXPECT_NEAR(liquidate(small, p, state).debt_repaid, 1680.0, 1e-9);
    // The rule is in the profile's base (USD): the same account in an ETH book is small only when its base
    // value is converted (1 ETH = 2,000 USD here), and large when 1 ETH were 2,000,000 USD.
    const LendingBook in_eth = LendingBookBuilder({{"WETH", 1.0}, {"USDC", 0.0005}})
                                   .account("small", {{"WETH", 1.0, 0.0}, {"USDC", 0.0, 1680.0}})
                                   .build();
    LendingState eth_state = LendingState::of(in_eth);
    EXPECT_NEAR(liquidate(in_eth, p, eth_state, 0, 2000.0).debt_repaid, 1680.0, 1e-9);
    LendingState rich_state = LendingState::of(in_eth);
    EXPECT_NEAR(liquidate(in_eth, p, rich_state, 0, 2e6).debt_repaid, 840.0, 1e-9);
    // A small collateral reserve counts too: 0.9 WETH of collateral against 2 debts.
    const LendingBook mixed = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}, {"STETH", 2000.0}})
                                  .account("m", {{"WETH", 0.9, 0.0}, {"STETH", 10.0, 0.0}, {"USDC", 0.0, 17500.0}})
                                  .build();
    LendingState mixed_state = LendingState::of(mixed);
    const LiquidationStep s = liquidate(mixed, p, mixed_state);
    EXPECT_EQ(mixed.asset_names[mixed.row_asset[s.collateral_row]], "STETH"); // the largest collateral
    EXPECT_NEAR(s.debt_repaid, 8750.0, 1e-9);                                 // STETH is worth 20,000: capped
}

// v3.3: a call that clears neither reserve must leave >= 1,000 base of each; the liquidator repays less.
TEST(LendingLiquidation, LeftoverRule) {
    const ProtocolProfile p = test::v33_profile();
    // Debt 10,500 USDC and 5,000 USDT against 8,600 WETH and 8,000 STETH (all at 1 here).
    const LendingBook book =
        LendingBookBuilder({{"WETH", 1.0}, {"USDC", 1.0}, {"STETH", 1.0}, {"USDT", 1.0}})
            .account("d",
                     {{"WETH", 8600.0, 0.0}, {"STETH", 8000.0, 0.0}, {"USDC", 0.0, 10500.0}, {"USDT", 0.0, 5000.0}})
            .build();
    LendingState state = LendingState::of(book);
    const LiquidationStep s = liquidate(book, p, state);
    ASSERT_EQ(s.outcome, LiquidationOutcome::Liquidated);
    // HF = (8,600 · 0.825 + 8,000 · 0.8) / 15,500 = 0.8706: at or below 0.95, the whole 10,500 may go, but the
    // WETH collateral limits it: 8,600 / 1.05 = 8,190.48, and the seizure takes all of it (allowed: it clears
    // the collateral reserve).
    EXPECT_NEAR(s.collateral_seized, 8600.0, 1e-9);
    EXPECT_NEAR(s.debt_repaid, 8600.0 / 1.05, 1e-9);

    // Above 0.95 the 50 % cap applies: a leftover under 1,000 makes the liquidator repay less.
    const LendingBook capped =
        LendingBookBuilder({{"WETH", 1.0}, {"USDC", 1.0}, {"STETH", 1.0}, {"USDT", 1.0}})
            .account("c",
                     {{"WETH", 11000.0, 0.0}, {"STETH", 8000.0, 0.0}, {"USDC", 0.0, 10400.0}, {"USDT", 0.0, 5600.0}})
            .build();
    LendingState capped_state = LendingState::of(capped);
    const LiquidationStep c = liquidate(capped, p, capped_state);
    // HF = (9,075 + 6,400) / 16,000 = 0.967; cap 8,000 of the 10,400 USDC leaves 2,400 of debt, but seizing
    // 8,400 WETH leaves 2,600: both >= 1,000, so the cap stands.
    EXPECT_NEAR(c.health_factor_before, 15475.0 / 16000.0, 1e-12);
    EXPECT_NEAR(c.debt_repaid, 8000.0, 1e-9);
    const LendingBook dusty =
        LendingBookBuilder({{"WETH", 1.0}, {"USDC", 1.0}, {"STETH", 1.0}, {"USDT", 1.0}})
            .account("c",
                     {{"WETH", 9000.0, 0.0}, {"STETH", 8600.0, 0.0}, {"USDC", 0.0, 10400.0}, {"USDT", 0.0, 5600.0}})
            .build();
    LendingState dusty_state = LendingState::of(dusty);
    const LiquidationStep d = liquidate(dusty, p, dusty_state);
    // HF = (7,425 + 6,880) / 16,000 = 0.894 <= 0.95: full close allowed, collateral-limited: no dust rule.
    EXPECT_NEAR(d.collateral_seized, 9000.0, 1e-9);
    const LendingBook dusty2 =
        LendingBookBuilder({{"WETH", 1.0}, {"USDC", 1.0}, {"STETH", 1.0}, {"USDT", 1.0}})
            .account("c",
                     {{"WETH", 9000.0, 0.0}, {"STETH", 10200.0, 0.0}, {"USDC", 0.0, 10400.0}, {"USDT", 0.0, 5600.0}})
            .build();
    LendingState dusty2_state = LendingState::of(dusty2);
    const LiquidationStep e = liquidate(dusty2, p, dusty2_state);
    // HF = (7,425 + 8,160) / 16,000 = 0.974 > 0.95: cap 8,000; the largest collateral is STETH (10,200):
    // seizing 8,000 · 1.06 = 8,480 leaves 1,720 >= 1,000; debt leaves 2,400: cap stands.
    EXPECT_NEAR(e.debt_repaid, 8000.0, 1e-9);
    // Move the debt so the cap leaves 400 of USDC: the liquidator repays 1,000 less than the reserve.
    const LendingBook dusty3 =
        LendingBookBuilder({{"WETH", 1.0}, {"USDC", 1.0}, {"STETH", 1.0}, {"USDT", 1.0}})
            .account("c",
                     {{"WETH", 9000.0, 0.0}, {"STETH", 10200.0, 0.0}, {"USDC", 0.0, 8400.0}, {"USDT", 0.0, 7600.0}})
            .build();
    LendingState dusty3_state = LendingState::of(dusty3);
    const LiquidationStep f = liquidate(dusty3, p, dusty3_state);
    EXPECT_NEAR(f.health_factor_before, 15585.0 / 16000.0, 1e-12);
    EXPECT_NEAR(f.debt_repaid, 7400.0, 1e-9); // 8,400 − 1,000 instead of the 8,000 cap
    EXPECT_NEAR(dusty3_state.debt[2], 1000.0, 1e-9);
}

// Collateral exhausted with debt left: the rest is bad debt, written off.
TEST(LendingLiquidation, BadDebtWhenCollateralRunsOut) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"WETH", 1000.0}, {"USDC", 1.0}})
                                 .account("under", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, 12000.0}})
                                 .build();
    LendingState state = LendingState::of(book);
    const LiquidationStep s = liquidate(book, p, state);
    ASSERT_EQ(s.outcome, LiquidationOutcome::Liquidated);
    EXPECT_TRUE(s.collateral_exhausted);
    EXPECT_NEAR(s.collateral_seized, 10.0, 1e-12);
    EXPECT_NEAR(s.debt_repaid, 10000.0 / 1.05, 1e-9);
    EXPECT_NEAR(s.bad_debt_base, 12000.0 - 10000.0 / 1.05, 1e-9);
    EXPECT_EQ(state.collateral[0], 0.0);
    EXPECT_EQ(state.debt[1], 0.0);
    EXPECT_EQ(s.health_factor_after, 0.0);
    EXPECT_EQ(liquidate(book, p, state).outcome, LiquidationOutcome::NoDebt);
}

// An account that borrowed the shocked asset is liquidated once its price rises past the liquidation price.
TEST(LendingLiquidation, BorrowerOfTheShockedAssetOnARise) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"USDC", 1.0}, {"WETH", 2000.0}})
                                 .account("short-eth", {{"USDC", 30000.0, 0.0}, {"WETH", 0.0, 10.0}})
                                 .build();
    LendingState state = LendingState::of(book);
    EXPECT_EQ(liquidate(book, p, state).outcome, LiquidationOutcome::Healthy);
    state.price[1] = 2400.0; // above 2,370
    const LiquidationStep s = liquidate(book, p, state);
    ASSERT_EQ(s.outcome, LiquidationOutcome::Liquidated);
    EXPECT_EQ(book.asset_names[book.row_asset[s.debt_row]], "WETH");
    EXPECT_NEAR(s.debt_repaid, 5.0, 1e-12);                       // half of 10 WETH (HF 0.9875 > 0.95)
    EXPECT_NEAR(s.collateral_seized, 5.0 * 2400.0 * 1.045, 1e-9); // in USDC
}

// On random books, every call keeps the ledger: seized = liquidator's + protocol's; debt repaid + bad debt =
// debt removed; and a liquidation never lowers the health factor of an account it does not exhaust.
TEST(LendingLiquidation, LedgerOnRandomBooks) {
    for (const ProtocolProfile& p : {test::v33_profile(), test::v2_profile()}) {
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            CounterRng rng(seed, 7);
            LendingBookBuilder builder(
                {{"WETH", 1.0}, {"STETH", 0.99}, {"USDC", 1.0 / 1700.0}, {"USDT", 1.0 / 1700.0}});
            LendingBook book = builder.build();
            for (int a = 0; a < 20; ++a) {
                std::string name = "a";
                name += std::to_string(a);
                const std::uint32_t account = book.add_account(name, rng.uniform() < 0.3 ? 1 : 0);
                const double size = std::exp(6.0 * rng.uniform());
                book.add_row(account, 1, size * rng.uniform(), 0.0);
                book.add_row(account, 0, size * rng.uniform() * 0.3, size * rng.uniform() * 0.6);
                book.add_row(account, 2, size * 1700.0 * rng.uniform() * 0.2, size * 1700.0 * rng.uniform() * 0.3);
                book.add_row(account, 3, 0.0, size * 1700.0 * rng.uniform() * 0.1);
            }
            const LendingTerms terms = resolve_lending_terms(book, &p);
            LendingState state = LendingState::of(book);
            state.price[1] *= 0.6 + 0.4 * rng.uniform(); // a stETH shock
            for (int round = 0; round < 6; ++round)
                for (std::size_t a = 0; a < book.accounts(); ++a) {
                    const LendingState before = state;
                    const LiquidationStep s = liquidate_account(book, terms, p, state, a, {1700.0, true});
                    if (s.outcome != LiquidationOutcome::Liquidated)
                        continue;
                    EXPECT_NEAR(s.collateral_seized, s.liquidator_collateral + s.protocol_fee,
                                1e-12 * s.collateral_seized);
                    const std::size_t c = s.collateral_row;
                    EXPECT_NEAR(before.collateral[c] - state.collateral[c], s.collateral_seized,
                                1e-9 * before.collateral[c]);
                    double removed = 0.0, before_debt = 0.0;
                    for (std::size_t r = book.row_begin(a); r < book.row_end(a); ++r) {
                        removed += (before.debt[r] - state.debt[r]) * state.price[book.row_asset[r]];
                        before_debt += before.debt[r] * state.price[book.row_asset[r]];
                    }
                    EXPECT_NEAR(removed, s.debt_repaid_base + s.bad_debt_base, 1e-9 * before_debt);
                    EXPECT_GT(s.debt_repaid, 0.0);
                    // Repaying at a bonus helps only while HF >= bonus · threshold of the seized collateral.
                    const double break_even = terms.liquidation_bonus[c] * terms.liquidation_threshold[c];
                    if (s.health_factor_before >= break_even)
                        EXPECT_GE(s.health_factor_after, s.health_factor_before * (1 - 1e-12)) << "seed " << seed;
                    else
                        EXPECT_LE(s.health_factor_after, s.health_factor_before * (1 + 1e-12)) << "seed " << seed;
                }
        }
    }
}
