// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/RepeatedKeys.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using levex::any_repeated;

namespace {
std::vector<std::uint64_t> distinct_keys(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> keys(n);
    for (std::uint64_t& k : keys)
        k = rng();
    return keys; // 64-bit draws: a repeat among a million has odds of about 3e-8
}
} // namespace

TEST(RepeatedKeys, NoneInFewOrDistinctKeys) {
    EXPECT_FALSE(any_repeated({}));
    EXPECT_FALSE(any_repeated({42}));
    EXPECT_FALSE(any_repeated({0, 1, 2, 0xFF00000000000000ull, 0xFF00000000000001ull}));
    EXPECT_FALSE(any_repeated(distinct_keys(1'000'000, 1)));
}

TEST(RepeatedKeys, FindsOneRepeatAnywhere) {
    std::vector<std::uint64_t> keys = distinct_keys(300'000, 2);
    for (const std::size_t at : {std::size_t(0), std::size_t(150'000), keys.size() - 1}) {
        std::vector<std::uint64_t> with_repeat = keys;
        with_repeat.push_back(keys[at]);
        EXPECT_TRUE(any_repeated(with_repeat)) << at;
    }
}

TEST(RepeatedKeys, ZeroAndKeysThatShareTheirLowBitsAreKeys) {
    EXPECT_TRUE(any_repeated({0, 5, 0}));
    EXPECT_FALSE(any_repeated({0, 5}));
    // Same bucket (top byte) and same table slot (low bits): told apart by the whole key.
    EXPECT_FALSE(any_repeated({0x0100000000000007ull, 0x0100000100000007ull, 0x0100000200000007ull}));
    EXPECT_TRUE(any_repeated({0x0100000000000007ull, 0x0100000100000007ull, 0x0100000000000007ull}));
}
