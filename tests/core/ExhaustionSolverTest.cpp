// SPDX-License-Identifier: GPL-3.0-or-later
// The exhaustion fixed point (docs/model.md §5): hand-computed ladders on a flat curve, and on
// random ladders the fixed-point identity and an incremental scan equal to fresh ones.
#include "core/engine/ExhaustionSolver.h"
#include "core/base/CounterRng.h"
#include "core/base/RadixSort.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace levex;

namespace {

// 10 base per 1 %: consuming q base moves price by q/1000 in log.
const DepthCurve kFlat = DepthCurve::flat(10.0);

TriggerLadder ladder(std::vector<double> price, std::vector<double> size) {
    TriggerLadder l;
    l.price = std::move(price);
    l.size = std::move(size);
    for (std::uint32_t i = 0; i < l.price.size(); ++i)
        l.position.push_back(i);
    return l;
}

} // namespace

// Longs at 99 (5), 98 (10) and 90 (100). From 99.5 nothing fires. From 98.9 the 5 at 99 fire and
// take price to 98.9·e^-0.005 = 98.41, above 98. From 98.4 the 5 take it to 97.91, which fires the
// 10 at 98: 98.4·e^-0.015 = 96.94, above 90.
TEST(ExhaustionSolver, DownMovesOnAFlatCurve) {
    const TriggerLadder longs = ladder({99, 98, 90}, {5, 10, 100});
    ExhaustionScan scan(longs, kFlat, true);
    EXPECT_DOUBLE_EQ(scan.at(99.5), 99.5);
    EXPECT_DOUBLE_EQ(scan.at(98.9), 98.9 * std::exp(-0.005));
    EXPECT_DOUBLE_EQ(scan.at(98.4), 98.4 * std::exp(-0.015));
    // From 95 the 90s stay: 95·e^-0.015 = 93.59.
    EXPECT_DOUBLE_EQ(scan.at(95.0), 95.0 * std::exp(-0.015));
    // From 91.3: 91.3·e^-0.015 = 89.94 reaches 90, and the 100 take it on to 91.3·e^-0.115.
    EXPECT_DOUBLE_EQ(scan.at(91.3), 91.3 * std::exp(-0.115));
}

// Shorts mirror it: at 101 (5) and 102 (20); from 101.5 the 5 take price to 101.5·e^0.005 = 102.01,
// which fires the 20: 101.5·e^0.025.
TEST(ExhaustionSolver, UpMovesMirror) {
    const TriggerLadder shorts = ladder({101, 102}, {5, 20});
    ExhaustionScan scan(shorts, kFlat, false);
    EXPECT_DOUBLE_EQ(scan.at(100.5), 100.5);
    EXPECT_DOUBLE_EQ(scan.at(101.5), 101.5 * std::exp(0.025));
}

TEST(ExhaustionSolver, AnEmptyLadderLeavesTheShockedPrice) {
    const TriggerLadder none;
    ExhaustionScan scan(none, kFlat, true);
    EXPECT_DOUBLE_EQ(scan.at(80.0), 80.0);
}

// On random ladders over a V-shaped curve: P* = S·exp(-x(V(P*))) with V(P*) the triggers at or above
// P*, no trigger between P* and the next is left (the first unfired one is below P*), and one scan
// walked down through many shocks gives what a fresh scan gives for each.
TEST(ExhaustionSolver, FixedPointIdentityAndIncrementalScans) {
    const DepthCurve curve = DepthCurve::v_shaped(500.0);
    CounterRng rng(17, 2);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<double> keys, sizes;
        for (int i = 0; i < 2000; ++i) {
            keys.push_back(-100.0 * (1.0 - 0.3 * rng.uniform())); // prices 70..100, highest first
            sizes.push_back(5.0 * rng.exponential());
        }
        radix_sort(keys, sizes);
        for (double& k : keys)
            k = -k;
        const TriggerLadder longs = ladder(keys, sizes);
        ExhaustionScan walked(longs, curve, true);
        for (double shocked = 100.0; shocked > 60.0; shocked -= 0.73) {
            const double p = walked.at(shocked);
            ExhaustionScan fresh(longs, curve, true);
            ASSERT_EQ(p, fresh.at(shocked)) << trial << " " << shocked;
            double fired = 0.0;
            std::size_t i = 0;
            for (; i < keys.size() && keys[i] >= p; ++i)
                fired += sizes[i];
            ASSERT_NEAR(p, shocked * std::exp(-curve.distance(fired)), 1e-12 * shocked);
            ASSERT_LE(p, shocked);
        }
    }
}
