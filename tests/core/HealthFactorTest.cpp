// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/HealthFactor.h"

#include "LendingTestSupport.h"
#include "core/base/Issue.h"
#include "core/model/LendingTerms.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::LendingBookBuilder;

namespace {

// docs/lending.md §3, known answer: 10 WETH at 2,000, threshold 0.825, debt 16,800 USDC.
LendingBook known_answer_book(double weth_price = 2000.0) {
    return LendingBookBuilder({{"WETH", weth_price}, {"USDC", 1.0}})
        .account("alice", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, 16800.0}})
        .build();
}

double hf(const LendingBook& book, const ProtocolProfile& profile, std::size_t account = 0) {
    const LendingTerms terms = resolve_lending_terms(book, &profile);
    return account_health(book, terms, LendingState::of(book), account).health_factor();
}

} // namespace

TEST(HealthFactor, KnownAnswer) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = known_answer_book();
    const LendingTerms terms = resolve_lending_terms(book, &p);
    const AccountHealth h = account_health(book, terms, LendingState::of(book), 0);
    EXPECT_DOUBLE_EQ(h.collateral_base, 20000.0);
    EXPECT_DOUBLE_EQ(h.weighted_collateral_base, 16500.0);
    EXPECT_DOUBLE_EQ(h.debt_base, 16800.0);
    EXPECT_NEAR(h.health_factor(), 0.982143, 5e-7);
    EXPECT_NEAR(hf(known_answer_book(1900.0), p), 0.933036, 5e-7);
}

TEST(HealthFactor, InfiniteWithoutDebtAndZeroWithoutCollateral) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"WETH", 2000.0}, {"USDT", 1.0}})
                                 .account("saver", {{"WETH", 1.0, 0.0}})
                                 .account("usdt-only", {{"USDT", 5000.0, 0.0}, {"WETH", 0.0, 1.0}})
                                 .build();
    EXPECT_TRUE(std::isinf(hf(book, p, 0)));
    // USDT backs no debt (threshold 0): it does not even count as collateral.
    const LendingTerms terms = resolve_lending_terms(book, &p);
    const AccountHealth h = account_health(book, terms, LendingState::of(book), 1);
    EXPECT_EQ(h.collateral_base, 0.0);
    EXPECT_EQ(h.health_factor(), 0.0);
}

// An account in e-mode 1 gets the category's threshold on member collateral only.
TEST(HealthFactor, EModeOverridesMemberCollateral) {
    const ProtocolProfile p = test::v33_profile();
    auto book_in = [](std::uint32_t emode) {
        return LendingBookBuilder({{"STETH", 1.0}, {"WETH", 1.0}, {"USDC", 0.0005}})
            .account("looper", {{"STETH", 100.0, 0.0}, {"USDC", 20000.0, 0.0}, {"WETH", 0.0, 90.0}}, emode)
            .build();
    };
    // Outside e-mode: 100 · 0.8 + 10 · 0.79 = 87.9 against 90.
    EXPECT_NEAR(hf(book_in(0), p), 87.9 / 90.0, 1e-12);
    // In e-mode: STETH at 0.93, USDC (not a member) keeps 0.79: 93 + 7.9 = 100.9.
    EXPECT_NEAR(hf(book_in(1), p), 100.9 / 90.0, 1e-12);
    // The e-mode bonus applies to member collateral only.
    const LendingBook book = book_in(1);
    const LendingTerms terms = resolve_lending_terms(book, &p);
    EXPECT_DOUBLE_EQ(terms.liquidation_bonus[0], 1.01);
    EXPECT_DOUBLE_EQ(terms.liquidation_bonus[1], 1.045);
}

// A row's own threshold wins over the e-mode category and the asset.
TEST(HealthFactor, RowOverrideWins) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"STETH", 1.0}, {"OTHER", 1.0}, {"WETH", 1.0}})
                                 .account("a", {{"STETH", 10.0, 0.0}}, 1)
                                 .threshold(0.5)
                                 .account("b", {{"WETH", 0.0, 4.0}, {"OTHER", 10.0, 0.0}})
                                 .threshold(0.6)
                                 .build();
    const LendingTerms terms = resolve_lending_terms(book, &p);
    EXPECT_DOUBLE_EQ(terms.liquidation_threshold[0], 0.5);
    EXPECT_DOUBLE_EQ(terms.liquidation_threshold[2], 0.6);
    EXPECT_DOUBLE_EQ(terms.liquidation_bonus[2], 1.05);
    EXPECT_NEAR(hf(book, p, 1), 6.0 / 4.0, 1e-12);
}

TEST(HealthFactor, UnresolvableRowsAreLocatedErrors) {
    const ProtocolProfile p = test::v33_profile();
    LendingBook basket = LendingBookBuilder({{"OTHER", 1.0}, {"WETH", 1.0}})
                             .account("a", {{"OTHER", 10.0, 0.0}, {"WETH", 0.0, 1.0}})
                             .build();
    basket.source = "b.csv";
    basket.line = {7, 8};
    try {
        resolve_lending_terms(basket, &p);
        FAIL() << "no error";
    } catch (const DataError& e) {
        EXPECT_STREQ(e.what(), "b.csv:7: expected a liquidation_threshold for OTHER on this row (the profile gives "
                               "none for it), found none");
    }
    const LendingBook unknown = LendingBookBuilder({{"DOGE", 1.0}}).account("a", {{"DOGE", 1.0, 0.0}}).build();
    EXPECT_THROW(resolve_lending_terms(unknown, &p), DataError);
    const LendingBook bad_emode = LendingBookBuilder({{"WETH", 1.0}}).account("a", {{"WETH", 1.0, 0.0}}, 7).build();
    EXPECT_THROW(resolve_lending_terms(bad_emode, &p), DataError);
    // Without a profile every collateral row must carry its terms.
    EXPECT_THROW(resolve_lending_terms(unknown, nullptr), DataError);
}

// p = (D_other − CLT_other) / (coll_s·LT_s − debt_s): a fall for a net long account.
TEST(HealthFactor, LiquidationPriceOfCollateral) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = known_answer_book(2100.0);
    const LendingTerms terms = resolve_lending_terms(book, &p);
    const double price = liquidation_price(book, terms, LendingState::of(book), 0, book.find_asset("WETH"));
    EXPECT_NEAR(price, 16800.0 / (10.0 * 0.825), 1e-9); // 2,036.36
    LendingState at = LendingState::of(book);
    at.price[0] = price;
    EXPECT_NEAR(account_health(book, terms, at, 0).health_factor(), 1.0, 1e-12);
    // The stablecoin it borrowed: liquidated when USDC rises to 21,000 · 0.825 / 16,800 · … = 1.03125 USD.
    const double usdc = liquidation_price(book, terms, LendingState::of(book), 0, book.find_asset("USDC"));
    EXPECT_NEAR(usdc, 10.0 * 2100.0 * 0.825 / 16800.0, 1e-12);
}

// An account that borrowed the shocked asset is liquidated when its price rises.
TEST(HealthFactor, BorrowedAssetLiquidatesOnARise) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"USDC", 1.0}, {"WETH", 2000.0}})
                                 .account("short-eth", {{"USDC", 30000.0, 0.0}, {"WETH", 0.0, 10.0}})
                                 .build();
    const LendingTerms terms = resolve_lending_terms(book, &p);
    const std::size_t weth = book.find_asset("WETH");
    const double price = liquidation_price(book, terms, LendingState::of(book), 0, weth);
    EXPECT_NEAR(price, 30000.0 * 0.79 / 10.0, 1e-9); // 2,370 > 2,000
    LendingState state = LendingState::of(book);
    state.price[weth] = price * 1.001;
    EXPECT_LT(account_health(book, terms, state, 0).health_factor(), 1.0);
    state.price[weth] = price * 0.999;
    EXPECT_GT(account_health(book, terms, state, 0).health_factor(), 1.0);
}

TEST(HealthFactor, NoLiquidationPriceWhenTheAssetCannotTriggerOne) {
    const ProtocolProfile p = test::v33_profile();
    const LendingBook book = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}, {"STETH", 2000.0}})
                                 .account("no-debt", {{"WETH", 1.0, 0.0}})
                                 .account("covered", {{"WETH", 10.0, 0.0}, {"USDC", 1000.0, 500.0}})
                                 .build();
    const LendingTerms terms = resolve_lending_terms(book, &p);
    const LendingState s = LendingState::of(book);
    EXPECT_TRUE(std::isnan(liquidation_price(book, terms, s, 0, 0))); // p would be <= 0
    EXPECT_TRUE(std::isnan(liquidation_price(book, terms, s, 1, 2))); // holds no STETH
    // USDC collateral covers the USDC debt: only a USDC price of 0 or less could, so none.
    EXPECT_TRUE(std::isnan(liquidation_price(book, terms, s, 1, 0)));
}
