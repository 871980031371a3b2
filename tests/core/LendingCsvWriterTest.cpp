// SPDX-License-Identifier: GPL-3.0-or-later
// write_lending_csv: the lending reader reads back the same book (docs/lending.md §1).
#include "core/io/LendingCsvWriter.h"

#include "LendingTestSupport.h"
#include "core/io/LendingBookReader.h"
#include "core/model/LendingBookGenerator.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::LendingBookBuilder;

namespace {

// NaN equals NaN: an unset term must stay unset.
void expect_same(const std::vector<double>& a, const std::vector<double>& b, const char* what) {
    ASSERT_EQ(a.size(), b.size()) << what;
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))) << what << " " << i;
}

void expect_round_trip(const LendingBook& book) {
    const std::string text = write_lending_csv(book);
    const LendingCsvResult r = parse_lending_csv(text, "written.csv");
    ASSERT_TRUE(r.ok) << text.substr(0, 300);
    const LendingBook& back = r.book;
    EXPECT_EQ(back.account_names, book.account_names);
    EXPECT_EQ(back.account_emode, book.account_emode);
    EXPECT_EQ(back.account_row_begin, book.account_row_begin);
    EXPECT_EQ(back.asset_names, book.asset_names);
    expect_same(back.asset_price, book.asset_price, "price");
    expect_same(back.account_protocol_health_factor, book.account_protocol_health_factor, "health_factor");
    expect_same(back.collateral, book.collateral, "collateral");
    expect_same(back.debt, book.debt, "debt");
    expect_same(back.liquidation_threshold, book.liquidation_threshold, "liquidation_threshold");
    expect_same(back.liquidation_bonus, book.liquidation_bonus, "liquidation_bonus");
    expect_same(back.liquidation_protocol_fee, book.liquidation_protocol_fee, "liquidation_protocol_fee");
}

} // namespace

TEST(LendingCsvWriter, AGeneratedBookReadsBackTheSame) {
    LendingGeneratorSettings g;
    g.accounts = 500;
    g.seed = 11;
    const LendingBook book = generate_lending_book(
        g, load_protocol_profile("aave-v3-ethereum", std::string(LEVEX_RESOURCE_DIR) + "/protocols"));
    expect_round_trip(book);
    EXPECT_EQ(write_lending_csv(book).rfind("account,asset,collateral,debt,price,emode\n", 0), 0u);
}

TEST(LendingCsvWriter, OptionalColumnsOnlyWhenSomeRowHasThem) {
    LendingBook book = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}})
                           .account("alice, the \"first\"", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, 16800.0}})
                           .account("bob", {{"WETH", 1.0, 0.0}})
                           .threshold(0.825)
                           .build();
    book.liquidation_bonus[0] = 1.05;
    book.liquidation_protocol_fee[0] = 0.1;
    book.account_protocol_health_factor = {0.982143, std::numeric_limits<double>::infinity()};
    expect_round_trip(book);
    const std::string text = write_lending_csv(book);
    EXPECT_EQ(
        text.rfind("account,asset,collateral,debt,price,liquidation_threshold,liquidation_bonus,"
                   "liquidation_protocol_fee,health_factor\n\"alice, the \"\"first\"\"\",WETH,10,0,2000,,1.05,0.1,"
                   "0.982143\n",
                   0),
        0u)
        << text;
    const LendingBook plain = LendingBookBuilder({{"WETH", 2000.0}}).account("carol", {{"WETH", 1.0, 0.0}}).build();
    EXPECT_EQ(write_lending_csv(plain), "account,asset,collateral,debt,price\ncarol,WETH,1,0,2000\n");
}
