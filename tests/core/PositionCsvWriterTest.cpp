// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/PositionCsvWriter.h"
#include "core/BookGenerator.h"
#include "core/PositionCsvReader.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {
// Same value, treating NaN (absent) as equal to NaN.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}
} // namespace

TEST(PositionCsvWriter, GeneratedBookRoundTripsExactly) {
    GeneratorSettings g;
    g.positions = 3000;
    const PositionBook book = generate_book(g, test::bundled_venue("generic"));
    const PositionCsvResult back = parse_positions_csv(write_positions_csv(book), "round.csv");
    ASSERT_TRUE(back.ok);
    ASSERT_EQ(back.book.positions(), book.positions());
    for (std::size_t i = 0; i < book.positions(); ++i) {
        EXPECT_EQ(back.book.id[i], book.id[i]);
        EXPECT_EQ(back.book.side[i], book.side[i]);
        EXPECT_EQ(back.book.size[i], book.size[i]);
        EXPECT_EQ(back.book.entry_price[i], book.entry_price[i]);
        EXPECT_EQ(back.book.mode[i], book.mode[i]);
        EXPECT_EQ(back.book.margin[i], book.margin[i]) << i;
        EXPECT_TRUE(same(back.book.account_collateral[back.book.account[i]], book.account_collateral[book.account[i]]));
    }
    EXPECT_EQ(back.book.symbol_mark, book.symbol_mark);
}

TEST(PositionCsvWriter, QuotesTextThatNeedsIt) {
    std::string out;
    append_csv_field(out, "plain");
    out += ',';
    append_csv_field(out, "a,b");
    out += ',';
    append_csv_field(out, "say \"hi\"");
    out += ',';
    append_csv_field(out, "two\nlines");
    EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"");
}

TEST(PositionCsvWriter, KeepsExplicitRatesExchangePricesAndOddIds) {
    const std::string csv = "id,account,symbol,side,size,entry_price,margin,maint_margin_rate,maint_amount,"
                            "liquidation_price,mark_price\n"
                            "\"id,1\",\"acc \"\"x\"\"\",BTC,short,0.5,100,7,0.01,0.5,112.5,101\n";
    const PositionCsvResult first = parse_positions_csv(csv, "a.csv");
    ASSERT_TRUE(first.ok);
    const PositionCsvResult second = parse_positions_csv(write_positions_csv(first.book), "b.csv");
    ASSERT_TRUE(second.ok) << format_issue(*second.first_error());
    EXPECT_EQ(second.book.id[0], "id,1");
    EXPECT_EQ(second.book.account_names[0], "acc \"x\"");
    EXPECT_EQ(second.book.margin[0], 7.0);
    EXPECT_EQ(second.book.maint_margin_rate[0], 0.01);
    EXPECT_EQ(second.book.maint_amount[0], 0.5);
    EXPECT_EQ(second.book.exchange_liquidation_price[0], 112.5);
    EXPECT_EQ(second.book.symbol_mark[0], 101.0);
}
