// SPDX-License-Identifier: GPL-3.0-or-later
// L2 order-book snapshots (docs/formats.md §2): read into depth curves, bad files located.
#include "core/io/OrderBookCsvReader.h"
#include "core/base/Issue.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace levex;

TEST(OrderBook, ReadsAnL2SnapshotIntoCurves) {
    const OrderBook book = read_order_book_csv(test::data_path("orderbooks/small_l2.csv"));
    EXPECT_DOUBLE_EQ(book.mid(), 100.0);
    ASSERT_EQ(book.bid_price.size(), 3u);
    EXPECT_DOUBLE_EQ(book.bid_price[0], 99.9);
    const BookDepth depth = book.depth_at(50.0); // sizes valued at the mid 100, back to base at 50
    EXPECT_NEAR(depth.bids.depth(std::log(100 / 99.9)), 4.0, 1e-9);
    EXPECT_NEAR(depth.asks.depth(std::log(100.6 / 100)), 20.0, 1e-9);
    EXPECT_NEAR(depth.bids.tail_start(), 20.0, 1e-12);
}

TEST(OrderBook, RejectsBadFilesWithLocations) {
    try {
        read_order_book_csv(test::data_path("orderbooks/bad_side.csv"));
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.issue().line, 3u);
        EXPECT_EQ(e.issue().column, 1u);
        EXPECT_NE(std::string(e.what()).find("expected side bid or ask, found 'buy?'"), std::string::npos);
    }
    try {
        read_order_book_csv(test::data_path("orderbooks/crossed.csv"));
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "crossed.csv:3:1: expected the best bid below the best ask, found bid 100.5 (line 2) >= ask "
                      "100.1 (line 3): a crossed book"),
                  std::string::npos)
            << e.what();
    }
    try {
        parse_order_book_csv("side,price,size\nbid,100,1\nask,101,0\n", "one_sided.csv");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_STREQ(e.what(), "one_sided.csv:4:1: expected levels with a size > 0 on both sides, found no asks by "
                               "the end of the file");
    }
}

namespace {

// The code of the DataError a read throws (unspecified: it read).
IssueCode order_book_code(const std::string& csv) {
    try {
        parse_order_book_csv(csv, "l2.csv");
    } catch (const DataError& e) {
        return e.code();
    }
    return IssueCode::Unspecified;
}

} // namespace

TEST(OrderBookCsvReader, RefusalsCarryCodes) {
    EXPECT_EQ(order_book_code(""), IssueCode::EmptyInput);
    EXPECT_EQ(order_book_code("side,price\nbid,1\n"), IssueCode::MissingColumn);
    EXPECT_EQ(order_book_code("side,price,size\nbid,1\n"), IssueCode::FieldCount);
    EXPECT_EQ(order_book_code("side,price,size\nup,1,1\n"), IssueCode::BadSide);
    EXPECT_EQ(order_book_code("side,price,size\nbid,abc,1\n"), IssueCode::NotANumber);
    EXPECT_EQ(order_book_code("side,price,size\nbid,nan,1\n"), IssueCode::NotFinite);
    EXPECT_EQ(order_book_code("side,price,size\nbid,-1,1\n"), IssueCode::OutOfRange);
    EXPECT_EQ(order_book_code("side,price,size\nbid,1,1e400\n"), IssueCode::OutOfRange);
    EXPECT_EQ(order_book_code("side,price,size\nbid,1,\n"), IssueCode::MissingValue);
    EXPECT_EQ(order_book_code("side,price,size\nbid,1,1\n"), IssueCode::EmptyInput); // no asks
    EXPECT_EQ(order_book_code("side,price,size\nbid,2,1\nask,1,1\n"), IssueCode::CrossedBook);
    EXPECT_EQ(order_book_code("side,price,size\nbid,\"1\"x,1\n"), IssueCode::CsvSyntax);
    EXPECT_EQ(order_book_code("side,price,size\nbid,1,1\nask,2,1\n"), IssueCode::Unspecified); // read
}
