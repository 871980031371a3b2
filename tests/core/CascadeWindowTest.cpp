// SPDX-License-Identifier: GPL-3.0-or-later
// The frame of a run's cascade: its last liquidation or exogenous move, a margin, a minimum width.
#include "core/engine/CascadeWindow.h"

#include "core/base/ResourcePaths.h"
#include "core/engine/Simulation.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/VenueProfile.h"

#include <gtest/gtest.h>

#include <vector>

namespace levex {
namespace {

std::vector<double> liquidations_at(std::size_t steps, std::initializer_list<std::size_t> at) {
    std::vector<double> v(steps, 0.0);
    for (std::size_t t : at)
        v[t] = 1e6;
    return v;
}

TEST(CascadeWindow, EndsAMarginAfterTheLastLiquidation) {
    const std::vector<double> longs = liquidations_at(600, {0, 1, 2, 39});
    const std::vector<double> none(600, 0.0);
    const CascadeWindow w = cascade_window(longs, none, RunParameters{});
    EXPECT_EQ(w.cascade_end, 40u);
    EXPECT_EQ(w.end, 60u); // half the cascade's length again
    EXPECT_FALSE(w.whole_run);
    // Shorts count the same as longs.
    EXPECT_EQ(cascade_window(none, longs, RunParameters{}).end, 60u);
}

TEST(CascadeWindow, AShortCascadeStillShowsTheRecoveryAfterIt) {
    const std::vector<double> longs = liquidations_at(600, {0, 1, 2});
    const std::vector<double> none(600, 0.0);
    const CascadeWindow w = cascade_window(longs, none, RunParameters{});
    EXPECT_EQ(w.cascade_end, 3u);
    EXPECT_EQ(w.end, kCascadeWindowMinSteps); // 3 + 10 would be narrower than the minimum
    // Nothing liquidated: the shock's own step, then the minimum.
    const CascadeWindow quiet = cascade_window(none, none, RunParameters{});
    EXPECT_EQ(quiet.cascade_end, 1u);
    EXPECT_EQ(quiet.end, kCascadeWindowMinSteps);
}

TEST(CascadeWindow, ARampedShockOrAMovingPathIsPartOfTheCascade) {
    const std::vector<double> none(600, 0.0);
    RunParameters ramp;
    ramp.shock_steps = 100;
    EXPECT_EQ(cascade_window(none, none, ramp).cascade_end, 100u);
    EXPECT_EQ(cascade_window(none, none, ramp).end, 150u);
    RunParameters random;
    random.vol = 0.001;
    EXPECT_TRUE(cascade_window(none, none, random).whole_run);
    RunParameters replay;
    replay.price_series_file = "prices.csv";
    EXPECT_EQ(cascade_window(none, none, replay).end, 600u);
}

TEST(CascadeWindow, NeverPastTheStepsRun) {
    const std::vector<double> longs = liquidations_at(12, {0, 11});
    const std::vector<double> none(12, 0.0);
    const CascadeWindow w = cascade_window(longs, none, RunParameters{});
    EXPECT_EQ(w.end, 12u);
    EXPECT_TRUE(w.whole_run);
    EXPECT_EQ(cascade_window(std::vector<double>{}, std::vector<double>{}, RunParameters{}).end, 0u);
}

// The sample book after the default instant shock: the cascade is over long before the 600 steps.
TEST(CascadeWindow, FramesTheSampleCascadeWithinTheRun) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    const PositionBook book = read_positions_csv(sample_book_path()).book;
    RunParameters params;
    params.shock = -0.05;
    const RunResult run = simulate(book, venue, params);
    const RunFrames& f = run.frames;
    const CascadeWindow w = cascade_window(f.liquidated_notional_long, f.liquidated_notional_short, params);
    ASSERT_GT(run.summary.liquidated_count, 0u);
    EXPECT_LT(w.end, f.steps);
    // Every liquidation falls inside the frame, and none after the cascade's end.
    for (std::size_t t = w.cascade_end; t < f.steps; ++t)
        EXPECT_EQ(f.liquidated_notional_long[t] + f.liquidated_notional_short[t], 0.0) << t;
    EXPECT_GT(f.liquidated_notional_long[w.cascade_end - 1] + f.liquidated_notional_short[w.cascade_end - 1], 0.0);
}

} // namespace
} // namespace levex
