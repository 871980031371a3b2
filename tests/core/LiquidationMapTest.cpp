// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/LiquidationMap.h"
#include "core/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace levex;

TEST(LiquidationMap, BinsEveryPositionsNotionalOnceOnItsSide) {
    GeneratorSettings g;
    g.positions = 20000;
    const VenueProfile venue = test::bundled_venue("generic");
    const PositionBook book = generate_book(g, venue);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue);
    const LiquidationMap map = build_liquidation_map(book, contract_of(venue), levels, 0, 100000.0, 100, 0.3);
    ASSERT_EQ(map.edges.size(), 101u);
    EXPECT_NEAR(map.edges.front(), 70000.0, 1e-6);
    EXPECT_NEAR(map.edges.back(), 130000.0, 1e-6);
    // Log-spaced: constant ratio between neighbouring edges.
    EXPECT_NEAR(map.edges[1] / map.edges[0], map.edges[100] / map.edges[99], 1e-12);
    double longs = 0, shorts = 0;
    for (std::size_t i = 0; i < book.positions(); ++i)
        (book.side[i] > 0 ? longs : shorts) += book.size[i] * levels.liquidation_price[i];
    const double binned_longs = std::accumulate(map.long_notional.begin(), map.long_notional.end(), 0.0);
    const double binned_shorts = std::accumulate(map.short_notional.begin(), map.short_notional.end(), 0.0);
    EXPECT_NEAR(binned_longs + map.long_beyond, longs, 1e-6 * longs);
    EXPECT_NEAR(binned_shorts + map.short_beyond, shorts, 1e-6 * shorts);
    // Longs liquidate below the mark, shorts above.
    for (std::size_t b = 0; b < 100; ++b) {
        if (map.edges[b] >= 100000.0) {
            EXPECT_EQ(map.long_notional[b], 0.0) << b;
        }
        if (map.edges[b + 1] <= 100000.0) {
            EXPECT_EQ(map.short_notional[b], 0.0) << b;
        }
    }
    EXPECT_EQ(map.never_liquidated, 0u);
}
