// SPDX-License-Identifier: GPL-3.0-or-later
// Price series (docs/formats.md §3): Binance klines read and replayed at the step length, bad files located.
#include "core/io/PriceSeriesCsvReader.h"
#include "core/base/Issue.h"
#include "core/market/IndexPath.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace levex;

TEST(PriceSeries, BinanceKlinesResampledToTheStep) {
    const PriceSeries s = read_price_series_csv(test::data_path("prices/klines_small.csv"));
    ASSERT_EQ(s.price.size(), 3u);
    EXPECT_DOUBLE_EQ(s.duration_s(), 120.0);
    EXPECT_DOUBLE_EQ(s.at(s.time_s[0] + 30), 98.0);
    RunParameters p;
    p.steps = 5;
    p.step_seconds = 30;
    const std::vector<double> path = build_index_path(p, s);
    EXPECT_DOUBLE_EQ(path[0], 0.0);
    EXPECT_NEAR(path[1], std::log(0.98), 1e-15);
    EXPECT_NEAR(path[4], std::log(0.92), 1e-15);
}

TEST(PriceSeries, RejectsTimesOutOfOrder) {
    try {
        read_price_series_csv(test::data_path("prices/not_increasing.csv"));
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.issue().line, 3u);
        EXPECT_NE(std::string(e.what()).find("expected times in increasing order"), std::string::npos);
    }
}

TEST(PriceSeries, NeedsTwoPricesAndSaysWhereItEnded) {
    try {
        parse_price_series_csv("time,price\n0,100\n", "one.csv");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_STREQ(e.what(), "one.csv:3:1: expected at least two prices, found 1 by the end of the file");
    }
}

namespace {

// The code of the DataError a read throws (unspecified: it read).
IssueCode price_series_code(const std::string& csv) {
    try {
        parse_price_series_csv(csv, "prices.csv");
    } catch (const DataError& e) {
        return e.code();
    }
    return IssueCode::Unspecified;
}

} // namespace

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
