// SPDX-License-Identifier: GPL-3.0-or-later
// The exogenous index path (docs/model.md §3).
#include "core/market/IndexPath.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

TEST(CascadeEngine, RampSpreadsTheShockOverSteps) {
    RunParameters p;
    p.shock = -0.1;
    p.shock_steps = 10;
    p.steps = 10;
    const std::vector<double> path = build_index_path(p, std::nullopt);
    ASSERT_EQ(path.size(), 10u);
    EXPECT_NEAR(path[0], std::log(0.9) / 10, 1e-15);
    EXPECT_NEAR(path[9], std::log(0.9), 1e-15);
}
