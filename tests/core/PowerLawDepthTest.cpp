// SPDX-License-Identifier: GPL-3.0-or-later
// Power-law depth D(x) = D1·(x / 1 %)^k: the special cases k = 1, 2 are the flat and V-shaped
// books bit for bit; fills move price by 1 %·(V/D1)^(1/k); walk integrals match closed forms.
#include "core/market/DepthCurve.h"
#include "core/market/PowerLawIntegral.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <utility>

using namespace levex;

namespace {

// Midpoint rule in u = x^k (q-like, smooth for the cases used): ∫ exp(sign·x(q)) dq.
double numeric(const DepthCurve& c, double q0, double q1, int sign) {
    const int n = 400000;
    const double h = (q1 - q0) / n;
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += std::exp(sign * c.distance(q0 + (i + 0.5) * h));
    return sum * h;
}

const std::pair<double, double> kWalks[] = {{0.0, 50.0}, {50.0, 50.5}, {100.0, 3000.0}, {7.0, 9000.0}};

} // namespace

TEST(PowerLawDepth, ExponentOneIsTheFlatBookBitForBit) {
    const DepthCurve flat = DepthCurve::flat(10.0), power = DepthCurve::power_law(10.0, 1.0);
    for (double q : {0.0, 0.5, 10.0, 1234.5})
        EXPECT_EQ(power.distance(q), flat.distance(q));
    for (double x : {0.0, 0.001, 0.01, 0.3})
        EXPECT_EQ(power.depth(x), flat.depth(x));
    for (auto [q0, q1] : kWalks)
        for (int sign : {-1, +1})
            EXPECT_EQ(power.integral(q0, q1, sign), flat.integral(q0, q1, sign));
    EXPECT_EQ(power.scaled(3.0).distance(7.0), flat.scaled(3.0).distance(7.0));
    EXPECT_EQ(power.tail_exponent(), 1.0);
}

TEST(PowerLawDepth, ExponentTwoIsTheVShapedBookBitForBit) {
    const DepthCurve v = DepthCurve::v_shaped(200.0), power = DepthCurve::power_law(200.0, 2.0);
    for (double q : {0.0, 0.5, 200.0, 800.0, 1e6})
        EXPECT_EQ(power.distance(q), v.distance(q));
    for (double x : {0.0, 0.001, 0.02, 0.5})
        EXPECT_EQ(power.depth(x), v.depth(x));
    for (auto [q0, q1] : kWalks)
        for (int sign : {-1, +1})
            EXPECT_EQ(power.integral(q0, q1, sign), v.integral(q0, q1, sign));
    EXPECT_EQ(power.scaled(0.25).distance(40.0), v.scaled(0.25).distance(40.0));
    EXPECT_EQ(power.tail_exponent(), 2.0);
}

// A fill of V from rest moves price by 1 %·(V/D1)^(1/k); depth() is its inverse.
TEST(PowerLawDepth, AFillFromRestMovesPriceByTheClosedForm) {
    for (double k : {0.6, 1.14, 1.5, 3.0, 7.0}) {
        const double d1 = 250.0;
        const DepthCurve c = DepthCurve::power_law(d1, k);
        EXPECT_NEAR(c.distance(d1), 0.01, 1e-17) << k;
        for (double v : {1e-3, 1.0, 250.0, 4000.0, 1e6}) {
            const double move = 0.01 * std::pow(v / d1, 1.0 / k);
            EXPECT_NEAR(c.distance(v), move, 1e-14 * move) << k << " " << v;
            EXPECT_NEAR(c.depth(move), v, 1e-12 * v) << k << " " << v;
        }
        EXPECT_EQ(c.tail_exponent(), k);
        EXPECT_EQ(c.tail_distance(), 0.0);
    }
}

TEST(PowerLawDepth, WalkIntegralsMatchNumericalQuadrature) {
    for (double k : {1.14, 1.5, 3.0})
        for (auto [q0, q1] : kWalks)
            for (int sign : {-1, +1}) {
                const DepthCurve c = DepthCurve::power_law(200.0, k);
                EXPECT_NEAR(c.integral(q0, q1, sign), numeric(c, q0, q1, sign), 2e-7 * (q1 - q0))
                    << k << " [" << q0 << ", " << q1 << "] " << sign;
            }
}

// For k = 3 the incomplete gamma integrals have elementary forms: ∫0^x t²e^−t dt = 2 − e^−x(x² + 2x + 2)
// and ∫0^x t²e^t dt = e^x(x² − 2x + 2) − 2. The walk's VWAP from rest follows: a sale of V pays
// D1·3·100³·∫0^x t²e^−t dt / V times the index.
TEST(PowerLawDepth, VwapFromRestMatchesTheIncompleteGammaClosedForm) {
    for (double x : {0.7, 1.0, 3.0, 10.0}) { // (small x would cancel in the elementary forms themselves)
        EXPECT_NEAR(power_exp_integral(3.0, -1, 0.0, x), 2.0 - std::exp(-x) * (x * x + 2 * x + 2), 1e-14);
        const double up = std::exp(x) * (x * x - 2 * x + 2) - 2.0;
        EXPECT_NEAR(power_exp_integral(3.0, +1, 0.0, x), up, 1e-14 * up);
    }
    const double d1 = 500.0, v = 2e8; // walks to x = 0.01·(4e5)^(1/3) = 0.74
    const DepthCurve c = DepthCurve::power_law(d1, 3.0);
    const double x = c.distance(v);
    const double vwap = c.integral(0.0, v, -1) / v;
    const double closed = d1 * 3.0 * 1e6 * (2.0 - std::exp(-x) * (x * x + 2 * x + 2)) / v;
    EXPECT_NEAR(vwap, closed, 1e-13);
    EXPECT_LT(vwap, 1.0);
    EXPECT_GT(vwap, std::exp(-x)); // the average lies between the first and the last price
}

// The general series agree with the expm1 closed forms of k = 1 and k = 2 at those exponents:
// ∫ e^(st) = e^(s·x0)·expm1(s·w)/s and ∫ t·e^(st) = [h(s·t)]/s² with h(t) = e^t·(t − 1) + 1, written
// with expm1 near 0 and without the constant far from it, where either form would cancel.
TEST(PowerLawDepth, GeneralSeriesAgreeWithTheSpecialCases) {
    const auto h = [](double t) { return std::abs(t) < 1 ? std::expm1(t) * (t - 1.0) + t : std::exp(t) * (t - 1.0); };
    for (auto [x0, w] : {std::pair{0.0, 0.01}, {0.0, 0.7}, {0.2, 0.05}, {1.0, 4.0}, {12.0, 0.3}})
        for (int s : {-1, +1}) {
            const double linear = std::exp(s * x0) * std::expm1(s * w) / s;
            EXPECT_NEAR(power_exp_integral(1.0, s, x0, w), linear, 1e-14 * linear) << x0 << " " << w;
            const double square = (h(s * (x0 + w)) - h(s * x0)) / (s * s);
            EXPECT_NEAR(power_exp_integral(2.0, s, x0, w), square, 1e-13 * square) << x0 << " " << w;
        }
    // A step of 1e-9 at 0.003: t·e^(st) at the step's middle, times the width (error ~ w²).
    for (int s : {-1, +1}) {
        const double mid = 0.003 + 0.5e-9;
        EXPECT_NEAR(power_exp_integral(2.0, s, 0.003, 1e-9), mid * std::exp(s * mid) * 1e-9, 1e-13 * mid * 1e-9);
    }
}

// A fill of one part in 10^12 deep in the book still gets its price to 1e-12: the walk's width is
// taken from the ratio of quantities, not from two nearly equal distances.
TEST(PowerLawDepth, ATinyFillKeepsItsDigits) {
    const DepthCurve c = DepthCurve::power_law(100.0, 1.3);
    const double q = 5000.0, end = q * (1 + 1e-12), dq = end - q; // dq as the doubles hold it
    const double price = c.integral(q, end, -1) / dq;
    EXPECT_NEAR(price, std::exp(-c.distance(q + 0.5 * dq)), 1e-12);
}

TEST(PowerLawDepth, ScaledMultipliesEveryQuantity) {
    const DepthCurve c = DepthCurve::power_law(100.0, 1.7), twice = c.scaled(2.0);
    for (double q : {0.5, 100.0, 9000.0})
        EXPECT_NEAR(twice.distance(2.0 * q), c.distance(q), 1e-15);
    EXPECT_NEAR(twice.integral(0.0, 400.0, -1), 2.0 * c.integral(0.0, 200.0, -1), 1e-12);
}

TEST(PowerLawDepth, LevelsThenAPowerLawTailThroughTheEdge) {
    const DepthCurve c = DepthCurve::from_levels({0.001, 0.002, 0.005}, {2, 3, 5}, 1.5);
    EXPECT_DOUBLE_EQ(c.distance(3.5), 0.0015); // inside the levels: unchanged
    EXPECT_DOUBLE_EQ(c.tail_start(), 10.0);
    EXPECT_NEAR(c.tail_distance(), 0.005, 1e-17);
    EXPECT_EQ(c.tail_exponent(), 1.5);
    // Past the edge D(x) = 10·(x / 0.005)^1.5.
    EXPECT_NEAR(c.depth(0.01), 10.0 * std::pow(2.0, 1.5), 1e-12);
    EXPECT_NEAR(c.distance(80.0), 0.005 * std::pow(8.0, 1.0 / 1.5), 1e-15);
    EXPECT_NEAR(c.integral(1, 30, -1), numeric(c, 1, 30, -1), 1e-8 * 29);
    // The two-argument form keeps its V-shaped tail.
    EXPECT_EQ(DepthCurve::from_levels({0.001, 0.002, 0.005}, {2, 3, 5}).tail_exponent(), 2.0);
}

TEST(PowerLawDepth, RefusesExponentsAndDepthsOutOfRange) {
    EXPECT_THROW(DepthCurve::power_law(100.0, 0.0), std::invalid_argument);
    EXPECT_THROW(DepthCurve::power_law(100.0, -1.0), std::invalid_argument);
    EXPECT_THROW(DepthCurve::power_law(100.0, INFINITY), std::invalid_argument);
    EXPECT_THROW(DepthCurve::power_law(0.0, 1.5), std::invalid_argument);
    EXPECT_THROW(DepthCurve::from_levels({0.001}, {1.0}, 0.0), std::invalid_argument);
}

TEST(PowerLawDepth, ParameterChecksNameTheirKey) {
    EXPECT_FALSE(check_power_law(20e6, 1.14));
    ASSERT_TRUE(check_power_law(20e6, 0.0));
    EXPECT_EQ(check_power_law(20e6, 0.0)->key, "depth_exponent");
    EXPECT_EQ(check_power_law(20e6, -2.0)->found, "-2");
    EXPECT_EQ(check_power_law(0.0, 2.0)->key, "depth_quote_within_1pct");
    EXPECT_EQ(describe(*check_power_law(20e6, 0.0)),
              "depth_exponent: expected a number > 0 (1 = flat book, 2 = V-shaped), found 0");
}
