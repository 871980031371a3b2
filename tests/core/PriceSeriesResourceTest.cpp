// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled 10 Oct 2025 BTCUSDT series reads with the project's own price-series reader.
#include "core/io/PriceSeriesCsvReader.h"
#include "core/market/IndexPath.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace levex;

TEST(PriceSeriesResource, TheTenOctoberSeriesReads) {
    const PriceSeries s = read_price_series_csv(std::string(LEVEX_RESOURCE_DIR) +
                                                "/prices/binance_um_BTCUSDT_1m_2025-10-10_2045-2254UTC.csv");
    ASSERT_EQ(s.price.size(), 129u);
    EXPECT_DOUBLE_EQ(s.time_s.front(), 1760129100.0); // 2025-10-10 20:45 UTC
    EXPECT_DOUBLE_EQ(s.duration_s(), 128 * 60.0);
    EXPECT_DOUBLE_EQ(s.price.front(), 116975.9);
    EXPECT_DOUBLE_EQ(s.price.back(), 113442.9);
    EXPECT_DOUBLE_EQ(*std::min_element(s.price.begin(), s.price.end()), 103441.3); // the 21:19 close
    EXPECT_DOUBLE_EQ(s.at(s.time_s.front() + 35 * 60.0), 104311.2);                // 21:20
    // As an index path at one step a minute it starts at 0 and bottoms 11.6 % down.
    RunParameters p;
    p.step_seconds = 60.0;
    p.steps = 129;
    const std::vector<double> path = build_index_path(p, s);
    EXPECT_EQ(path.front(), 0.0);
    EXPECT_NEAR(*std::min_element(path.begin(), path.end()), std::log(103441.3 / 116975.9), 1e-15);
}
