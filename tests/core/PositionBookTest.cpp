// SPDX-License-Identifier: GPL-3.0-or-later
// The book's columns: symbol look-ups, the largest symbol, and filtering that renumbers accounts
// and symbols.
#include "core/model/PositionBook.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using levex::MarginMode;
using levex::PositionBook;

namespace {

// Three symbols, three accounts; rows (account, symbol, size, entry):
//   p0 (a0, BTC, 1, 100)  p1 (a1, ETH, 10, 30)  p2 (a0, SOL, 100, 1)  p3 (a2, ETH, 20, 30)
PositionBook three_symbols() {
    PositionBook b;
    b.source = "test";
    b.symbol_names = {"BTC", "ETH", "SOL"};
    b.symbol_mark = {100.0, 30.0, std::nan("")};
    b.account_names = {"a0", "a1", "a2"};
    b.account_collateral = {500.0, std::nan(""), std::nan("")};
    struct Row {
        std::uint32_t account, symbol;
        double size, entry;
    };
    const Row rows[] = {{0, 0, 1, 100}, {1, 1, 10, 30}, {0, 2, 100, 1}, {2, 1, 20, 30}};
    for (const Row& r : rows) {
        b.id.push_back(std::string(1, 'p').append(std::to_string(b.id.size())));
        b.account.push_back(r.account);
        b.symbol.push_back(r.symbol);
        b.side.push_back(1);
        b.size.push_back(r.size);
        b.entry_price.push_back(r.entry);
        b.margin.push_back(r.account == 0 ? 0.0 : r.size * r.entry / 10);
        b.leverage.push_back(10);
        b.mode.push_back(r.account == 0 ? MarginMode::Cross : MarginMode::Isolated);
        b.maint_margin_rate.push_back(std::nan(""));
        b.maint_amount.push_back(std::nan(""));
        b.exchange_liquidation_price.push_back(std::nan(""));
        b.line.push_back(static_cast<std::uint32_t>(b.line.size() + 2));
    }
    return b;
}

} // namespace

TEST(PositionBook, CountsAndSymbolLookUp) {
    const PositionBook b = three_symbols();
    EXPECT_EQ(b.positions(), 4u);
    EXPECT_EQ(b.symbols(), 3u);
    EXPECT_EQ(b.accounts(), 3u);
    EXPECT_TRUE(b.is_long(0));
    EXPECT_EQ(b.find_symbol("ETH"), 1u);
    EXPECT_EQ(b.find_symbol("eth"), PositionBook::npos); // names are exact
    EXPECT_EQ(b.find_symbol("DOGE"), PositionBook::npos);
}

// Open interest at entry: BTC 100, ETH 10·30 + 20·30 = 900, SOL 100.
TEST(PositionBook, LargestSymbolByOpenInterestAtEntry) {
    PositionBook b = three_symbols();
    EXPECT_EQ(b.largest_symbol(), 1u);
    b.size[0] = 10; // BTC 1,000
    EXPECT_EQ(b.largest_symbol(), 0u);
    EXPECT_EQ(PositionBook{}.largest_symbol(), PositionBook::npos);
}

TEST(PositionBook, FilterKeepsOrderAndRenumbersAccountsAndSymbols) {
    PositionBook b = three_symbols();
    b.filter({0, 1, 1, 0}); // keeps p1 (a1, ETH) and p2 (a0, SOL)
    ASSERT_EQ(b.positions(), 2u);
    EXPECT_EQ(b.id, (levex::TextColumn{"p1", "p2"}));
    EXPECT_EQ(b.size, (std::vector<double>{10, 100}));
    EXPECT_EQ(b.line, (std::vector<std::uint32_t>{3, 4}));
    // Accounts and symbols numbered in order of first use; BTC and a2 are gone.
    EXPECT_EQ(b.account_names, (levex::TextColumn{"a1", "a0"}));
    EXPECT_EQ(b.account, (std::vector<std::uint32_t>{0, 1}));
    EXPECT_TRUE(std::isnan(b.account_collateral[0]));
    EXPECT_EQ(b.account_collateral[1], 500.0);
    EXPECT_EQ(b.symbol_names, (std::vector<std::string>{"ETH", "SOL"}));
    EXPECT_EQ(b.symbol, (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(b.symbol_mark[0], 30.0);
    EXPECT_TRUE(std::isnan(b.symbol_mark[1]));
}

// Keeping every row leaves the book as it was (a self-move would have emptied the strings).
TEST(PositionBook, FilterKeepingEverythingChangesNothing) {
    const PositionBook original = three_symbols();
    PositionBook b = original;
    b.filter(std::vector<std::uint8_t>(b.positions(), 1));
    EXPECT_EQ(b.id, original.id);
    EXPECT_EQ(b.account_names, original.account_names);
    EXPECT_EQ(b.symbol_names, original.symbol_names);
    EXPECT_EQ(b.account, original.account);
    EXPECT_EQ(b.symbol, original.symbol);
    b.filter(std::vector<std::uint8_t>(b.positions(), 0));
    EXPECT_EQ(b.positions(), 0u);
    EXPECT_EQ(b.symbols(), 0u);
    EXPECT_EQ(b.accounts(), 0u);
}

TEST(PositionBook, ReserveKeepsTheRows) {
    PositionBook b = three_symbols();
    b.reserve(1000);
    EXPECT_EQ(b.positions(), 4u);
    EXPECT_GE(b.size.capacity(), 1000u);
    EXPECT_GE(b.line.capacity(), 1000u);
}
