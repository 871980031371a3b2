// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/CounterRng.h"

#include <gtest/gtest.h>

#include <cmath>

using levex::CounterRng;

// Known answer from the Random123 distribution (kat_vectors): philox4x32_10, counter 0, key 0.
TEST(CounterRng, MatchesPhiloxKnownAnswer) {
    const CounterRng rng(0, 0);
    const auto b = rng.block(0);
    EXPECT_EQ(b[0], 0x6627e8d5u);
    EXPECT_EQ(b[1], 0xe169c58du);
    EXPECT_EQ(b[2], 0xbc57ac4cu);
    EXPECT_EQ(b[3], 0x9b00dbd8u);
}

TEST(CounterRng, StreamsAreIndependentAndReproducible) {
    CounterRng a(42, 7), b(42, 7), c(42, 8);
    for (int i = 0; i < 100; ++i) {
        const double x = a.uniform();
        EXPECT_EQ(x, b.uniform());
        EXPECT_NE(x, c.uniform());
        EXPECT_GT(x, 0.0);
        EXPECT_LT(x, 1.0);
    }
}

TEST(CounterRng, NormalHasUnitMomentsAndStudentTUnitVariance) {
    CounterRng rng(1, 1);
    constexpr int n = 200000;
    double s = 0, s2 = 0, t2 = 0;
    for (int i = 0; i < n; ++i) {
        const double z = rng.normal();
        s += z;
        s2 += z * z;
        const double t = rng.student_t(5.0);
        t2 += t * t;
    }
    EXPECT_NEAR(s / n, 0.0, 0.01);
    EXPECT_NEAR(s2 / n, 1.0, 0.015);
    EXPECT_NEAR(t2 / n, 1.0, 0.05);
}
