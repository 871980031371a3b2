// SPDX-License-Identifier: GPL-3.0-or-later
// The order-book market the cascade trades with (docs/model.md §2–§3): exact VWAPs along the
// curve, decay with the half-life, the permanent fraction, IOC limits, the floor.
#include "core/engine/DepthCurveMarket.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace levex;

namespace {

// 10 base per 1 % on each side at price 100: selling q moves the book price by exp(-q/1000).
const BookDepth kFlat{DepthCurve::flat(10.0), DepthCurve::flat(10.0)};

RunParameters impact(double half_life_s, double permanent_fraction = 0.0, double step_seconds = 1.0) {
    RunParameters p;
    p.half_life_s = half_life_s;
    p.permanent_fraction = permanent_fraction;
    p.step_seconds = step_seconds;
    return p;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

TEST(DepthCurveMarket, StartsAtRestAtTheStartPrice) {
    const DepthCurveMarket m(kFlat, 100.0, impact(60));
    EXPECT_EQ(m.start_price(), 100.0);
    EXPECT_EQ(m.index(), 100.0);
    EXPECT_EQ(m.book_offset(), 0.0);
    EXPECT_EQ(m.book_price(), 100.0);
    EXPECT_TRUE(m.at_rest());
    EXPECT_FALSE(m.floor_hit());
}

// Selling 5 pays the average of 100·e^-x over x in [0, 0.005]; buying back walks the asks up from
// where the bids were left.
TEST(DepthCurveMarket, FillsPayTheExactAveragePrice) {
    DepthCurveMarket m(kFlat, 100.0, impact(kInf));
    const double sold = m.fill(+1, 5.0);
    EXPECT_NEAR(sold, 100.0 * 1000.0 * (1 - std::exp(-0.005)) / 5.0, 1e-10);
    EXPECT_NEAR(m.book_price(), 100.0 * std::exp(-0.005), 1e-12);
    EXPECT_NEAR(m.book_offset(), -0.005, 1e-15);
    EXPECT_NEAR(m.consumed(), 5.0, 1e-15);
    EXPECT_EQ(m.index(), 100.0);            // no permanent impact
    const double bought = m.fill(-1, 15.0); // back up through the bids, then 10 into the asks
    const double expected = 100.0 * 1000.0 * ((1 - std::exp(-0.005)) + (std::exp(0.01) - 1)) / 15.0;
    EXPECT_NEAR(bought, expected, 1e-10);
    EXPECT_NEAR(m.book_price(), 100.0 * std::exp(0.01), 1e-10);
}

// Half-life 2 s: after one 1 s step 2^-1/2 of the walked state is left, after 2 s more half that.
TEST(DepthCurveMarket, ImpactFadesWithTheHalfLife) {
    DepthCurveMarket m(kFlat, 100.0, impact(2.0));
    m.fill(+1, 8.0);
    EXPECT_FALSE(m.at_rest());
    m.advance(1.0);
    EXPECT_NEAR(m.consumed(), 8.0 * std::exp2(-0.5), 1e-12);
    m.advance(2.0);
    EXPECT_NEAR(m.consumed(), 4.0 * std::exp2(-0.5), 1e-12);
    for (int i = 0; i < 200; ++i)
        m.advance(1.0);
    EXPECT_TRUE(m.at_rest());
    EXPECT_NEAR(m.book_price(), 100.0, 1e-9);
}

// With an infinite half-life nothing fades, so waiting cannot change anything: at rest at once.
TEST(DepthCurveMarket, PermanentBookIsAlwaysAtRest) {
    DepthCurveMarket m(kFlat, 100.0, impact(kInf));
    m.fill(+1, 8.0);
    m.advance(1.0);
    EXPECT_NEAR(m.consumed(), 8.0, 1e-15);
    EXPECT_TRUE(m.at_rest());
}

// Half of a fill's move goes to the index for good: selling 10 (a 1 % move) leaves the index
// 0.5 % lower and the book 0.5 % below that; a new step's path offset keeps the permanent part.
TEST(DepthCurveMarket, PermanentFractionMovesTheIndex) {
    DepthCurveMarket m(kFlat, 100.0, impact(kInf, 0.5));
    m.fill(+1, 10.0);
    EXPECT_NEAR(m.index(), 100.0 * std::exp(-0.005), 1e-12);
    EXPECT_NEAR(m.consumed(), 5.0, 1e-12);
    EXPECT_NEAR(m.book_price(), 100.0 * std::exp(-0.01), 1e-12);
    m.set_index(std::log(0.9)); // the path says -10 %
    EXPECT_NEAR(m.index(), 90.0 * std::exp(-0.005), 1e-12);
}

// An IOC sell limited at 99 fills what the bids hold down to 99: 1000·ln(100/99) base, less what
// is already consumed; a buy limited below the book fills nothing.
TEST(DepthCurveMarket, QuantityToALimit) {
    DepthCurveMarket m(kFlat, 100.0, impact(kInf));
    EXPECT_NEAR(m.quantity_to(+1, 99.0), 1000.0 * std::log(100.0 / 99.0), 1e-9);
    m.fill(+1, 3.0);
    EXPECT_NEAR(m.quantity_to(+1, 99.0), 1000.0 * std::log(100.0 / 99.0) - 3.0, 1e-9);
    EXPECT_NEAR(m.quantity_to(-1, 101.0), 3.0 + 1000.0 * std::log(1.01), 1e-9);
    EXPECT_LT(m.quantity_to(-1, 99.0), 0.0);
}

// Selling far more than the book holds would reach 0; prices stop at the floor and say so.
TEST(DepthCurveMarket, PricesStopAtTheFloor) {
    const BookDepth thin{DepthCurve::flat(0.001), DepthCurve::flat(0.001)};
    DepthCurveMarket m(thin, 100.0, impact(kInf, 0.5));
    const double vwap = m.fill(+1, 1e6);
    EXPECT_GT(vwap, 0.0);
    EXPECT_EQ(m.book_price(), 100.0 * kPriceFloorFraction);
    EXPECT_EQ(m.index(), 100.0 * kPriceFloorFraction);
    EXPECT_TRUE(m.floor_hit());
}

TEST(DepthCurveMarket, ExhaustionPriceIsTheScanOnItsCurve) {
    TriggerLadder longs;
    longs.price = {99, 98};
    longs.size = {5, 10};
    longs.position = {0, 1};
    const DepthCurveMarket m(kFlat, 100.0, impact(60));
    EXPECT_DOUBLE_EQ(m.exhaustion_price(longs, 98.4, true), 98.4 * std::exp(-0.015));
    TriggerLadder none;
    EXPECT_DOUBLE_EQ(m.exhaustion_price(none, 103.0, false), 103.0);
}
