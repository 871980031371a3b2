// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/CounterRng.h"
#include "core/base/Sha256.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

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

namespace {

// SHA-256 of the draws' bit patterns, each as 8 little-endian bytes.
std::string digest_of(const std::vector<double>& draws) {
    std::string bytes;
    for (double x : draws) {
        const auto bits = std::bit_cast<std::uint64_t>(x);
        for (int i = 0; i < 8; ++i)
            bytes += static_cast<char>((bits >> (8 * i)) & 0xFF);
    }
    return levex::sha256_hex(bytes);
}

} // namespace

// Frozen outputs: Monte Carlo paths and generated books depend on every bit of these streams, so
// they must not change with the implementation of the generator.
TEST(CounterRng, FixedStreamsKeepTheirValues) {
    const CounterRng wide(0x0123456789abcdefULL, 0xfedcba9876543210ULL);
    const auto b = wide.block(0xdeadbeefcafef00dULL);
    EXPECT_EQ(b[0], 0x964afad0u);
    EXPECT_EQ(b[1], 0x9a34614fu);
    EXPECT_EQ(b[2], 0x2fd6712eu);
    EXPECT_EQ(b[3], 0xf04d8449u);
    EXPECT_EQ(CounterRng(7, 1).next_u64(), 0x7ebaed902bf6d9afULL);

    CounterRng rng(42, 7);
    std::vector<double> draws;
    for (int i = 0; i < 1000; ++i)
        draws.push_back(rng.normal());
    for (int i = 0; i < 1000; ++i)
        draws.push_back(rng.student_t(3.0));
    for (int i = 0; i < 1000; ++i)
        draws.push_back(rng.exponential());
    EXPECT_EQ(rng.counter(), 8120u);
    EXPECT_EQ(digest_of(draws), "2603d8831fa28625f8fe7f80e6cf3df8783157257955ade235b8287ec8f65669");
}
