// SPDX-License-Identifier: GPL-3.0-or-later
// Least-squares power-law fits of cumulative depth, and L2 snapshots continued past their last
// level by their own fitted power law.
#include "core/market/DepthFit.h"
#include "core/base/Issue.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/market/L2Depth.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace levex;

namespace {

// A snapshot with mid exactly `mid` (levels at mid·(1 ∓ δ), δ = step, 2·step, …) whose cumulative
// quote depth is exactly D1·(x/1 %)^k at every level's log distance x; `wobble` makes the sizes
// alternately (1 ± wobble) times those, noise that leaves the cumulative depth close to the law.
OrderBook synthetic_book(double mid, double d1, double k, double step, int levels, double wobble = 0.0) {
    OrderBook book;
    book.source = "synthetic.csv";
    for (int side : {+1, -1}) {
        double before = 0.0;
        for (int i = 1; i <= levels; ++i) {
            const double price = mid * (1.0 - side * step * i);
            const double x = side > 0 ? std::log(mid / price) : std::log(price / mid);
            const double cumulative = d1 * std::pow(x / 0.01, k);
            const double size = (cumulative - before) / mid * (i % 2 ? 1.0 + wobble : 1.0 - wobble);
            before = cumulative;
            (side > 0 ? book.bid_price : book.ask_price).push_back(price);
            (side > 0 ? book.bid_size : book.ask_size).push_back(size);
        }
    }
    return book;
}

} // namespace

TEST(DepthFit, RecoversTheExponentAndDepthOfASyntheticBook) {
    for (double k : {0.8, 1.14, 2.0, 2.6}) {
        const double d1 = 20e6; // quote within 1 %
        const BookFit fit = fit_order_book(synthetic_book(60000.0, d1, k, 0.0002, 200));
        for (const DepthFit& side : {fit.bids, fit.asks}) {
            EXPECT_NEAR(side.exponent, k, 1e-9 * k) << k;
            EXPECT_NEAR(side.depth_within_1pct, d1, 1e-8 * d1) << k;
            EXPECT_NEAR(side.r2, 1.0, 1e-12);
            EXPECT_EQ(side.levels, 200u);
        }
    }
}

TEST(DepthFit, NoisyLevelsGiveTheExponentApproximatelyAndAnR2BelowOne) {
    const BookFit fit = fit_order_book(synthetic_book(60000.0, 5e6, 1.4, 0.0001, 300, 0.5));
    EXPECT_NEAR(fit.bids.exponent, 1.4, 0.02);
    EXPECT_NEAR(fit.bids.depth_within_1pct, 5e6, 0.05 * 5e6);
    EXPECT_LT(fit.bids.r2, 1.0);
    EXPECT_GT(fit.bids.r2, 0.99);
}

TEST(DepthFit, FitsTwoPointsExactly) {
    const DepthFit fit = fit_depth({0.001, 0.004}, {10.0, 40.0});
    EXPECT_NEAR(fit.exponent, 1.0, 1e-15);
    EXPECT_NEAR(fit.depth_within_1pct, 100.0, 1e-12);
    EXPECT_DOUBLE_EQ(fit.r2, 1.0);
    EXPECT_THROW(fit_depth({0.001}, {10.0}), std::invalid_argument);
    EXPECT_THROW(fit_depth({0.002, 0.001}, {1.0, 2.0}), std::invalid_argument);
}

TEST(DepthFit, ASideWithOneLevelCannotBeFitted) {
    const OrderBook book = parse_order_book_csv("side,price,size\nbid,99,1\nbid,98,1\nask,101,1\n", "one_ask.csv");
    try {
        fit_order_book(book);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_STREQ(e.what(),
                     "one_ask.csv: expected at least two ask levels to fit the depth beyond the snapshot, found 1");
    }
}

// Past its last level each side continues with the exponent fitted to its own levels, through the
// book's edge; the depth says where the snapshot ends.
TEST(L2Depth, TheTailContinuesWithTheFittedPowerLaw) {
    const OrderBook book = synthetic_book(100.0, 1000.0, 1.3, 0.0005, 10); // ends at 0.5 %
    const L2Depth l2 = l2_depth(book, 100.0);
    EXPECT_NEAR(l2.fit.bids.exponent, 1.3, 1e-9);
    EXPECT_NEAR(l2.bid_edge, -std::log(0.995), 1e-15);
    EXPECT_NEAR(l2.ask_edge, std::log(1.005), 1e-15);
    EXPECT_NEAR(l2.depth.bids.tail_distance(), l2.bid_edge, 1e-15);
    EXPECT_NEAR(l2.depth.bids.tail_exponent(), 1.3, 1e-9);
    // In base at the start price 100 the book holds D1/100 = 10 base within 1 %, extrapolated.
    EXPECT_NEAR(l2.depth.bids.depth(0.01), 10.0, 1e-9);
    EXPECT_NEAR(l2.depth.asks.depth(0.03), 10.0 * std::pow(3.0, 1.3), 1e-8);
    EXPECT_NEAR(l2.depth.bids.distance(10.0 * std::pow(5.0, 1.3)), 0.05, 1e-12);
    // Continuous at the edge.
    const double edge_q = l2.depth.bids.tail_start();
    EXPECT_NEAR(l2.depth.bids.distance(edge_q * (1 + 1e-12)), l2.depth.bids.distance(edge_q * (1 - 1e-12)), 1e-14);
    EXPECT_FALSE(l2.rebase.notable());
}

TEST(L2Depth, ASnapshotAtAnotherPriceIsRebasedWithANotice) {
    const OrderBook book = read_order_book_csv(test::data_path("orderbooks/small_l2.csv"));
    const L2Depth l2 = l2_depth(book, 50.0);
    EXPECT_DOUBLE_EQ(l2.rebase.source_price, 100.0);
    EXPECT_DOUBLE_EQ(l2.rebase.run_price, 50.0);
    EXPECT_DOUBLE_EQ(l2.rebase.relative(), -0.5);
    EXPECT_TRUE(l2.rebase.notable());
    // Levels keep their log distances; sizes are valued at the snapshot mid, then in base at 50.
    EXPECT_NEAR(l2.depth.bids.depth(std::log(100 / 99.9)), 4.0, 1e-9);
    EXPECT_NEAR(l2.depth.bids.tail_start(), 20.0, 1e-12);
    EXPECT_NEAR(l2.bid_edge, std::log(100 / 99.5), 1e-15);
    EXPECT_NEAR(l2.ask_edge, std::log(100.6 / 100), 1e-15);
    EXPECT_EQ(l2.depth.bids.tail_exponent(), l2.fit.bids.exponent);
    EXPECT_FALSE(l2_depth(book, 100.5).rebase.notable()); // within 1 %
    EXPECT_TRUE(l2_depth(book, 101.5).rebase.notable());
}

// Where the snapshot ends, as prices at the start price: its last levels, re-based with the rest.
TEST(L2Depth, TheSnapshotEndsAtItsLastLevelsRebasedToTheStartPrice) {
    const OrderBook book = read_order_book_csv(test::data_path("orderbooks/small_l2.csv"));
    const SnapshotEnds at_mid = snapshot_ends(book, 100.0);
    EXPECT_NEAR(at_mid.bid_price, 99.5, 1e-12);
    EXPECT_NEAR(at_mid.ask_price, 100.6, 1e-12);
    const SnapshotEnds at_50 = snapshot_ends(book, 50.0); // the same log distances from 50
    EXPECT_NEAR(at_50.bid_price, 50.0 * 99.5 / 100.0, 1e-12);
    EXPECT_NEAR(at_50.ask_price, 50.0 * 100.6 / 100.0, 1e-12);
    const L2Depth l2 = l2_depth(book, 50.0);
    EXPECT_NEAR(std::log(50.0 / at_50.bid_price), l2.bid_edge, 1e-15);
    EXPECT_NEAR(std::log(at_50.ask_price / 50.0), l2.ask_edge, 1e-15);
}
