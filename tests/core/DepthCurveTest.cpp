// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthCurve.h"
#include "core/base/CounterRng.h"
#include "core/base/Issue.h"
#include "core/base/RadixSort.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"
#include "core/market/IndexPath.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {
// Midpoint-rule ∫ exp(sign·x(q)) dq for checking the closed forms.
double numeric(const DepthCurve& c, double q0, double q1, int sign) {
    const int n = 200000;
    const double h = (q1 - q0) / n;
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += std::exp(sign * c.distance(q0 + (i + 0.5) * h));
    return sum * h;
}
} // namespace

TEST(DepthCurve, FlatIsLinearImpact) {
    const DepthCurve c = DepthCurve::flat(10.0); // 10 base per 1 %
    EXPECT_DOUBLE_EQ(c.distance(10.0), 0.01);
    EXPECT_DOUBLE_EQ(c.depth(0.03), 30.0);
    EXPECT_NEAR(c.integral(0, 5, -1), 1000 * (1 - std::exp(-0.005)), 1e-12);
}

TEST(DepthCurve, VShapedIsTheSquareRootLaw) {
    const DepthCurve c = DepthCurve::v_shaped(200.0);
    EXPECT_NEAR(c.distance(200.0), 0.01, 1e-15);
    EXPECT_NEAR(c.distance(800.0), 0.02, 1e-15); // 4x the size, 2x the move
    EXPECT_NEAR(c.depth(0.02), 800.0, 1e-9);
    for (auto [q0, q1] : {std::pair{0.0, 50.0}, {50.0, 50.5}, {100.0, 3000.0}})
        for (int sign : {-1, +1})
            EXPECT_NEAR(c.integral(q0, q1, sign), numeric(c, q0, q1, sign), 1e-7 * (q1 - q0)) << q0 << " " << q1;
}

TEST(DepthCurve, LevelsThenAVShapedTail) {
    const DepthCurve c = DepthCurve::from_levels({0.001, 0.002, 0.005}, {2, 3, 5});
    EXPECT_DOUBLE_EQ(c.distance(2.0), 0.001);
    EXPECT_DOUBLE_EQ(c.distance(3.5), 0.0015);
    EXPECT_DOUBLE_EQ(c.tail_start(), 10.0);
    EXPECT_NEAR(c.distance(10.0), 0.005, 1e-15);
    EXPECT_NEAR(c.distance(40.0), 0.01, 1e-15); // tail: x = 0.005·sqrt(q/10), continuous at the edge
    EXPECT_NEAR(c.depth(0.0015), 3.5, 1e-12);
    EXPECT_NEAR(c.depth(0.01), 40.0, 1e-9);
    EXPECT_NEAR(c.integral(1, 30, -1), numeric(c, 1, 30, -1), 1e-8 * 29);
    const DepthCurve twice = c.scaled(2.0);
    EXPECT_NEAR(twice.distance(7.0), c.distance(3.5), 1e-15);
    EXPECT_NEAR(twice.distance(80.0), c.distance(40.0), 1e-15);
}

TEST(BookDepth, OffsetsAndIntegralsAcrossTheIndex) {
    const BookDepth d{DepthCurve::flat(10.0), DepthCurve::flat(20.0)};
    EXPECT_DOUBLE_EQ(d.offset(10.0), -0.01);
    EXPECT_DOUBLE_EQ(d.offset(-20.0), 0.01);
    EXPECT_DOUBLE_EQ(d.consumed_at(-0.01), 10.0);
    EXPECT_DOUBLE_EQ(d.consumed_at(0.01), -20.0);
    // Selling 30 from a state of -20 (asks consumed) walks back down the asks, then into the bids.
    const double expected = d.asks.integral(0, 20, +1) + d.bids.integral(0, 10, -1);
    EXPECT_NEAR(d.price_integral(-20, 10), expected, 1e-12);
}

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

TEST(RadixOrder, SortsDoublesStablyIncludingNegativesAndTies) {
    const std::vector<double> keys = {3.5, -1.0, 0.0, -0.0, 1e300, -1e-300, 3.5, 2.0, -7.25};
    const std::vector<std::uint32_t> order = radix_order(keys);
    const std::vector<std::uint32_t> expected = {8, 1, 5, 2, 3, 7, 0, 6, 4};
    EXPECT_EQ(order, expected);
    std::vector<double> many(100000);
    levex::CounterRng rng(1, 1);
    for (double& x : many)
        x = rng.normal() * 1000;
    const auto o = radix_order(many);
    for (std::size_t i = 1; i < o.size(); ++i)
        ASSERT_LE(many[o[i - 1]], many[o[i]]);
}
