// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/RadixSort.h"
#include "core/base/CounterRng.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace levex;

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
