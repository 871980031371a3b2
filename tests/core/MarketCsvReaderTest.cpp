// SPDX-License-Identifier: GPL-3.0-or-later
// The order-book and price-series readers' refusals, by IssueCode (their messages and places are
// checked beside the depth curves they feed, in DepthCurveTest).
#include "core/base/Issue.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"

#include <gtest/gtest.h>

#include <string>

namespace levex {
namespace {

IssueCode order_book_code(const std::string& csv) {
    try {
        parse_order_book_csv(csv, "l2.csv");
    } catch (const DataError& e) {
        return e.code();
    }
    return IssueCode::Unspecified;
}

IssueCode price_series_code(const std::string& csv) {
    try {
        parse_price_series_csv(csv, "prices.csv");
    } catch (const DataError& e) {
        return e.code();
    }
    return IssueCode::Unspecified;
}

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

TEST(PriceSeriesCsvReader, RefusalsCarryCodes) {
    EXPECT_EQ(price_series_code("\n"), IssueCode::EmptyInput);
    EXPECT_EQ(price_series_code("when,price\n0,1\n1,2\n"), IssueCode::MissingColumn);
    EXPECT_EQ(price_series_code("time,price\n0,1\n1\n"), IssueCode::FieldCount);
    EXPECT_EQ(price_series_code("time,price\nnoon,1\n1,2\n"), IssueCode::NotANumber);
    EXPECT_EQ(price_series_code("time,price\n0,0\n1,2\n"), IssueCode::OutOfRange);
    EXPECT_EQ(price_series_code("time,price\n0,inf\n1,2\n"), IssueCode::NotFinite);
    EXPECT_EQ(price_series_code("time,price\n1,1\n1,2\n"), IssueCode::OutOfOrder);
    EXPECT_EQ(price_series_code("time,price\n0,1\n"), IssueCode::EmptyInput);
    EXPECT_EQ(price_series_code("time,price\n0,1\n1,2\n"), IssueCode::Unspecified); // read
}

} // namespace
} // namespace levex
