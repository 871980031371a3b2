// SPDX-License-Identifier: GPL-3.0-or-later
// Depth curves and both sides of a book (docs/model.md §2): closed forms against numbers.
#include "core/market/DepthCurve.h"

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
